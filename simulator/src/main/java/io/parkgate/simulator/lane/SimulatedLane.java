package io.parkgate.simulator.lane;

import io.parkgate.config.Direction;
import io.parkgate.simulator.device.BarrierArm;
import io.parkgate.simulator.device.CardReaderSim;
import io.parkgate.simulator.device.ImagingCameraSim;
import io.parkgate.simulator.device.IoControllerSim;
import io.parkgate.simulator.device.SmartCameraSim;
import io.parkgate.simulator.device.VendorCameraSim;
import io.parkgate.simulator.device.WireFault;
import io.parkgate.simulator.report.EventLog;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.time.SimScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One lane's traffic: vehicles queue, move up onto the arming loop one at a time, show their plate to
 * the camera and their card to the reader, wait until the arm is fully up (or give up after their
 * patience), and cross: arming loop off, safety loop on for a dwell time, off, gone. Forcing and
 * tailgating vehicles do what their names say. All steps run as tasks of the {@link SimScheduler}.
 */
public final class SimulatedLane {

    private static final Duration TAILGATE_GAP = Duration.ofMillis(500);

    private final String id;
    private final Direction direction;
    private final IoControllerSim io;
    private final CardReaderSim reader;
    private final SmartCameraSim camera;
    private final ImagingCameraSim imaging;
    private final VendorCameraSim vendor;
    private final SimScheduler scheduler;
    private final EventLog events;
    private final Random random;
    private final LaneTiming timing;
    private final Deque<Visit> queue = new ArrayDeque<>();
    private final List<Visit> crossing = new ArrayList<>();
    private final List<Passage> passages = new ArrayList<>();
    private final List<Consumer<Passage>> passageListeners = new CopyOnWriteArrayList<>();
    private Visit front;
    private boolean moveUpPending;
    private Instant lastGone = Instant.MIN;

    /**
     * @param reader the lane's card reader, or null when the lane has none
     * @param camera the lane's smart camera, or null (imaging camera or none)
     */
    public SimulatedLane(String id, Direction direction, IoControllerSim io, CardReaderSim reader,
                         SmartCameraSim camera, SimScheduler scheduler, EventLog events, Random random,
                         LaneTiming timing) {
        this(id, direction, io, reader, camera, null, scheduler, events, random, timing);
    }

    /**
     * @param reader  the lane's card reader, or null when the lane has none
     * @param camera  the lane's smart camera, or null (imaging camera or none)
     * @param imaging the lane's imaging camera, or null (smart camera or none)
     */
    public SimulatedLane(String id, Direction direction, IoControllerSim io, CardReaderSim reader,
                         SmartCameraSim camera, ImagingCameraSim imaging, SimScheduler scheduler, EventLog events,
                         Random random, LaneTiming timing) {
        this(id, direction, io, reader, camera, imaging, null, scheduler, events, random, timing);
    }

    /**
     * @param vendor the lane's vendor camera pushing over HTTP (Zhenshi, Hikvision, Dahua), or null
     */
    public SimulatedLane(String id, Direction direction, IoControllerSim io, CardReaderSim reader,
                         SmartCameraSim camera, ImagingCameraSim imaging, VendorCameraSim vendor,
                         SimScheduler scheduler, EventLog events, Random random, LaneTiming timing) {
        this.id = id;
        this.vendor = vendor;
        this.imaging = imaging;
        this.direction = direction;
        this.io = io;
        this.reader = reader;
        this.camera = camera;
        this.scheduler = scheduler;
        this.events = events;
        this.random = random;
        this.timing = timing;
        // Arm changes come from the wire's thread: hop onto the scheduler so lane logic runs on one thread.
        io.onArmChange(state -> scheduler.schedule(Duration.ZERO, () -> armChanged(state)));
    }

    public String id() {
        return id;
    }

    public Direction direction() {
        return direction;
    }

    public IoControllerSim io() {
        return io;
    }

    /** Called with every finished passage (passed, forced, tailgated or given up). */
    public void onPassage(Consumer<Passage> listener) {
        passageListeners.add(listener);
    }

    /** A vehicle joins the lane's queue now; {@code expect} may be null. */
    public synchronized void arrive(SimulatedVehicle vehicle, Expectation expect) {
        Visit v = new Visit(vehicle, expect, scheduler.now());
        if (imaging != null) {
            v.shot = imaging.vehicleApproaching(vehicle.visiblePlate(), vehicle.colour(),
                    vehicle.behaviour() == Behaviour.MISREAD, vehicle.label());
        }
        queue.add(v);
        event(SimEvent.Type.VEHICLE_ARRIVED, vehicle, vehicle.behaviour() + (vehicle.card() != null
                ? " card " + vehicle.card() : ""));
        if (front == null && !moveUpPending) {
            moveUpPending = true;
            scheduler.schedule(Duration.ZERO, this::moveUp);
        }
    }

