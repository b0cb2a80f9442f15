package io.parkgate.agent.lane;

import io.parkgate.agent.port.BarrierController;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.schedule.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one lane: the device drivers' events and the people's commands are handed to the lane, given to the
 * {@link LaneStateMachine}, and its actions carried out in order against the {@link PassageJournal} and the
 * {@link BarrierController}. Everything about the lane happens one task at a time, in order ({@link LaneTurns}):
 * on the lane's own thread, or, for a card or plate read that finds the lane idle, on the reader's thread, which
 * saves a thread wake-up before OPEN. So the state machine needs no locks and the log reads as the lane's story.
 */
public final class LaneRuntime implements LaneEventSink, AutoCloseable {

    private static final Duration TICK = Duration.ofMillis(100);

    private final String laneId;
    private final Logger log;
    private final LaneStory story;
    private final Clock clock;
    /** The lane's turn only: whether the PC's clock was stepped since the state machine last saw it. */
    private final ClockSteps clockSteps;
    private final LaneStateMachine machine;
    private final PassageJournal journal;
    private final BarrierController barrier;
    private final LaneListener listener;
    private final ScheduledExecutorService thread;
    private final LaneTurns turns;
    /** Where the devices deliver until the lane starts, and through which afterwards; null without an inbox. */
    private final LaneInbox inbox;
    private final Map<LaneDevice, DeviceState> deviceStates = new EnumMap<>(LaneDevice.class);
    private long journalNanos; // the lane's turn only: the journal's share of the actions being executed
    /** The lane's turn only: story lines of the actions being executed, told once OPEN is on its way. */
    private final List<Runnable> untold = new java.util.ArrayList<>();
    /** The lane's turn only: OPEN handed to the barrier with its passage's commit, watched at the PulseOpen. */
    private CompletionStage<Void> openPrepared;
    private boolean openPending; // the lane's turn only: the actions being executed include an OPEN not yet handed over

    public LaneRuntime(String laneId, Clock clock, LaneStateMachine machine, PassageJournal journal,
                       BarrierController barrier, LaneListener listener) {
        this(laneId, clock, machine, journal, barrier, listener, null);
    }

    /**
     * @param inbox where the lane's drivers (built before the lane) deliver; attached to this runtime once
     *              {@link #start}ed. Null when the drivers call this runtime directly.
     */
    public LaneRuntime(String laneId, Clock clock, LaneStateMachine machine, PassageJournal journal,
                       BarrierController barrier, LaneListener listener, LaneInbox inbox) {
        this(laneId, storyOf(laneId), clock, machine, journal, barrier, listener, inbox);
    }

    /** Where a real lane's story goes: {@code lane.<id>}, one logger per lane, so it can be read or muted alone. */
    public static Logger storyOf(String laneId) {
        return LoggerFactory.getLogger("lane." + laneId);
    }

    /** @param log where the lane's story goes: {@code lane.<id>} for a real lane */
    public LaneRuntime(String laneId, Logger log, Clock clock, LaneStateMachine machine, PassageJournal journal,
                       BarrierController barrier, LaneListener listener, LaneInbox inbox) {
        this(laneId, log, clock, null, machine, journal, barrier, listener, inbox);
    }

    /**
     * @param monotonicNanos a count of nanoseconds that only real time moves, {@link System#nanoTime} when
     *                       {@code clock} is the PC's own: the lane's waits then keep their length when the PC's
     *                       clock is stepped. Null for any other clock, whose jumps are then deliberate.
     */
    public LaneRuntime(String laneId, Logger log, Clock clock, LongSupplier monotonicNanos, LaneStateMachine machine,
                       PassageJournal journal, BarrierController barrier, LaneListener listener, LaneInbox inbox) {
        this.laneId = laneId;
        this.log = log;
        this.clock = clock;
        this.clockSteps = new ClockSteps(clock, monotonicNanos);
        this.machine = machine;
        this.journal = journal;
        this.barrier = barrier;
        this.listener = listener;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lane-" + laneId);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.thread = executor;
        this.turns = new LaneTurns(executor, log);
        this.inbox = inbox;
        this.story = new LaneStory(log, clock.getZone());
    }

