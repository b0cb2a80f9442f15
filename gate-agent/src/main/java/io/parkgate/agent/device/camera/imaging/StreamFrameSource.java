package io.parkgate.agent.device.camera.imaging;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.lpr.OpenCvNative;
import io.parkgate.retry.Backoff;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An imaging camera seen as a video stream OpenCV opens (RTSP, HTTP MJPEG, a file), on its own thread.
 * The stream is read continuously (so the frame taken is the current one, not a buffered one) and a
 * frame is handed to the recogniser when the arming loop triggers, then every {@link #REPEAT} while the
 * vehicle stays on the loop, at most {@value #FRAMES_PER_VEHICLE} per vehicle: a lane with no vehicle
 * costs no recognition. A stream that cannot be opened or stops delivering is reopened with back-off;
 * the device state says which (CONNECTING, CONNECTED, WAITING_FOR_RETRY).
 */
public final class StreamFrameSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamFrameSource.class);

    static final Duration REPEAT = Duration.ofMillis(700);
    static final int FRAMES_PER_VEHICLE = 3;
    private static final Backoff RETRY = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    /** A file has no frame rate of its own pace: read it as a camera would deliver it. */
    private static final double DEFAULT_FPS = 10;

    private final ImagingSource.Stream source;
    private final ImagingCameraDriver camera;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean triggered;
    private volatile boolean occupied;
    private int sentForVehicle; // stream thread only
    private long lastSentNanos; // stream thread only

    public StreamFrameSource(ImagingSource.Stream source, ImagingCameraDriver camera) {
        this.source = Objects.requireNonNull(source, "source");
        this.camera = Objects.requireNonNull(camera, "camera");
        this.thread = new Thread(this::run, "imaging-stream-" + camera.laneId());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The arming loop changed; a vehicle arriving asks for a frame now. */
    public synchronized void armingLoop(boolean nowOccupied) {
        if (nowOccupied && !occupied) {
            triggered = true;
        }
        occupied = nowOccupied;
    }

    private void run() {
        try {
            OpenCvNative.load();
        } catch (RuntimeException | LinkageError e) {
            camera.deviceState(DeviceState.FAULT, "OpenCV could not be loaded: " + e);
            return;
        }
        int failures = 0;
        Mat frame = new Mat();
        while (stopped.getCount() > 0) {
            camera.deviceState(DeviceState.CONNECTING, "opening " + source.url());
            VideoCapture capture = new VideoCapture();
            String why;
            try {
                if (capture.open(source.captureTarget())) {
                    failures = 0;
                    camera.deviceState(DeviceState.CONNECTED, "stream " + source.url() + " open");
                    why = read(capture, frame);
                } else {
                    why = "stream " + source.url() + " could not be opened";
                }
            } catch (RuntimeException e) {
                why = "stream " + source.url() + " failed: " + e.getMessage();
            } finally {
                capture.release();
            }
            if (why == null) {
                break; // closed on purpose
            }
            failures++;
            Duration delay = RETRY.delayAfter(failures);
            camera.deviceState(DeviceState.WAITING_FOR_RETRY, why + "; retry in " + delay.toMillis() + " ms");
            if (await(delay.toMillis())) {
                break;
            }
        }
        frame.release();
    }

    /** Reads until the stream stops (returns why) or the source is closed (returns null). */
    private String read(VideoCapture capture, Mat frame) {
        boolean file = source.url().startsWith("file://");
        double fps = capture.get(Videoio.CAP_PROP_FPS);
        long pace = Math.round(1000 / (fps > 0 && fps < 120 ? fps : DEFAULT_FPS));
        while (stopped.getCount() > 0) {
            if (!capture.read(frame) || frame.empty()) {
                return "stream " + source.url() + " stopped delivering frames";
            }
            if (wanted()) {
                byte[] jpeg = encode(frame);
                if (jpeg != null) {
                    camera.accept(jpeg, source.url(), null);
                }
            }
            // A live stream blocks in read() at its own rate; a file would be read as fast as it decodes.
            if (file && await(pace)) {
                return null;
            }
        }
        return null;
    }

    private boolean wanted() {
        long now = System.nanoTime();
        if (triggered) {
            triggered = false;
            sentForVehicle = 1;
            lastSentNanos = now;
            return true;
        }
        if (occupied && sentForVehicle > 0 && sentForVehicle < FRAMES_PER_VEHICLE
                && now - lastSentNanos >= REPEAT.toNanos()) {
            sentForVehicle++;
            lastSentNanos = now;
            return true;
        }
        if (!occupied) {
            sentForVehicle = 0;
        }
        return false;
    }

    private static byte[] encode(Mat frame) {
        MatOfByte buffer = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(".jpg", frame, buffer, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90))) {
                LOG.warn("a stream frame could not be encoded as JPEG");
                return null;
            }
            return buffer.toArray();
        } finally {
            buffer.release();
        }
    }

    /** Waits {@code millis}; true when closed meanwhile. */
    private boolean await(long millis) {
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
