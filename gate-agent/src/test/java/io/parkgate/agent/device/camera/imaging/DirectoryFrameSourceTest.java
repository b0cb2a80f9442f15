package io.parkgate.agent.device.camera.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.SnapshotStore;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.lpr.PlateReading;
import io.parkgate.lpr.Recognition;
import io.parkgate.plate.PlateColour;
import io.parkgate.testing.Await;
import java.awt.geom.Point2D;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload-directory source on a real directory: each file read once, then filed; garbage filed with its reason. */
class DirectoryFrameSourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
    private final RecordingLaneEventSink sink = new RecordingLaneEventSink();
    /** Sizes of the frames the recogniser examined, in order. */
    private final List<Integer> examined = new CopyOnWriteArrayList<>();
    private Path uploads;
    private ImagingCameraDriver camera;
    private DirectoryFrameSource source;

    @BeforeEach
    void setUp() {
        uploads = dir.resolve("uploads");
        camera = new ImagingCameraDriver("lane-1", sink, clock, DeviceMetrics.NOOP,
                new SnapshotStore(dir.resolve("lane-1"), clock), name -> name, () -> jpeg -> {
                    examined.add(jpeg.length);
                    return new Recognition(List.of(new PlateReading("粤B12345", PlateColour.BLUE,
                            new double[] {0.9}, 0.9, new Point2D[4])), Optional.empty());
                }, ImagingCameraDriver.QUEUE_CAPACITY);
        camera.start();
        source = new DirectoryFrameSource(uploads, camera);
    }

    @AfterEach
    void tearDown() {
        source.close();
        camera.close();
    }

    private static byte[] jpeg(int size) {
        byte[] b = new byte[size];
        System.arraycopy(FrameServerTest.JPEG, 0, b, 0, FrameServerTest.JPEG.length);
        return b;
    }

    /** Writes under a temporary name and renames: the convention the source documents. */
    private void upload(String name, byte[] bytes) throws Exception {
        Path part = uploads.resolve(name + ".part");
        Files.write(part, bytes);
        Files.move(part, uploads.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Verifies that a file present at start and a file renamed in later are each read exactly once and moved to
     * processed/. */
    @Test
    void eachFileIsReadOnceAndMovedToProcessed() throws Exception {
        Files.createDirectories(uploads);
        upload("early.jpg", jpeg(1000));
        source.start();
        Await.until(PATIENCE, "watching", () -> camera.state() == DeviceState.CONNECTED);
        upload("late.jpg", jpeg(2000));
        Await.until(PATIENCE, "both filed", () -> Files.exists(uploads.resolve("processed/early.jpg"))
                && Files.exists(uploads.resolve("processed/late.jpg")));
        Await.until(PATIENCE, "two reads", () -> sink.plates.size() == 2);
        assertFalse(Files.exists(uploads.resolve("early.jpg")));
        assertFalse(Files.exists(uploads.resolve("late.jpg")));
        // a file written in place, slowly, is taken only once it is complete
        try (OutputStream out = Files.newOutputStream(uploads.resolve("slow.jpg"))) {
            out.write(jpeg(3000), 0, 1500);
            out.flush();
            // the camera pauses mid-upload for a fifth of the stability period
            new java.util.concurrent.CountDownLatch(1).await(DirectoryFrameSource.STABLE_MS / 5,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        try (OutputStream out = Files.newOutputStream(uploads.resolve("slow.jpg"),
                java.nio.file.StandardOpenOption.APPEND)) {
            out.write(new byte[1500]);
        }
        Await.until(PATIENCE, "slow filed", () -> Files.exists(uploads.resolve("processed/slow.jpg")));
        Await.until(PATIENCE, "three reads", () -> sink.plates.size() == 3);
        assertEquals(List.of(1000, 2000, 3000), examined, "each file examined once, whole");
        assertEquals(3, sink.plates.size());
        assertTrue(Files.notExists(uploads.resolve("failed/slow.jpg")));
    }

    /** Verifies that garbage and empty files go to failed/ with a reason file, are never examined, and the camera goes
     * on. */
    @Test
    void garbageGoesToFailedWithItsReason() throws Exception {
        source.start();
        Await.until(PATIENCE, "watching", () -> camera.state() == DeviceState.CONNECTED);
        upload("garbage.jpg", "this is not a picture".getBytes(StandardCharsets.US_ASCII));
        upload("empty.jpg", new byte[0]);
        upload("notes.txt", "ignored".getBytes(StandardCharsets.US_ASCII));
        Await.until(PATIENCE, "garbage filed", () -> Files.exists(uploads.resolve("failed/garbage.jpg"))
                && Files.exists(uploads.resolve("failed/empty.jpg")));
        assertTrue(Files.readString(uploads.resolve("failed/garbage.jpg.reason.txt")).contains("not a JPEG"));
        assertTrue(Files.readString(uploads.resolve("failed/empty.jpg.reason.txt")).contains("empty"));
        upload("good.jpg", jpeg(500));
        Await.until(PATIENCE, "good filed", () -> Files.exists(uploads.resolve("processed/good.jpg")));
        assertEquals(List.of(500), examined, "garbage never reached the recogniser");
        assertTrue(Files.exists(uploads.resolve("notes.txt")), "other files are left alone");
    }
}
