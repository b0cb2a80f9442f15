package io.parkgate.simulator.device;

import io.parkgate.lpr.synth.Placement;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.plate.PlateColour;
import io.parkgate.simulator.report.EventLog;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.time.SimScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An imaging plate camera (docs/protocols.md §4): when a vehicle stops on the arming loop it pushes one
 * 1280×720 frame of the vehicle's own plate, rendered by the recogniser's {@link SyntheticPlateRenderer},
 * to the agent ({@link FramePush}: HTTP POST or an upload directory), with the smart camera's timing
 * ({@link SmartCameraSim#FIRST_REPORT} after the vehicle stops). The frame is rendered ahead, from the
 * vehicle's arrival in the lane ({@link #vehicleApproaching}).
 *
 * <p>Placement ({@link #placement}): bottom-middle of the frame as a lane camera sees a stopped car,
 * 100–250 px wide, tilted up to ±5°, a little yaw, one frame in five at night; a MISREAD vehicle's plate is
 * dirty and blurred; a plateless vehicle's frame shows no plate. Choices are drawn from the simulator's
 * seeded random on the caller's thread; rendering happens on the camera's own thread (the renderer is
 * thread-confined and slow) and pushing on another, so neither holds up the scheduler or other lanes.
 */
public final class ImagingCameraSim implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImagingCameraSim.class);

    public static final Duration FIRST_FRAME = SmartCameraSim.FIRST_REPORT;

    private final String lane;
    private final FramePush push;
    private final SimScheduler scheduler;
    private final EventLog events;
    private final Random random;
    private final long renderSeed;
    private final ExecutorService camera;
    private final ExecutorService pusher;
    private final CompletableFuture<Void> warm;
    private SyntheticPlateRenderer renderer; // camera thread only

    public ImagingCameraSim(String lane, FramePush push, SimScheduler scheduler, EventLog events, Random random) {
        this.lane = lane;
        this.push = push;
        this.scheduler = scheduler;
        this.events = events;
        this.random = random;
        this.renderSeed = random.nextLong();
        this.camera = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "imaging-camera-" + lane);
            t.setDaemon(true);
            return t;
        });
        this.pusher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "imaging-push-" + lane);
            t.setDaemon(true);
            return t;
        });
        // The first render loads OpenCV and the fonts (a second or more): not while a vehicle waits.
        this.warm = CompletableFuture.runAsync(this::warmUp, camera);
    }

    private void warmUp() {
        try {
            Random r = new Random(0);
            for (int i = 0; i < 3; i++) {
                renderer().renderFrame("粤B0000" + i, PlateColour.BLUE, placement(r, false, false));
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.error("{}: the imaging camera cannot render frames", lane, e);
        }
    }

    /** Whether the first renders (OpenCV, fonts, JIT: seconds) are behind it, so frames come promptly. */
    public boolean warmedUp() {
        return warm.isDone();
    }

    private SyntheticPlateRenderer renderer() {
        if (renderer == null) {
            renderer = new SyntheticPlateRenderer(renderSeed);
        }
        return renderer;
    }

    /** A vehicle's frame: rendered ahead (from its arrival in the lane), pushed when it stops on the loop. */
    public static final class Shot {
        private final CompletableFuture<byte[]> jpeg;
        private final String plate;
        private final Placement placement;
        private final String vehicle;

        private Shot(CompletableFuture<byte[]> jpeg, String plate, Placement placement, String vehicle) {
            this.jpeg = jpeg;
            this.plate = plate;
            this.placement = placement;
            this.vehicle = vehicle;
        }
    }

    /**
     * A vehicle joined the lane: its frame is rendered now, ahead of time. Rendering takes 150–300 ms of
     * real time, which the simulated clock (×10) would otherwise turn into seconds the real camera never
     * needs; only a vehicle arriving at an empty lane still waits for its render.
     *
     * @param plate   the plate in view, or null for a plateless or covered one
     * @param misread the plate is hard to read (dirty, blurred)
     */
    public Shot vehicleApproaching(String plate, PlateColour colour, boolean misread, String vehicle) {
        Placement placement = placement(random, plate == null, misread);
        PlateColour shown = colour == null ? PlateColour.BLUE : colour;
        CompletableFuture<byte[]> jpeg = CompletableFuture.supplyAsync(() -> render(plate, shown, placement), camera);
        return new Shot(jpeg, plate, placement, vehicle);
    }

    /** The vehicle stopped on the arming loop: its frame is pushed {@link #FIRST_FRAME} later (or once rendered). */
    @SuppressWarnings("FutureReturnValueIgnored") // the frame's failure is logged in whenCompleteAsync
    public void vehicleOnLoop(Shot shot) {
        scheduler.schedule(FIRST_FRAME, () -> shot.jpeg.whenCompleteAsync((jpeg, failure) -> {
            if (failure != null) {
                LOG.error("{}: the camera could not render a frame of {}", lane, shot.vehicle, failure);
            } else {
                push(jpeg, shot);
            }
        }, pusher));
    }

    /** Renders and pushes at once: {@link #vehicleApproaching} then {@link #vehicleOnLoop}. */
    public void vehicleOnLoop(String plate, PlateColour colour, boolean misread, String vehicle) {
        vehicleOnLoop(vehicleApproaching(plate, colour, misread, vehicle));
    }

    /** Where and how the plate appears: realistic for a lane camera, and within the recogniser's spec. */
    public static Placement placement(Random random, boolean plateless, boolean misread) {
        double width = 100 + random.nextDouble() * 150;
        double cx = plateless ? -4000 : 640 + (random.nextDouble() * 2 - 1) * 120;
        double cy = 520 + random.nextDouble() * 110;
        double tilt = (random.nextDouble() * 2 - 1) * 5;
        double yaw = random.nextDouble() * 0.08;
        boolean night = random.nextInt(5) == 0;
        double dirt = misread ? 0.5 + random.nextDouble() * 0.3 : random.nextInt(6) == 0
                ? random.nextDouble() * 0.2 : 0;
        double blur = misread ? 1.5 + random.nextDouble() * 0.7 : random.nextDouble() * 0.6;
        double noise = random.nextDouble() * 4;
        return new Placement(cx, cy, width, tilt, yaw, night, dirt, blur, noise);
    }

    private byte[] render(String plate, PlateColour colour, Placement placement) {
        // a plateless vehicle: the scene is rendered with the plate placed out of view
        return renderer().renderFrame(plate == null ? "京A00000" : plate, colour, placement).jpeg();
    }

    private void push(byte[] jpeg, Shot shot) {
        String how = String.format("frame %d bytes, plate %s %.0f px%s", jpeg.length,
                shot.plate == null ? "none" : shot.plate, shot.placement.widthPx(), shot.placement.night()
                        ? " night" : "");
        try {
            String result = push.push(jpeg);
            events.add(new SimEvent(scheduler.now(), lane, SimEvent.Type.PLATE_SENT, shot.vehicle, how + " -> "
                    + result));
        } catch (IOException e) {
            LOG.warn("{}: frame of {} not delivered: {}", lane, shot.vehicle, e.getMessage());
            events.add(new SimEvent(scheduler.now(), lane, SimEvent.Type.PLATE_SENT, shot.vehicle,
                    how + " NOT delivered: " + e.getMessage()));
        }
    }

    @Override
    public void close() {
        camera.shutdownNow();
        pusher.shutdownNow();
        try {
            camera.awaitTermination(2, TimeUnit.SECONDS);
            pusher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
