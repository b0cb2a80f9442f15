package io.parkgate.simulator.device;

import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.protocol.io.LaneIoRegisters;
import io.parkgate.simulator.device.SafetyViolation.Kind;
import io.parkgate.simulator.report.EventLog;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.time.SimScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane I/O controller of docs/protocols.md §1 as the agent sees it on the wire: OPEN and CLOSE relays
 * that drop out by themselves after the pulse time (holding register 0, ×10 ms), a latched LAMP, a
 * barrier arm with travel time, and the four discrete inputs driven by simulated vehicles and the arm.
 *
 * <p>It keeps a journal of every command and flags safety violations itself: CLOSE pulsed over an
 * occupied loop, the arm coming down on a vehicle, forced passages and tailgating. All times are
 * simulated. Thread-safe: the wire's reader thread and the scheduler both call in.
 */
public final class IoControllerSim implements ProcessImage {

    public static final int DEFAULT_PULSE_UNITS = 30;
    /**
     * A loop change the agent has not polled yet keeps the controller busy (no idle skip) for at most this
     * long of simulated time: the agent polls every 50 ms, and a change it never read (a car backing off the
     * loop, then the next one arriving after time skipped ahead) would have happened only for the simulator.
     */
    static final Duration UNREAD_CHANGE_LIMIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(IoControllerSim.class);

    private final String lane;
    private final SimScheduler scheduler;
    private final EventLog events;
    private final BarrierArm arm;
    private final ModbusSlave slave;
    private final boolean[] coils = new boolean[LaneIoRegisters.COIL_COUNT];
    private final SimScheduler.Scheduled[] coilTimers = new SimScheduler.Scheduled[2];
    private final List<JournalEntry> journal = new ArrayList<>();
    private final List<SafetyViolation> violations = new ArrayList<>();
    private final List<Consumer<BarrierArm.State>> armListeners = new CopyOnWriteArrayList<>();
    private int pulseUnits = DEFAULT_PULSE_UNITS;
    private int armingCount;
    private int safetyCount;
    private int crossingsThisOpening;
    private int openPulses;
    private SimScheduler.Scheduled travelEnd;
    /** When the loops last changed while nobody read the inputs since, or null when they have been read. */
    private Instant unreadChangeAt;

    public IoControllerSim(String lane, int unitAddress, Duration armTravel, SimScheduler scheduler, EventLog events) {
        this.lane = lane;
        this.scheduler = scheduler;
        this.events = events;
        this.arm = new BarrierArm(armTravel);
        this.slave = new ModbusSlave(lane + "/io", unitAddress, this);
    }

    /** The wire side: hand this to the link that serves the controller. */
    public ModbusSlave slave() {
        return slave;
    }

    public String lane() {
        return lane;
    }

    // ---- process image, as the Modbus slave reads and writes it ----

    @Override
    public int coilCount() {
        return coils.length;
    }

    @Override
    public int discreteInputCount() {
        return LaneIoRegisters.INPUT_COUNT;
    }

    @Override
    public int holdingRegisterCount() {
        return LaneIoRegisters.REGISTER_COUNT;
    }

    @Override
    public synchronized boolean coil(int index) {
        return coils[index];
    }

    @Override
    public synchronized boolean discreteInput(int index) {
        unreadChangeAt = null;
        return LaneIoRegisters.input(inputs(), index);
    }

    @Override
    public synchronized int holdingRegister(int index) {
        return pulseUnits;
    }

