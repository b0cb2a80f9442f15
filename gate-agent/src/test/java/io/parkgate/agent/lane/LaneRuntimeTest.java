package io.parkgate.agent.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.port.BarrierController;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.testing.Await;
import io.parkgate.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LaneRuntimeTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
    private final List<String> barrierCommands = new CopyOnWriteArrayList<>();
    private final List<String> journalled = new CopyOnWriteArrayList<>();
    private final List<String> inside = new CopyOnWriteArrayList<>();
    private final List<String> registered = new CopyOnWriteArrayList<>();

    private final BarrierController barrier = new AnsweringBarrier(barrierCommands::add);

    private static LaneStateMachine machine() {
        Decision open = new Decision(Verdict.OPEN, DecisionCode.RESIDENT_PASS, "粤B12345", "粤B12345", null,
                MatchKind.EXACT, null, "月卡有效", "valid pass", null, PayerCategory.PASS_HOLDER, null, null);
        return new LaneStateMachine(new LaneStateMachine.Settings(Duration.ofSeconds(3), true, false, 50,
                Duration.ofSeconds(10), Duration.ofSeconds(30)), (plate, card, now) -> open);
    }

    private PassageJournal journal(boolean failing) {
        return new PassageJournal() {
            @Override
            public Registration passage(LaneAction.CommitPassage passage) {
                if (failing) {
                    throw new JournalException("disk full", null);
                }
                journalled.add(passage.visit().eventId());
                return new Registration() {
                    @Override
                    public void opened() {
                        inside.add(passage.visit().eventId());
                    }

                    @Override
                    public void register() {
                        registered.add(passage.visit().eventId());
                    }
                };
            }

            @Override
            public void held(LaneAction.Hold hold) {
            }

            @Override
            public void alarm(LaneAction.RaiseAlarm alarm) {
            }

            @Override
            public void passed(LaneAction.VehiclePassed passed) {
            }
        };
    }

    private void arrive(LaneRuntime lane) throws Exception {
        lane.inputs(new LaneInputs(true, false, false, true), clock.instant());
        lane.plate(new PlateRead("粤B12345", PlateColour.BLUE, 95, null), clock.instant());
        lane.snapshot().toCompletableFuture().get(2, TimeUnit.SECONDS); // drains the lane's queue
    }

    /** Verifies that the runtime journals the passage and then pulses OPEN for an opening decision. */
    @Test
    void journalsThenOpens() throws Exception {
        try (LaneRuntime lane = new LaneRuntime("t1", clock, machine(), journal(false), barrier, LaneListener.NONE)) {
            arrive(lane);
            assertEquals(1, journalled.size());
            assertEquals(journalled, inside, "the vehicles inside are known right after the OPEN");
            assertEquals(journalled, registered, "the register row follows once the barrier answered");
            assertEquals(List.of("OPEN"), barrierCommands);
        }
    }

    /** Verifies that when the passage cannot be journalled the barrier is not opened. */
    @Test
    void doesNotOpenWhenJournalFails() throws Exception {
        try (LaneRuntime lane = new LaneRuntime("t2", clock, machine(), journal(true), barrier, LaneListener.NONE)) {
            arrive(lane);
            assertTrue(barrierCommands.isEmpty(), barrierCommands.toString());
        }
    }

    /**
     * The lane's story line for a decision is a synchronous write to the console or a file: it is told after OPEN
     * has been handed to the barrier, not between the frame and the OPEN.
     */
    @Test
    void storyIsToldAfterOpenIsHandedOver() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        BarrierController recording = new AnsweringBarrier(order::add);
        java.io.PrintStream console = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                if (b == '\n') {
                    String line = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
                    captured.reset();
                    if (line.contains("lane.t7") && line.contains("RESIDENT_PASS")) {
                        order.add("story");
                    }
                }
            }
        }, true, java.nio.charset.StandardCharsets.UTF_8));
        try (LaneRuntime lane = new LaneRuntime("t7", clock, machine(), journal(false), recording,
                LaneListener.NONE)) {
            arrive(lane);
        } finally {
            System.setErr(console);
        }
        assertEquals(List.of("OPEN", "story"), order);
    }

    /**
     * A plate read that finds the lane idle is decided, journalled and OPEN handed to the barrier on the reader's
     * own thread, before the reader's call returns: no wake-up of the lane's thread on the way to OPEN.
     */
    @Test
    void readOnAnIdleLaneOpensOnTheReadersThread() throws Exception {
        List<String> openedBy = new CopyOnWriteArrayList<>();
        BarrierController recording = new AnsweringBarrier(command -> openedBy.add(Thread.currentThread().getName()));
        try (LaneRuntime lane = new LaneRuntime("t9", clock, machine(), journal(false), recording,
                LaneListener.NONE)) {
            lane.inputs(new LaneInputs(true, false, false, true), clock.instant());
            lane.snapshot().toCompletableFuture().get(2, TimeUnit.SECONDS);
            // The snapshot completes inside the lane's task, a moment before that thread lets go of the turn.
            Await.until(Duration.ofSeconds(5), "the lane between tasks", lane::idle);
            Thread camera = new Thread(() -> lane.plate(new PlateRead("粤B12345", PlateColour.BLUE, 95, null),
                    clock.instant()), "camera");
            camera.start();
            camera.join();
            assertEquals(List.of("camera"), openedBy);
            assertEquals(1, journalled.size());
        }
    }

    /**
     * Verifies that the barrier hears "deciding" when a read arrives, before anything else of it, and "decided"
     * once OPEN has been handed over; a read that opens nothing is bracketed the same way.
     */
    @Test
    void barrierKeepsItsLineFreeWhileTheLaneDecides() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        BarrierController recording = new AnsweringBarrier(calls::add) {
            @Override
            public void deciding() {
                calls.add("deciding");
            }

            @Override
            public void decided() {
                calls.add("decided");
            }
        };
        try (LaneRuntime lane = new LaneRuntime("t11", clock, machine(), journal(false), recording,
                LaneListener.NONE)) {
            arrive(lane);
            assertEquals(List.of("deciding", "OPEN", "decided"), calls);
            calls.clear();
            lane.card("0011223344", clock.instant()); // the same vehicle's card: nothing new to open
            lane.snapshot().toCompletableFuture().get(2, TimeUnit.SECONDS);
            assertEquals(List.of("deciding", "decided"), calls);
            calls.clear();
            lane.arriving(); // a reader's first bytes, before any frame is decoded: the line is kept free already
            assertEquals(List.of("deciding"), calls);
        }
    }

    /**
     * OPEN is handed to the barrier before the passage is committed, so the driver can get ready meanwhile, and may
     * be written only once the commit has returned; when the commit fails it is never written. The vehicles-inside
     * index follows the OPEN at once, the register row once the barrier has answered it.
     */
    @Test
    void openIsHandedOverBeforeTheCommitAndWrittenOnlyAfterIt() throws Exception {
        for (boolean failing : new boolean[] {false, true}) {
            List<String> order = new CopyOnWriteArrayList<>();
            BarrierController gated = new AnsweringBarrier(command -> order.add(command + " without a commit")) {
                @Override
                public CompletionStage<Void> pulseOpenOnce(CompletionStage<Boolean> journalled) {
                    order.add("OPEN handed over");
                    return journalled.thenAccept(ok -> order.add(ok ? "OPEN written" : "OPEN dropped"));
                }
            };
            PassageJournal inner = journal(failing);
            PassageJournal recording = new PassageJournal() {
                @Override
                public Registration passage(LaneAction.CommitPassage passage) {
                    order.add("commit");
                    Registration rest = inner.passage(passage);
                    order.add("committed");
                    return new Registration() {
                        @Override
                        public void opened() {
                            order.add("inside");
                            rest.opened();
                        }

                        @Override
                        public void register() {
                            order.add("registered");
                            rest.register();
                        }
                    };
                }

                @Override
                public void held(LaneAction.Hold hold) {
                }

                @Override
                public void alarm(LaneAction.RaiseAlarm alarm) {
                }

                @Override
                public void passed(LaneAction.VehiclePassed passed) {
                }
            };
            try (LaneRuntime lane = new LaneRuntime("t10", clock, machine(), recording, gated, LaneListener.NONE)) {
                arrive(lane);
            }
            assertEquals(failing ? List.of("OPEN handed over", "commit", "OPEN dropped")
                    : List.of("OPEN handed over", "commit", "committed", "OPEN written", "inside", "registered"),
                    order);
        }
    }

    /** A driver still delivering while the lane closes is not thrown at: the event is dropped. */
    @Test
    void eventsAfterCloseAreDroppedNotThrownAtTheDriver() {
        LaneRuntime lane = new LaneRuntime("t8", clock, machine(), journal(false), barrier, LaneListener.NONE);
        lane.close();
        lane.card("2000000001", clock.instant());
        lane.inputs(new LaneInputs(true, false, false, true), clock.instant());
        lane.tick(); // the periodic tick, begun as the lane was closed: a clean stop logs no ERROR for it
        assertTrue(barrierCommands.isEmpty());
    }

    /**
     * Verifies that the runtime tells the lane when the PC's clock was stepped, by comparing it with the monotonic
     * count it is given: a car arrived without being read is decided one identification window (3 s) after it
     * arrived, not at the first tick after the clock was set three hours forward.
     */
    @Test
    void aClockSteppedForwardDoesNotCutTheLanesWait() throws Exception {
        MutableClock wall = new MutableClock(Instant.parse("2000-01-01T00:00:00Z"));
        AtomicLong monotonic = new AtomicLong();
        try (LaneRuntime lane = new LaneRuntime("t12", LaneRuntime.storyOf("t12"), wall, monotonic::get, machine(),
                journal(false), barrier, LaneListener.NONE, null)) {
            lane.inputs(new LaneInputs(false, false, false, true), wall.instant());
            lane.inputs(new LaneInputs(true, false, false, true), wall.instant()); // no plate is read
            lane.snapshot().toCompletableFuture().get(2, TimeUnit.SECONDS);
            wall.advance(Duration.ofMillis(100));
            monotonic.addAndGet(Duration.ofMillis(100).toNanos());
            lane.tick();
            wall.set(Instant.parse("2026-12-07T21:00:00Z")); // the time server's first answer
            lane.tick();
            lane.snapshot().toCompletableFuture().get(2, TimeUnit.SECONDS);
            assertTrue(barrierCommands.isEmpty(), "decided at the step: " + barrierCommands);
            wall.advance(Duration.ofMillis(2_800));
            monotonic.addAndGet(Duration.ofMillis(2_800).toNanos());
            lane.tick();
            lane.snapshot().toCompletableFuture().get(2, TimeUnit.SECONDS);
            assertTrue(barrierCommands.isEmpty(), "decided before its window: " + barrierCommands);
            wall.advance(Duration.ofMillis(200));
            monotonic.addAndGet(Duration.ofMillis(200).toNanos());
            lane.tick();
            lane.snapshot().toCompletableFuture().get(2, TimeUnit.SECONDS);
            assertEquals(List.of("OPEN"), barrierCommands, "decided one window after it arrived");
        }
    }

    /** Verifies that a manual open without a reason is refused. */
    @Test
    void manualOpenNeedsReason() {
        try (LaneRuntime lane = new LaneRuntime("t3", clock, machine(), journal(false), barrier, LaneListener.NONE)) {
            CompletableFuture<Boolean> f = lane.manualOpen(
                    new Authorisation(Authorisation.Kind.MANUAL, "att", " ", 0)).toCompletableFuture();
            assertTrue(f.isCompletedExceptionally());
            assertFalse(barrierCommands.contains("OPEN"));
        }
    }

    /**
     * Drivers are built before the lane, against its inbox: what they deliver before the lane starts waits, in
     * order, and the lane decides on it once started; the OPEN latency clock gets the frame's own read time.
     */
    @Test
    void inboxKeepsWhatArrivesBeforeTheLaneStarts() throws Exception {
        List<Long> identifiedAt = new CopyOnWriteArrayList<>();
        LaneInbox inbox = new LaneInbox(identifiedAt::add);
        inbox.inputs(new LaneInputs(true, false, false, true), clock.instant());
        inbox.plate(new PlateRead("粤B12345", PlateColour.BLUE, 95, null), clock.instant(), 42L);
        assertEquals(List.of(42L), identifiedAt);
        try (LaneRuntime lane = new LaneRuntime("t6", clock, machine(), journal(false), barrier, LaneListener.NONE,
                inbox)) {
            assertTrue(barrierCommands.isEmpty());
            lane.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!barrierCommands.contains("OPEN") && System.nanoTime() < deadline) {
                lane.snapshot().toCompletableFuture().get(2, TimeUnit.SECONDS);
            }
            assertEquals(List.of("OPEN"), barrierCommands);
            assertEquals(1, journalled.size());
        }
    }
}