    /** True while a vehicle is in the lane, the arm moves, or the lane has just been used. */
    public synchronized boolean busy() {
        if (front != null || !queue.isEmpty() || !crossing.isEmpty() || io.busy()) {
            return true;
        }
        // Give the agent time to close after the last vehicle, so its CLOSE lands at a true time.
        return io.armState() != BarrierArm.State.CLOSED
                && scheduler.now().isBefore(lastGone.plus(timing.settle()));
    }

    public synchronized List<Passage> passages() {
        return List.copyOf(passages);
    }

    public synchronized int queueLength() {
        return queue.size() + (front != null ? 1 : 0);
    }

    // ---- the steps ----

    private synchronized void moveUp() {
        moveUpPending = false;
        if (front != null || queue.isEmpty()) {
            return;
        }
        Visit v = queue.poll();
        front = v;
        v.onLoopAt = scheduler.now();
        v.openPulsesAtLoop = io.openPulses();
        v.follower = v.vehicle.behaviour() == Behaviour.TAILGATE && !crossing.isEmpty();
        SimulatedVehicle car = v.vehicle;
        io.armingLoop(true, car.label());
        if (camera != null) {
            camera.vehicleOnLoop(car.visiblePlate(), car.colour(), 1 + random.nextInt(3),
                    car.behaviour() == Behaviour.MISREAD, car.label());
        }
        if (imaging != null) {
            imaging.vehicleOnLoop(v.shot);
        }
        if (vendor != null) {
            vendor.vehicleOnLoop(car.visiblePlate(), car.colour(), car.behaviour() == Behaviour.MISREAD, car.label());
        }
        if (reader != null && car.presentsCard()) {
            Duration delay = timing.cardDelay().pick(random);
            if (car.behaviour() == Behaviour.FAULTY_CARD_READ) {
                scheduler.schedule(delay, () -> reader.inject(WireFault.BAD_CHECKSUM, car.card(), car.label()));
                scheduler.schedule(delay.plusMillis(150),
                        () -> reader.inject(WireFault.TRUNCATED, car.card(), car.label()));
                delay = delay.plusMillis(400);
            }
            Duration hold = timing.cardHold().pick(random);
            scheduler.schedule(delay, () -> presentCard(v, hold));
        }
        if (v.expect != null) {
            scheduler.schedule(v.expect.within(), () -> expectationDeadline(v));
        }
        if (car.behaviour() == Behaviour.FORCE) {
            scheduler.schedule(timing.forceDelay().pick(random), () -> ram(v));
        }
        v.patienceTimer = scheduler.schedule(car.patience(), () -> giveUp(v));
    }

    /** The driver reaches out with the card, unless the barrier already opened for him or he left. */
    private synchronized void presentCard(Visit v, Duration hold) {
        if (front == v && io.openPulses() == v.openPulsesAtLoop) {
            v.cardInField = reader.present(v.vehicle.card(), hold, v.vehicle.label());
        }
    }

    private synchronized void armChanged(BarrierArm.State state) {
        // a driver goes when the arm is up for him: an OPEN given since he stopped on the loop
        if (state == BarrierArm.State.OPEN && front != null && !front.follower
                && io.armState() == BarrierArm.State.OPEN && io.openPulses() > front.openPulsesAtLoop) {
            armOpenFor(front);
        }
    }

    private void armOpenFor(Visit v) {
        if (v.armOpenAt == null) {
            v.armOpenAt = scheduler.now();
            settleExpectation(v, true);
        }
        if (!v.crossScheduled) {
            v.crossScheduled = true;
            scheduler.schedule(timing.reaction().pick(random), () -> cross(v));
        }
    }

    private synchronized void ram(Visit v) {
        if (front == v && !v.crossScheduled) {
            v.crossScheduled = true;
            cross(v);
        }
    }

    private synchronized void cross(Visit v) {
        if (front != v) {
            return; // gave up meanwhile
        }
        v.patienceTimer.cancel();
        takeCardAway(v);
        front = null;
        crossing.add(v);
        // the car spans both loops for a moment: safety on first, then the arming loop clears
        v.crossedAt = scheduler.now();
        v.forced = io.armState() == BarrierArm.State.CLOSED;
        io.safetyLoop(true, v.vehicle.label());
        scheduler.schedule(timing.loopGap(), () -> leaveArming(v));
        scheduler.schedule(timing.safetyDwell().pick(random), () -> leaveSafety(v));
    }