    /** Starts the periodic tick (identification window, abandoned openings). */
    public LaneRuntime start() {
        Periodic.every(thread, TICK, TICK, log, "lane " + laneId + ": tick", this::tick);
        if (inbox != null) {
            inbox.attach(this);
        }
        log.info("lane {} started", laneId);
        return this;
    }

    /**
     * The identification window and abandoned openings, looked at again. A tick that began as the lane was being
     * closed finds nothing to do (it once logged an ERROR on a clean stop).
     */
    void tick() {
        onLaneNow(() -> run(m -> m.onTick(clock.instant())));
    }

    public String laneId() {
        return laneId;
    }

    @Override
    public void inputs(LaneInputs inputs, Instant at) {
        onLane(() -> {
            log.debug("inputs {}", inputs);
            if (!run(m -> m.onInputs(inputs, at))) {
                listener.actions(snapshotNow(), List.of()); // loops and arm moved: observers still want to know
            }
        });
    }

    @Override
    public void card(String cardNumber, Instant at) {
        onIdentified(() -> {
            log.debug("card {}", cardNumber);
            run(m -> m.onCard(cardNumber, at));
        });
    }

    @Override
    public void plate(PlateRead read, Instant at) {
        onIdentified(() -> {
            log.debug("plate {} ({}%)", read.plate(), read.confidence());
            run(m -> m.onPlate(read, at));
        });
    }

    /** Bytes of a card frame or plate report are coming: the barrier keeps its line free until the lane has decided. */
    @Override
    public void arriving() {
        barrier.deciding();
    }

    @Override
    public void deviceState(LaneDevice device, DeviceState state, String detail) {
        onLane(() -> {
            DeviceState before = deviceStates.put(device, state);
            if (device == LaneDevice.IO_CONTROLLER && before != state && state != DeviceState.CONNECTED
                    && state != DeviceState.CONNECTING) {
                run(m -> m.onControllerLost(clock.instant()));
            }
            if (before != state) {
                // The device's connection has logged the change already (WARN for a fault): once is enough.
                log.debug("{} {}: {}", device, state, detail);
                listener.deviceState(device, state, detail);
            }
        });
    }

    /**
     * Hands a device's event to the lane's thread. Called on the driver's thread; once the lane is closing, the
     * event concerns a lane that no longer decides and is dropped rather than thrown back into the driver.
     */
    private void onLane(Runnable event) {
        try {
            turns.later(event);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("lane {} closing: event dropped", laneId);
        }
    }

    /**
     * A card or plate read, decided at once when the lane is idle. The barrier keeps its line free for the OPEN
     * that may follow from the moment of the read until the decision has been handed over.
     */
    private void onIdentified(Runnable read) {
        barrier.deciding();
        onLaneNow(() -> {
            try {
                read.run();
            } finally {
                barrier.decided();
            }
        });
    }

    private void onLaneNow(Runnable event) {
        try {
            turns.now(event);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("lane {} closing: event dropped", laneId);
        }
    }

    /** The attendant recorded the fee; completes with true when a vehicle was waiting for it. */
    public CompletionStage<Boolean> paymentRecorded(Authorisation payment) {
        return call(m -> m.onPaymentRecorded(payment, clock.instant()));
    }

    /** A payment made away from the lane for {@code plate}; true when it let a waiting vehicle pass. */
    public CompletionStage<Boolean> paidAway(String plate, Authorisation prepaid) {
        return call(m -> m.onPaidAway(plate, prepaid, clock.instant()));
    }

    /** An authenticated release of held visit {@code eventId}; true when that vehicle was still waiting. */
    public CompletionStage<Boolean> release(String eventId, Authorisation release) {
        return call(m -> m.onRelease(eventId, release, clock.instant()));
    }

    /** The booth's corrected plate for held visit {@code eventId}; true when that vehicle was still waiting. */
    public CompletionStage<Boolean> plateCorrected(String eventId, String plate) {
        return call(m -> m.onPlateCorrected(eventId, plate, clock.instant()));
    }

