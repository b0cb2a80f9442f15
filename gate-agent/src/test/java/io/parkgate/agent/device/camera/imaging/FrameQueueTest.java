package io.parkgate.agent.device.camera.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.SnapshotStore;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.lpr.Recognition;
import io.parkgate.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recogniser's queue under a burst: the oldest frames give way, counted, and the newest are read. */
class FrameQueueTest {

    @TempDir
    Path dir;

    /** Verifies that a full queue drops its oldest frame and hands back the one it dropped. */
    @Test
    void fullQueueDropsTheOldest() throws Exception {
        FrameQueue q = new FrameQueue(2);
        Frame a = frame("a");
        Frame b = frame("b");
        Frame c = frame("c");
        assertNull(q.offer(a));
        assertNull(q.offer(b));
        assertEquals(a, q.offer(c));
        assertEquals(b, q.poll(1, TimeUnit.SECONDS));
        assertEquals(c, q.poll(1, TimeUnit.SECONDS));
        assertNull(q.poll(10, TimeUnit.MILLISECONDS));
    }

    /** Verifies that a burst behind a busy recogniser drops frames, counts each in the metric, and still reads the
     * newest. */
    @Test
    void burstDropsAreCountedAndTheNewestFramesRead() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        List<Integer> examined = new CopyOnWriteArrayList<>();
        AtomicInteger droppedMetric = new AtomicInteger();
        DeviceMetrics metrics = new CountingMetrics(droppedMetric);
        RecordingLaneEventSink sink = new RecordingLaneEventSink();
        Clock clock = Clock.systemUTC();
        List<FrameOutcome.Kind> outcomes = new CopyOnWriteArrayList<>();
        try (ImagingCameraDriver camera = new ImagingCameraDriver("lane-1", sink, clock, metrics,
                new SnapshotStore(dir, clock), n -> n, () -> jpeg -> {
                    examined.add((int) jpeg[4]);
                    try {
                        busy.await(5, TimeUnit.SECONDS); // the recogniser is slow while the burst arrives
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Recognition(List.of(), Optional.empty());
                }, 3)) {
            camera.start();
            for (int i = 0; i < 10; i++) {
                byte[] jpeg = FrameServerTest.JPEG.clone();
                jpeg[4] = (byte) i;
                assertNull(camera.accept(jpeg, "burst " + i, o -> outcomes.add(o.kind())));
                if (i == 0) {
                    Await.until(Duration.ofSeconds(5), "first frame taken", () -> examined.size() == 1);
                }
            }
            busy.countDown();
            Await.until(Duration.ofSeconds(5), "all handled", () -> outcomes.size() == 10);
            // frame 0 was being read; 1..6 pushed out by 4..9; the queue of 3 kept 7, 8, 9
            assertEquals(List.of(0, 7, 8, 9), examined);
            assertEquals(6, camera.droppedFrames());
            assertEquals(6, droppedMetric.get());
            assertEquals(6, outcomes.stream().filter(k -> k == FrameOutcome.Kind.DROPPED).count());
            assertTrue(sink.plates.isEmpty(), "no vehicle on the loop: empty frames say nothing");
        }
    }

    private static Frame frame(String origin) {
        return new Frame(new byte[] {1}, Instant.EPOCH, false, origin, null);
    }

    /** Counts only dropped frames. */
    private record CountingMetrics(AtomicInteger dropped) implements DeviceMetrics {
        @Override
        public void framesDropped(LaneDevice device, int count) {
            dropped.addAndGet(count);
        }
    }
}
