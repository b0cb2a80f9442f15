package io.parkgate.agent.device.camera.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.SnapshotStore;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.lpr.OpenCvNative;
import io.parkgate.lpr.Recognition;
import io.parkgate.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.videoio.VideoWriter;

/** A stream source on a real MJPEG file opened by OpenCV: frames only on the loop's trigger, honest states, reopening.
 * */
class StreamFrameSourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final RecordingLaneEventSink sink = new RecordingLaneEventSink();
    private final AtomicInteger examined = new AtomicInteger();

    private ImagingCameraDriver camera() {
        Clock clock = Clock.systemUTC();
        return new ImagingCameraDriver("lane-1", sink, clock, DeviceMetrics.NOOP, new SnapshotStore(dir, clock),
                n -> n, () -> jpeg -> {
                    examined.incrementAndGet();
                    return new Recognition(List.of(), Optional.empty());
                }, ImagingCameraDriver.QUEUE_CAPACITY);
    }

    /** A 3-second grey MJPEG clip at 10 frames per second. */
    private Path clip() {
        OpenCvNative.load();
        Path file = dir.resolve("lane.avi");
        VideoWriter writer = new VideoWriter(file.toString(), VideoWriter.fourcc('M', 'J', 'P', 'G'), 10,
                new Size(320, 240));
        assertTrue(writer.isOpened(), "OpenCV can write MJPEG");
        Mat frame = new Mat(240, 320, CvType.CV_8UC3, new Scalar(90, 90, 90));
        for (int i = 0; i < 30; i++) {
            writer.write(frame);
        }
        writer.release();
        frame.release();
        return file;
    }

    /** Verifies that an open stream costs no recognition while no vehicle stands on the arming loop. */
    @Test
    void noFramesWithoutAVehicle() throws Exception {
        Path file = clip();
        try (ImagingCameraDriver camera = camera();
             StreamFrameSource source = new StreamFrameSource(new ImagingSource.Stream("file://" + file), camera)) {
            camera.start();
            source.start();
            Await.until(PATIENCE, "stream open", () -> camera.state() == DeviceState.CONNECTED);
            source.armingLoop(false);
            java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
            never.await(500, java.util.concurrent.TimeUnit.MILLISECONDS); // five frames of the clip go by
            assertEquals(0, examined.get(), "an empty lane costs no recognition");
        }
    }

    /** Verifies that a vehicle on the loop gets a frame examined at once and a plateless read (no plate in a grey
     * frame). */
    @Test
    void aVehicleOnTheLoopGetsItsFrameRead() {
        Path file = clip();
        try (ImagingCameraDriver camera = camera();
             StreamFrameSource source = new StreamFrameSource(new ImagingSource.Stream("file://" + file), camera)) {
            camera.start();
            source.start();
            Await.until(PATIENCE, "stream open", () -> camera.state() == DeviceState.CONNECTED);
            source.armingLoop(true);
            camera.armingLoop(true);
            Await.until(PATIENCE, "frame examined", () -> examined.get() >= 1);
            Await.until(PATIENCE, "plateless read", () -> !sink.plates.isEmpty());
            assertTrue(sink.plates.get(0).plateless());
            Await.until(PATIENCE, "at most 3 frames for the vehicle, then the clip ends and is reopened",
                    () -> sink.stateSequence().contains(DeviceState.WAITING_FOR_RETRY)
                            && sink.lastState() == DeviceState.CONNECTED);
            assertTrue(examined.get() <= StreamFrameSource.FRAMES_PER_VEHICLE, "frames: " + examined.get());
        }
    }

    /** Verifies that a stream that cannot be opened is retried, with the camera WAITING_FOR_RETRY and saying why. */
    @Test
    void unopenableStreamWaitsForRetry() {
        try (ImagingCameraDriver camera = camera();
             StreamFrameSource source = new StreamFrameSource(
                     new ImagingSource.Stream("file://" + dir.resolve("missing.avi")), camera)) {
            camera.start();
            source.start();
            Await.until(PATIENCE, "waiting for retry", () -> camera.state() == DeviceState.WAITING_FOR_RETRY);
            assertTrue(sink.states.stream().anyMatch(s -> s.detail() != null && s.detail().contains(
                    "could not be opened")),
                    sink.states.toString());
        }
    }
}