    @Override
    public int writeCoil(int index, boolean on) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            Instant now = scheduler.now();
            if (index == LaneIoRegisters.COIL_LAMP) {
                if (coils[LaneIoRegisters.COIL_LAMP] != on) {
                    coils[LaneIoRegisters.COIL_LAMP] = on;
                    record(now, on ? JournalEntry.Command.LAMP_GREEN : JournalEntry.Command.LAMP_RED, "");
                    event(now, on ? SimEvent.Type.LAMP_GREEN : SimEvent.Type.LAMP_RED, "");
                }
                return 0;
            }
            if (!on) {
                // The agent only writes ON; an OFF drops the relay early, which is harmless.
                record(now, index == LaneIoRegisters.COIL_OPEN ? JournalEntry.Command.OPEN_OFF
                        : JournalEntry.Command.CLOSE_OFF, "");
                releaseCoil(index);
                return 0;
            }
            boolean rising = !coils[index];
            coils[index] = true;
            if (coilTimers[index] != null) {
                coilTimers[index].cancel();
            }
            Duration pulse = LaneIoRegisters.pulse(pulseUnits);
            coilTimers[index] = scheduler.schedule(pulse, () -> releaseCoil(index));
            if (index == LaneIoRegisters.COIL_OPEN) {
                opened(now, "pulse " + pulse.toMillis() + " ms", rising, after);
            } else {
                record(now, JournalEntry.Command.CLOSE, "pulse " + pulse.toMillis() + " ms");
                event(now, SimEvent.Type.CLOSE_PULSE, "pulse " + pulse.toMillis() + " ms");
                if (armingCount > 0 || safetyCount > 0) {
                    violation(now, Kind.CLOSE_WHILE_OCCUPIED, "CLOSE pulsed with " + loopsText());
                }
                if (rising) {
                    startClosing(now, after);
                }
            }
        }
        after.forEach(Runnable::run);
        return 0;
    }

    /**
     * The barrier's open input driven by another relay wired to it beside this controller's: a Zhenshi
     * camera's, when the site file says {@code barrier: CAMERA_RELAY}. The arm opens as on an OPEN pulse and
     * it authorises one passage; this controller's coil stays off, and it goes on reading the loops and limit
     * switches the agent polls (and closing the arm when told).
     */
    public void relayOpen(String source) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            opened(scheduler.now(), "by " + source, true, after);
        }
        after.forEach(Runnable::run);
    }

    /** Holding the lock: an OPEN command, on the coil or on the barrier's input directly. */
    private void opened(Instant now, String detail, boolean rising, List<Runnable> after) {
        record(now, JournalEntry.Command.OPEN, detail);
        event(now, SimEvent.Type.OPEN_PULSE, detail);
        // every OPEN is one authorised passage, also when the arm is already up
        openPulses++;
        crossingsThisOpening = 0;
        if (rising) {
            startOpening(now, after);
        }
        if (arm.state() == BarrierArm.State.OPEN) {
            after.add(() -> notifyArm(BarrierArm.State.OPEN));
        }
    }

    @Override
    public synchronized int writeRegister(int index, int value) {
        if (value < 1 || value > 500) {
            return 3;
        }
        pulseUnits = value;
        Instant now = scheduler.now();
        record(now, JournalEntry.Command.PULSE_TIME, LaneIoRegisters.pulse(value).toMillis() + " ms");
        event(now, SimEvent.Type.PULSE_TIME_SET, LaneIoRegisters.pulse(value).toMillis() + " ms");
        return 0;
    }

    private synchronized void releaseCoil(int index) {
        coils[index] = false;
        if (coilTimers[index] != null) {
            coilTimers[index].cancel();
            coilTimers[index] = null;
        }
    }

    // ---- the arm ----

    private void startOpening(Instant now, List<Runnable> after) {
        Duration remaining = arm.open(now);
        if (remaining == null) {
            return;
        }
        if (travelEnd != null) {
            travelEnd.cancel();
        }
        event(now, SimEvent.Type.ARM_OPENING, "to open in " + remaining.toMillis() + " ms");
        travelEnd = scheduler.schedule(remaining, this::travelEnded);
        after.add(() -> notifyArm(BarrierArm.State.OPENING));
    }

    private void startClosing(Instant now, List<Runnable> after) {
        Duration remaining = arm.close(now);
        if (remaining == null) {
            return;
        }
        if (travelEnd != null) {
            travelEnd.cancel();
        }
        event(now, SimEvent.Type.ARM_CLOSING, "to closed in " + remaining.toMillis() + " ms");
        if (safetyCount > 0) {
            violation(now, Kind.ARM_ON_VEHICLE, "arm started down with a vehicle under it");
        }
        travelEnd = scheduler.schedule(remaining, this::travelEnded);
        after.add(() -> notifyArm(BarrierArm.State.CLOSING));
    }

    private void travelEnded() {
        BarrierArm.State reached;
        synchronized (this) {
            Instant now = scheduler.now();
            arm.reachLimit(now);
            travelEnd = null;
            reached = arm.state();
            event(now, reached == BarrierArm.State.OPEN ? SimEvent.Type.ARM_OPEN : SimEvent.Type.ARM_CLOSED, "");
        }
        notifyArm(reached);
    }

    private void notifyArm(BarrierArm.State state) {
        armListeners.forEach(l -> l.accept(state));
    }

    /** How many OPEN pulses the agent gave so far: each authorises one vehicle. */
    public synchronized int openPulses() {
        return openPulses;
    }

    /**
     * Called (outside the controller's lock) whenever the arm starts moving or reaches a limit, and
     * with OPEN when an OPEN pulse arrives while the arm is already up.
     */
    public void onArmChange(Consumer<BarrierArm.State> listener) {
        armListeners.add(listener);
    }

    public synchronized BarrierArm.State armState() {
        return arm.state();
    }

    public synchronized boolean busy() {
        return armingCount > 0 || safetyCount > 0 || coils[LaneIoRegisters.COIL_OPEN]
                || coils[LaneIoRegisters.COIL_CLOSE]
                || arm.state() == BarrierArm.State.OPENING || arm.state() == BarrierArm.State.CLOSING
                || unreadChangeAt != null && scheduler.now().isBefore(unreadChangeAt.plus(UNREAD_CHANGE_LIMIT));
    }

    // ---- loops, driven by vehicles ----

    public synchronized void armingLoop(boolean occupied, String vehicle) {
        armingCount = Math.max(0, armingCount + (occupied ? 1 : -1));
        unreadChangeAt = scheduler.now();
        event(scheduler.now(), occupied ? SimEvent.Type.ARMING_ON : SimEvent.Type.ARMING_OFF, vehicle, "");
    }

    public synchronized void safetyLoop(boolean occupied, String vehicle) {
        Instant now = scheduler.now();
        safetyCount = Math.max(0, safetyCount + (occupied ? 1 : -1));
        unreadChangeAt = now;
        event(now, occupied ? SimEvent.Type.SAFETY_ON : SimEvent.Type.SAFETY_OFF, vehicle, "");
        if (!occupied) {
            return;
        }
        switch (arm.state()) {
            case CLOSED -> violation(now, Kind.FORCED_PASSAGE, vehicle + " crossed with the arm down");
            case CLOSING -> violation(now, Kind.ARM_ON_VEHICLE, vehicle + " under a descending arm");
            default -> {
                crossingsThisOpening++;
                if (crossingsThisOpening > 1) {
                    violation(now, Kind.TAILGATING, vehicle + " is vehicle " + crossingsThisOpening
                            + " under one opening");
                }
            }
        }
    }

    public synchronized LaneInputs inputs() {
        return new LaneInputs(armingCount > 0, safetyCount > 0, arm.openLimit(), arm.closedLimit());
    }

    // ---- journal and violations ----

    public synchronized List<JournalEntry> journal() {
        return List.copyOf(journal);
    }

    public synchronized List<SafetyViolation> violations() {
        return List.copyOf(violations);
    }

    public synchronized int pulseUnits() {
        return pulseUnits;
    }

    private String loopsText() {
        return (armingCount > 0 ? "ARMING_LOOP" : "") + (armingCount > 0 && safetyCount > 0 ? " and " : "")
                + (safetyCount > 0 ? "SAFETY_LOOP" : "") + " occupied";
    }

    private void record(Instant at, JournalEntry.Command c, String detail) {
        journal.add(new JournalEntry(at, c, detail));
        LOG.debug("{} {} {}", lane, c, detail);
    }

    private void violation(Instant at, Kind kind, String detail) {
        violations.add(new SafetyViolation(at, lane, kind, detail));
        event(at, SimEvent.Type.VIOLATION, kind + ": " + detail);
    }

    private void event(Instant at, SimEvent.Type type, String detail) {
        event(at, type, null, detail);
    }

    private void event(Instant at, SimEvent.Type type, String vehicle, String detail) {
        events.add(new SimEvent(at, lane, type, vehicle, detail));
    }
}
