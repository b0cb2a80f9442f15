package io.parkgate.agent.device.camera.imaging;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.FrameCheck;
import io.parkgate.agent.device.camera.SnapshotStore;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.lpr.PlateReading;
import io.parkgate.lpr.Recognition;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.RejectReason;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An imaging camera of one lane (docs/protocols.md §4): frames from its source (HTTP, upload directory or
 * stream) wait in a bounded queue for the lane's one recogniser worker, which owns its thread-confined
 * {@link FrameReader}. The best reading of a frame becomes a {@link PlateRead} delivered to
 * {@link LaneEventSink#plate} exactly as a smart camera's {@code $PLATE} report is (confidence 0..1 as
 * 0..100; whether it is good enough is the lane's call), with the frame kept in the
 * {@link SnapshotStore} and its reference in {@code snapshotRef}.
 *
 * <p>A frame with no readable plate becomes a plateless read (like {@code _NONE_}) only when a vehicle
 * stood on the arming loop when it arrived: cameras push on the loop's trigger, and a frame of an empty
 * lane says nothing about a vehicle. A burst that outruns the worker drops the oldest frames, counted
 * ({@link DeviceMetrics#framesDropped}) and logged once per burst.
 *
 * <p>Device state: CONNECTING until the first good frame, CONNECTED while frames are JPEGs,
 * FAULT after {@value #FAULT_AFTER_UNUSABLE} unusable frames in a row or when the recogniser cannot load;
 * a stream source reports its own connection states through {@link #deviceState}.
 */
public final class ImagingCameraDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImagingCameraDriver.class);

    /** Frames waiting for the recogniser; at 20–60 ms a frame, 8 is a few hundred ms of backlog. */
    public static final int QUEUE_CAPACITY = 8;
    /** This many unusable frames in a row, and no good one, mean the camera is misconfigured. */
    public static final int FAULT_AFTER_UNUSABLE = 5;

    private final String laneId;
    private final LaneEventSink sink;
    private final Clock clock;
    private final DeviceMetrics metrics;
    private final SnapshotStore snapshots;
    private final Function<String, String> snapshotRef;
    private final Supplier<FrameReader> readers;
    private final FrameQueue queue;
    private final int queueCapacity;
    private final Thread worker;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong examined = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean loopOccupied;
    private volatile DeviceState state;
    private boolean burst; // guarded by this
    private int unusableInARow; // guarded by this

    /**
     * @param snapshotRef turns a snapshot's store name ({@code yyyy-MM-dd/<uuid>.jpg}) into the reference
     *                    sent with the passage (an http URL of the agent's frame server, or a file URI)
     * @param readers     makes the worker's reader, on the worker's own thread
     */
    public ImagingCameraDriver(String laneId, LaneEventSink sink, Clock clock, DeviceMetrics metrics,
                               SnapshotStore snapshots, Function<String, String> snapshotRef,
                               Supplier<FrameReader> readers, int queueCapacity) {
        this.laneId = Objects.requireNonNull(laneId, "laneId");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.snapshotRef = Objects.requireNonNull(snapshotRef, "snapshotRef");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.queue = new FrameQueue(queueCapacity);
        this.queueCapacity = queueCapacity;
        this.worker = new Thread(this::work, "imaging-" + laneId);
        this.worker.setDaemon(true);
    }

    /** Starts the recogniser worker (it loads the model first: about half a second). */
    public void start() {
        deviceState(DeviceState.CONNECTING, "waiting for the camera's first frame");
        worker.start();
    }

    public String laneId() {
        return laneId;
    }

    /** The arming loop's state, as the lane's I/O controller last reported it. */
    public void armingLoop(boolean occupied) {
        this.loopOccupied = occupied;
    }

    public boolean loopOccupied() {
        return loopOccupied;
    }

    /**
     * A frame arrived. Returns null when it was queued, else why it was refused (empty, not a JPEG, too
     * big): refused frames are never queued and never reach the lane.
     *
     * @param done told once what became of a queued frame
     */
    @SuppressWarnings("ReferenceEquality") // the queue hands back this very frame when it refuses it
    public String accept(byte[] jpeg, String origin, Consumer<FrameOutcome> done) {
        long received = System.nanoTime(); // the frame is complete when it is handed here
        String problem = FrameCheck.problem(jpeg);
        if (problem != null) {
            unusable(origin, problem);
            return problem;
        }
        Frame frame = new Frame(jpeg, clock.instant(), loopOccupied, origin, done, received);
        Frame pushedOut = queue.offer(frame);
        if (pushedOut == frame) {
            return "lane " + laneId + "'s camera is closed";
        }
        goodFrame();
        if (pushedOut != null) {
            dropped.incrementAndGet();
            metrics.framesDropped(LaneDevice.CAMERA, 1);
            synchronized (this) {
                if (!burst) {
                    burst = true;
                    LOG.warn("lane {}: frames arrive faster than they can be read; oldest dropped (queue of {})",
                            laneId, queueCapacity);
                }
            }
            pushedOut.done().accept(new FrameOutcome(FrameOutcome.Kind.DROPPED,
                    "dropped unread: a burst of frames outran the recogniser"));
        }
        return null;
    }

    /** Frames dropped since start because a burst outran the recogniser. */
    public long droppedFrames() {
        return dropped.get();
    }

    /** Frames the recogniser has finished with since start, whatever it found. */
    public long examinedFrames() {
        return examined.get();
    }

    /** Plate reads (plateless ones included) delivered to the lane since start. */
    public long deliveredReads() {
        return delivered.get();
    }

    public DeviceState state() {
        return state;
    }

    /** Reports the camera's state to the lane (status, console) and the metrics, on change only. */
    public void deviceState(DeviceState next, String detail) {
        synchronized (this) {
            if (next == state) {
                return;
            }
            state = next;
        }
        metrics.deviceState(LaneDevice.CAMERA, next);
        sink.deviceState(LaneDevice.CAMERA, next, detail);
    }

    private void goodFrame() {
        boolean recovered;
        synchronized (this) {
            recovered = unusableInARow >= FAULT_AFTER_UNUSABLE;
            unusableInARow = 0;
        }
        if (state == DeviceState.CONNECTING || recovered) {
            deviceState(DeviceState.CONNECTED, recovered ? "good frames again" : "frames arriving");
        }
    }

    private void unusable(String origin, String problem) {
        metrics.frameRejected(LaneDevice.CAMERA, RejectReason.UNEXPECTED_BYTES);
        LOG.warn("lane {}: frame from {} refused: {}", laneId, origin, problem);
        boolean fault;
        synchronized (this) {
            fault = ++unusableInARow == FAULT_AFTER_UNUSABLE;
        }
        if (fault) {
            deviceState(DeviceState.FAULT, FAULT_AFTER_UNUSABLE + " unusable frames in a row, last: " + problem);
        }
    }

    private void work() {
        FrameReader reader;
        try {
            reader = readers.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("lane {}: the plate recogniser could not be loaded; imaging camera out of service", laneId, e);
            deviceState(DeviceState.FAULT, "plate recogniser could not be loaded: " + e);
            return;
        }
        while (running) {
            Frame frame;
            try {
                frame = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (frame == null) {
                synchronized (this) {
                    burst = false; // the queue ran dry: the next drop is a new burst
                }
                continue;
            }
            try {
                frame.done().accept(examine(reader, frame));
            } catch (RuntimeException e) {
                // Never let one frame take the camera down; the lane simply gets no read from it.
                LOG.error("lane {}: frame from {} could not be handled", laneId, frame.origin(), e);
            } finally {
                examined.incrementAndGet();
            }
        }
    }

    private FrameOutcome examine(FrameReader reader, Frame frame) {
        long started = System.nanoTime();
        Recognition recognition = reader.examine(frame.jpeg());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.recognition(took, recognition.problem().isPresent() ? DeviceMetrics.LprResult.UNUSABLE
                : !recognition.readings().isEmpty() ? DeviceMetrics.LprResult.READ : DeviceMetrics.LprResult.NO_PLATE);
        if (recognition.problem().isPresent()) {
            String why = recognition.problem().get();
            metrics.frameRejected(LaneDevice.CAMERA, RejectReason.MALFORMED_FIELD);
            LOG.warn("lane {}: frame from {} unusable: {}", laneId, frame.origin(), why);
            return new FrameOutcome(FrameOutcome.Kind.UNUSABLE, why);
        }
        if (!recognition.readings().isEmpty()) {
            PlateReading best = recognition.readings().get(0);
            int confidence = (int) Math.round(Math.max(0, Math.min(1, best.confidence())) * 100);
            deliver(new PlateRead(best.text(), best.colour(), confidence, keep(frame)), frame);
            LOG.info("lane {}: plate {} {} confidence {} read from {}", laneId, best.text(), best.colour(), confidence,
                    frame.origin());
            return new FrameOutcome(FrameOutcome.Kind.READ, best.text());
        }
        if (frame.loopOccupied()) {
            deliver(new PlateRead(null, PlateColour.UNKNOWN, 0, keep(frame)), frame);
            LOG.info("lane {}: no plate readable in the frame from {} (vehicle on the loop)", laneId, frame.origin());
        } else {
            LOG.debug("lane {}: no plate in the frame from {}, arming loop empty", laneId, frame.origin());
        }
        return new FrameOutcome(FrameOutcome.Kind.NO_PLATE, "no plate read");
    }

    private void deliver(PlateRead read, Frame frame) {
        sink.plate(read, clock.instant(), frame.receivedNanos());
        delivered.incrementAndGet();
        metrics.delivered(LaneDevice.CAMERA);
    }

    /** The frame as evidence; null when it could not be written (a full disk must not stop the lane). */
    private String keep(Frame frame) {
        try {
            return snapshotRef.apply(snapshots.save(frame.jpeg(), frame.receivedAt()));
        } catch (UncheckedIOException e) {
            LOG.warn("lane {}: {}", laneId, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        // Frames still waiting are not examined and not filed: a directory source finds them again at start.
        queue.close();
        worker.interrupt();
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deviceState(DeviceState.CLOSED, null);
    }
}