    /** A manual open with its (mandatory) reason. */
    public CompletionStage<Boolean> manualOpen(Authorisation manual) {
        if (manual.note() == null || manual.note().isBlank()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a manual open needs a reason"));
        }
        return call(m -> m.onManualOpen(manual, clock.instant()));
    }

    /** The lane as it is now, read on the lane's thread. */
    /** Whether the lane is between tasks: a read arriving now is decided on the reader's thread. */
    boolean idle() {
        return turns.idle();
    }

    public CompletionStage<LaneSnapshot> snapshot() {
        CompletableFuture<LaneSnapshot> f = new CompletableFuture<>();
        turns.later(() -> f.complete(snapshotNow()));
        return f;
    }

    private CompletionStage<Boolean> call(Function<LaneStateMachine, List<LaneAction>> step) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        turns.later(() -> f.complete(run(step)));
        return f;
    }

    private boolean run(Function<LaneStateMachine, List<LaneAction>> step) {
        List<LaneAction> actions;
        long started = System.nanoTime();
        try {
            followClockStep();
            actions = step.apply(machine);
        } catch (RuntimeException e) {
            // A bug or bad data must never move the barrier: log it and leave the lane as it was.
            log.error("lane {} could not handle an event; barrier left as it is", laneId, e);
            return false;
        }
        if (actions.isEmpty()) {
            return false;
        }
        long decided = System.nanoTime();
        journalNanos = 0;
        execute(actions);
        if (actions.stream().anyMatch(a -> a instanceof LaneAction.PulseOpen)) {
            listener.openTiming(Duration.ofNanos(decided - started), Duration.ofNanos(journalNanos));
        }
        listener.actions(snapshotNow(), actions);
        return true;
    }

    /**
     * Before every event: a step of the PC's clock since the last one moves the lane's waits with it. An event
     * stamped by its driver in the moment before a step and handled after it keeps its old stamp (milliseconds).
     */
    private void followClockStep() {
        Duration stepped = clockSteps.sinceLast();
        if (!stepped.isZero()) {
            machine.onClockStepped(stepped);
            log.warn("this PC's clock was set {} by {}: the lane's waits keep their length, and what happens from "
                    + "now on is recorded in the new time", stepped.isNegative() ? "back" : "forward", amount(stepped));
            listener.clockStepped(stepped);
        }
    }

    private static String amount(Duration d) {
        long s = Math.round(d.abs().toMillis() / 1000.0);
        return s >= 86_400 ? String.format(Locale.ROOT, "%d d %02d h %02d min", s / 86_400, s % 86_400 / 3600,
                s % 3600 / 60)
                : s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min %02d s", s / 3600, s % 3600 / 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1f s", d.abs().toMillis() / 1000.0);
    }

    private void execute(List<LaneAction> actions) {
        openPending = actions.stream().anyMatch(a -> a instanceof LaneAction.PulseOpen);
        openPrepared = null;
        try {
            for (int i = 0; i < actions.size(); i++) {
                LaneAction action = actions.get(i);
                try {
                    boolean openFollows = i + 1 < actions.size() && actions.get(i + 1) instanceof LaneAction.PulseOpen;
                    if (!perform(action, openFollows)) {
                        return; // the rest (OPEN) must not happen when the journal failed
                    }
                } catch (RuntimeException e) {
                    tellUntold();
                    log.error("lane {} failed to {}; remaining actions skipped", laneId, action, e);
                    return;
                }
            }
        } finally {
            tellUntold();
        }
    }

    /**
     * A story line, told at once or, while an OPEN of these actions is still to be handed to the barrier, right
     * after it: a synchronous log write on the console or disk is not to sit between a frame and its OPEN.
     */
    private void tell(Runnable line) {
        if (openPending) {
            untold.add(line);
        } else {
            line.run();
        }
    }

    private void registerLater(PassageJournal.Registration rest) {
        try {
            turns.later(rest::register);
        } catch (RejectedExecutionException closing) {
            // The lane is closing: the store registers what is journalled when it next opens, and the agent
            // reports it to central then.
        }
    }

    private void tellUntold() {
        openPending = false;
        for (Runnable line : untold) {
            line.run();
        }
        untold.clear();
    }

    /**
     * @param openFollows the next action is the OPEN for this passage: it is handed to the barrier before the
     *                    commit, to be written once the commit has returned (the driver gets ready meanwhile)
     */
    @SuppressWarnings("ThreadPriorityCheck") // one yield after the commit, measured: see the comment there
    private boolean perform(LaneAction action, boolean openFollows) {
        if (action instanceof LaneAction.CommitPassage c) {
            CompletableFuture<Boolean> journalled = openFollows ? new CompletableFuture<>() : null;
            CompletionStage<Void> open = openFollows ? barrier.pulseOpenOnce(journalled) : null;
            boolean committed = false;
            PassageJournal.Registration rest;
            try {
                long t = System.nanoTime();
                rest = journal.passage(c);
                journalNanos += System.nanoTime() - t;
                committed = true;
            } catch (PassageJournal.JournalException e) {
                tellUntold();
                log.error("passage {} could not be journalled; barrier NOT opened", c.visit().eventId(), e);
                return false;
            } finally {
                if (journalled != null) {
                    journalled.complete(committed); // only now may OPEN go on the wire; never without its record
                    if (committed) {
                        // The Modbus thread may be waiting for this core (a thread woken by this one is often
                        // queued on it): let it write OPEN before the story lines and listeners that follow.
                        Thread.yield();
                    }
                }
            }
            rest.opened();
            if (open == null) {
                rest.register();
            } else {
                // Not now: the register row's transaction would take a core from the OPEN being written.
                open.whenComplete((done, failure) -> registerLater(rest));
            }
            openPrepared = open;
            tell(() -> story.passage(c));
        } else if (action instanceof LaneAction.PulseOpen) {
            // Watched only for a committed passage: a refusal of an OPEN that was never to be written owes nothing.
            watch(LaneStateMachine.Command.OPEN, openPrepared != null ? openPrepared : barrier.pulseOpen());
            openPrepared = null;
            tellUntold();
        } else if (action instanceof LaneAction.PulseClose) {
            if (machine.inputs().vehicleUnderOrBefore()) {
                // Belt and braces: the state machine never asks for this, and it must never happen.
                log.error("CLOSE refused: a loop is occupied ({})", machine.inputs());
                return true;
            }
            barrier.pulseClose().whenComplete((written, failure) -> {
                if (failure != null) {
                    failed(LaneStateMachine.Command.CLOSE, failure);
                } else if (!written) {
                    turns.later(() -> {
                        log.info("CLOSE withheld by the controller's reading just before it");
                        run(m -> m.onCloseWithheld(clock.instant()));
                    });
                }
            });
        } else if (action instanceof LaneAction.SetLamp l) {
            watch(LaneStateMachine.Command.LAMP, barrier.setLamp(l.green()));
        } else if (action instanceof LaneAction.Decided d) {
            tell(() -> story.decided(d));
        } else if (action instanceof LaneAction.Hold h) {
            journal.held(h);
            story.held(h);
        } else if (action instanceof LaneAction.Announce a) {
            log.info("display: {}", a.message());
        } else if (action instanceof LaneAction.RaiseAlarm a) {
            journal.alarm(a);
            log.warn("ALARM {}: {}", a.kind(), a.detail());
        } else if (action instanceof LaneAction.VehiclePassed p) {
            journal.passed(p);
            log.info("{} passed", p.visit().plateText() == null ? "vehicle" : p.visit().plateText());
        }
        return true;
    }

    private void watch(LaneStateMachine.Command what, CompletionStage<Void> command) {
        command.whenComplete((ok, failure) -> {
            if (failure != null) {
                failed(what, failure);
            }
        });
    }

    /** The driver has logged the failure at WARN already; the lane raises the alarm and owes the command. */
    private void failed(LaneStateMachine.Command what, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        turns.later(() -> run(m -> m.onCommandFailed(what, String.valueOf(cause.getMessage()), clock.instant())));
    }

    private LaneSnapshot snapshotNow() {
        return new LaneSnapshot(laneId, machine.phase(), machine.inputs(), machine.visit(), machine.decision());
    }

    @Override
    public void close() {
        if (inbox != null) {
            inbox.close();
        }
        turns.close();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("lane {} stopped", laneId);
    }
}