    private synchronized void leaveArming(Visit v) {
        io.armingLoop(false, v.vehicle.label());
        scheduleMoveUp();
    }

    private synchronized void leaveSafety(Visit v) {
        io.safetyLoop(false, v.vehicle.label());
        crossing.remove(v);
        Passage.Outcome outcome = v.forced || v.vehicle.behaviour() == Behaviour.FORCE && v.armOpenAt == null
                ? Passage.Outcome.FORCED : v.follower ? Passage.Outcome.TAILGATED : Passage.Outcome.PASSED;
        finish(v, outcome);
        event(SimEvent.Type.PASSED, v.vehicle, outcome + (v.waitForArm() != null
                ? " after " + v.waitForArm().toMillis() + " ms" : ""));
        if (front != null && front.follower && !front.crossScheduled) {
            front.crossScheduled = true;
            Visit next = front;
            scheduler.schedule(timing.loopGap(), () -> cross(next));
        }
    }

    private synchronized void giveUp(Visit v) {
        if (front != v) {
            return;
        }
        front = null;
        takeCardAway(v);
        io.armingLoop(false, v.vehicle.label());
        finish(v, Passage.Outcome.GAVE_UP);
        event(SimEvent.Type.GAVE_UP, v.vehicle, "after " + v.vehicle.patience().toSeconds() + " s");
        scheduleMoveUp();
    }

    /** A driver moving off takes his card out of the reader's field: no frames after he has gone. */
    private static void takeCardAway(Visit v) {
        if (v.cardInField != null) {
            v.cardInField.cancel();
            v.cardInField = null;
        }
    }

    private void scheduleMoveUp() {
        if (queue.isEmpty() || moveUpPending) {
            return;
        }
        moveUpPending = true;
        Duration gap = queue.peek().vehicle.behaviour() == Behaviour.TAILGATE ? TAILGATE_GAP
                : timing.moveUp().pick(random);
        scheduler.schedule(gap, this::moveUp);
    }

    private void finish(Visit v, Passage.Outcome outcome) {
        Instant now = scheduler.now();
        lastGone = now;
        if (v.expect != null && !v.expectationSettled) {
            settleExpectation(v, false);
        }
        Passage p = new Passage(id, v.vehicle, v.arrivedAt, v.onLoopAt, v.armOpenAt, v.crossedAt, now, outcome);
        passages.add(p);
        passageListeners.forEach(l -> l.accept(p));
    }

    // ---- expectations ----

    private synchronized void expectationDeadline(Visit v) {
        if (!v.expectationSettled) {
            settleExpectation(v, false);
        }
    }

    private void settleExpectation(Visit v, boolean opened) {
        if (v.expect == null || v.expectationSettled) {
            return;
        }
        v.expectationSettled = true;
        boolean wantOpen = v.expect.outcome() == Expectation.Outcome.OPENS;
        String what = opened ? "arm fully up after " + v.waitForArm().toMillis() + " ms"
                : "arm not up within " + v.expect.within().toMillis() + " ms";
        boolean inTime = opened && v.waitForArm().compareTo(v.expect.within()) <= 0;
        boolean met = wantOpen ? inTime : !inTime;
        event(met ? SimEvent.Type.EXPECTATION_MET : SimEvent.Type.EXPECTATION_FAILED, v.vehicle,
                "expected " + v.expect.outcome() + " within " + v.expect.within().toMillis() + " ms: " + what);
    }

    private void event(SimEvent.Type type, SimulatedVehicle v, String detail) {
        events.add(new SimEvent(scheduler.now(), id, type, v.label(), detail));
    }

    /** A vehicle's time in the lane: mutable, touched only under the lane's lock. */
    private static final class Visit {
        final SimulatedVehicle vehicle;
        final Expectation expect;
        final Instant arrivedAt;
        Instant onLoopAt;
        Instant armOpenAt;
        Instant crossedAt;
        boolean follower;
        boolean forced;
        boolean crossScheduled;
        int openPulsesAtLoop;
        boolean expectationSettled;
        SimScheduler.Scheduled patienceTimer;
        SimScheduler.Scheduled cardInField;
        ImagingCameraSim.Shot shot;

        Visit(SimulatedVehicle vehicle, Expectation expect, Instant arrivedAt) {
            this.vehicle = vehicle;
            this.expect = expect;
            this.arrivedAt = arrivedAt;
        }

        Duration waitForArm() {
            return armOpenAt == null ? null : Duration.between(onLoopAt, armOpenAt);
        }
    }
}
