package io.parkgate.agent.lane;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.tariff.PayerCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random device-event sequences against the lane state machine, with the lane's devices simulated in
 * process: vehicles arriving, reading, swiping (also late, from under the arm), crossing, reversing and
 * forcing the arm; the camera reporting plates, plateless cars and low-confidence reads; card frames
 * dropped for a bad checksum; the I/O controller going silent (commands fail, inputs stop) and coming
 * back; the agent restarting (a new state machine told the last journalled passage, the world unchanged); the lane
 * PC's clock set forward or back.
 * The simulated controller reads its loops again right before CLOSE, as the real driver does, and withholds it
 * on a reading that came too late.
 *
 * <p>Checked after every event: no OPEN for a vehicle the decision did not identify (every identifier the
 * opening decision used was presented by the vehicle at the barrier), no CLOSE asked for or carried out
 * while a loop is occupied; and when the run settles (controller answering, time passing), the vehicle
 * waiting at the barrier has been let through or held with a reason, and an empty lane has its arm down.
 *
 * <p>Volume: the number of tries comes from {@code jqwik.tries.default} (1000 in
 * {@code junit-platform.properties}: 90,000–230,000 events a run, printed at the end; about ten CI runs
 * pass 10⁶). One run past 10⁶: {@code mvn -pl gate-agent test -Dtest=LaneSafetyPropertyTest
 * -Djqwik.tries.default=12000} (about 1.0–1.5 × 10⁶ events).
 */
class LaneSafetyPropertyTest {

    private static final AtomicLong EVENTS = new AtomicLong();
    private static final Instant START = Instant.parse("2026-12-04T08:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final int RESIDENTS = 5;

    @AfterContainer
    static void report() {
        System.out.printf("LaneSafetyPropertyTest: %,d device events checked%n", EVENTS.get());
    }

    @Provide
    Arbitrary<List<Integer>> events() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(50).ofMaxSize(400);
    }

    /** Verifies the lane's safety rules hold over any sequence of device events. */
    @Property
    void laneStaysSafe(@ForAll("events") List<Integer> events) {
        World world = new World();
        try {
            for (int e : events) {
                world.step(e);
                EVENTS.incrementAndGet();
            }
            world.settle();
        } catch (AssertionError failure) {
            throw new AssertionError(failure.getMessage() + "\nafter:\n  " + String.join("\n  ", world.story),
                    failure);
        }
    }

    /** What a simulated vehicle is and carries. */
    private enum Kind { RESIDENT, RESIDENT_CARD_ONLY, TEMPORARY, PLATELESS }

    private static final class Vehicle {
        final int id;
        final Kind kind;
        final String plate;
        final String card;
        boolean swiped;
        boolean opened;
        boolean held;

        Vehicle(int id, Kind kind, int resident) {
            this.id = id;
            this.kind = kind;
            this.plate = switch (kind) {
                case RESIDENT -> residentPlate(resident);
                case TEMPORARY -> "粤C" + String.format("%05d", id % 100_000);
                default -> null;
            };
            this.card = kind == Kind.RESIDENT || kind == Kind.RESIDENT_CARD_ONLY ? residentCard(resident) : null;
        }

        @Override
        public String toString() {
            return "vehicle " + id + " " + kind + " " + plate + " " + card;
        }
    }

    static String residentPlate(int i) {
        return "粤B1234" + i;
    }

    static String residentCard(int i) {
        return "0E00A35C2" + i;
    }

    /** The registry's answer, simplified: who may enter and who is held, with a reason. */
    private static Decision decide(PlateRead plate, String card, Instant now) {
        String p = plate == null ? null : plate.plate();
        int byPlate = resident(p, true);
        int byCard = resident(card, false);
        if (card != null && byCard < 0) {
            return decision(Verdict.HOLD, DecisionCode.INVALID_CARD, p, card, "未登记的卡");
        }
        if (card != null && p != null && byCard != byPlate) {
            return decision(Verdict.HOLD, DecisionCode.CARD_PLATE_MISMATCH, p, card, "卡与车牌不符");
        }
        if (byPlate >= 0 || byCard >= 0) {
            return decision(Verdict.OPEN, DecisionCode.RESIDENT_PASS, p, card, "住户车辆");
        }
        if (p != null) {
            return decision(Verdict.OPEN, DecisionCode.TEMPORARY, p, card, "临时车");
        }
        return decision(Verdict.HOLD, DecisionCode.PLATELESS, null, null, "无牌无卡");
    }

    private static int resident(String id, boolean plate) {
        for (int i = 0; id != null && i < RESIDENTS; i++) {
            if (id.equals(plate ? residentPlate(i) : residentCard(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Decision decision(Verdict v, DecisionCode code, String plate, String card, String reason) {
        return new Decision(v, code, plate, plate, card, MatchKind.EXACT, null, reason, reason, null,
                v == Verdict.OPEN && code == DecisionCode.RESIDENT_PASS ? PayerCategory.PASS_HOLDER
                        : PayerCategory.TEMPORARY, null, null);
    }

    /** The lane's surroundings: loops, arm, controller, camera, reader, and the agent's process. */
    private static final class World {
        private Instant now = START;
        private LaneStateMachine lane = newLane();
        private Vehicle onArming;
        private Vehicle onSafety;
        private boolean armUp;
        private boolean silent;
        /** CLOSEs still to be withheld because the controller's reading before them came too late. */
        private int lateReadings;
        private int nextId;
        private LaneAction.CommitPassage lastCommit;
        /** The last events, for the failure message. */
        final java.util.ArrayDeque<String> story = new java.util.ArrayDeque<>();

        private static LaneStateMachine newLane() {
            return newLane(java.util.Optional.empty());
        }

        private static LaneStateMachine newLane(java.util.Optional<LaneStateMachine.PriorOpening> prior) {
            return new LaneStateMachine(new LaneStateMachine.Settings(WINDOW, true, true, 60,
                    Duration.ofSeconds(10), Duration.ofSeconds(30)), LaneSafetyPropertyTest::decide, prior);
        }

        LaneInputs inputs() {
            return new LaneInputs(onArming != null, onSafety != null, armUp, !armUp);
        }

        void step(int e) {
            int op = e % 17;
            int arg = e / 17;
            now = now.plusMillis(20 + arg % 200);
            if (story.size() == 40) {
                story.removeFirst();
            }
            story.addLast(java.time.Duration.between(START, now).toMillis() + " ms op " + op + " arg " + arg
                    + " | arming " + onArming + " | safety " + onSafety + " | arm " + (armUp ? "up" : "down")
                    + (silent ? " | silent" : "") + " | lane " + lane.phase());
            switch (op) {
                case 0, 1 -> arrive(arg);
                case 2, 3 -> camera(arg);
                case 4, 5 -> swipe();
                case 6, 7 -> advance(arg);
                case 8 -> reverse();
                case 9, 10, 11 -> tick(arg);
                case 12 -> silence(arg % 3 == 0);
                case 13 -> restart();
                case 14 -> badFrame();
                case 15 -> lateReadings = arg % 3;
                default -> clockStepped(arg);
            }
        }

        /** Controller answering, time passing: what any vehicle at the barrier is owed must now be done. */
        void settle() {
            if (silent) {
                silence(false);
            }
            if (onSafety != null) {
                onSafety = null; // the car under the arm drives on: the one behind is next
                inputsChanged();
            }
            if (onArming != null) {
                camera(1); // the camera reports it once more (a fresh read, as after a restart)
            }
            for (int i = 0; i < 400 && onArming != null && !onArming.opened && !onArming.held; i++) {
                now = now.plusMillis(100);
                apply(lane.onTick(now));
            }
            if (onArming != null && !onArming.opened && !onArming.held) {
                throw new AssertionError(onArming + " was neither let through nor held; phase " + lane.phase());
            }
            if (onArming == null) {
                for (int i = 0; i < 400 && armUp; i++) {
                    now = now.plusMillis(100);
                    apply(lane.onTick(now));
                }
                if (armUp) {
                    throw new AssertionError("the lane is empty and the arm stays up; phase " + lane.phase());
                }
            }
        }

        @SuppressWarnings("EnumOrdinal") // a kind picked by the random argument
        private void arrive(int arg) {
            if (onArming != null || silent) {
                return; // one vehicle per loop; cars do not move while the barrier does not answer
            }
            Kind kind = Kind.values()[arg % Kind.values().length];
            onArming = new Vehicle(nextId++, kind, (arg / 4) % RESIDENTS);
            inputsChanged();
        }

        private void camera(int arg) {
            if (onArming == null) {
                return;
            }
            boolean unreadable = onArming.plate == null || arg % 7 == 0;
            PlateRead read = unreadable ? new PlateRead(null, PlateColour.UNKNOWN, 0, null)
                    : new PlateRead(onArming.plate, PlateColour.BLUE, arg % 5 == 0 ? 40 : 90, null);
            apply(lane.onPlate(read, now));
        }

        private void swipe() {
            // The reader stands at the arming loop: the car there swipes, also after it was let through
            // (a resident whose plate opened the arm swipes anyway).
            Vehicle who = onArming;
            if (who == null || who.card == null) {
                return;
            }
            who.swiped = true;
            apply(lane.onCard(who.card, now));
        }

        private void advance(int arg) {
            if (silent) {
                return;
            }
            if (onSafety != null) {
                onSafety = null; // it drives away
            } else if (onArming != null && (armUp || arg % 11 == 0)) {
                onSafety = onArming; // through the open arm, or forcing the closed one
                onArming = null;
            } else {
                return;
            }
            inputsChanged();
        }

        private void reverse() {
            if (onArming != null) {
                onArming = null;
                inputsChanged();
            }
        }

        /** The lane PC's clock is set forward or back, by a second up to three hours; the runtime tells the lane. */
        private void clockStepped(int arg) {
            Duration step = Duration.ofSeconds(1 + arg % 10_800);
            if (arg % 2 == 0) {
                step = step.negated();
            }
            now = now.plus(step);
            lane.onClockStepped(step);
        }

        private void tick(int arg) {
            now = now.plusMillis(arg % 3000);
            apply(lane.onTick(now));
        }

        private void silence(boolean on) {
            if (on == silent) {
                return;
            }
            silent = on;
            if (on) {
                apply(lane.onControllerLost(now));
            } else {
                apply(lane.onInputs(inputs(), now)); // the first reading after it answers again
            }
        }

        private void restart() {
            // As the agent does: the new process is told the last passage its store journalled.
            lane = newLane(java.util.Optional.ofNullable(lastCommit)
                    .map(c -> new LaneStateMachine.PriorOpening(c.visit(), c.at())));
            lastCommit = null;
            if (!silent) {
                apply(lane.onInputs(inputs(), now));
            }
        }

        private void badFrame() {
            // A card frame with a bad checksum is dropped by the driver: the lane hears nothing.
        }

        private void inputsChanged() {
            if (!silent) {
                apply(lane.onInputs(inputs(), now));
            }
        }

        /** Carries out the lane's actions in order, as the runtime does, checking each. */
        private void apply(List<LaneAction> actions) {
            List<LaneAction> queue = new ArrayList<>(actions);
            while (!queue.isEmpty()) {
                LaneAction a = queue.remove(0);
                if (!(a instanceof LaneAction.Decided) && !(a instanceof LaneAction.SetLamp)) {
                    if (story.size() == 40) {
                        story.removeFirst();
                    }
                    story.addLast("   -> " + a.getClass().getSimpleName() + (silent ? " (silent)" : ""));
                }
                if (a instanceof LaneAction.CommitPassage c) {
                    lastCommit = c;
                } else if (a instanceof LaneAction.PulseOpen) {
                    queue.addAll(open());
                } else if (a instanceof LaneAction.PulseClose) {
                    queue.addAll(close());
                } else if (a instanceof LaneAction.Hold h) {
                    if (h.decision().reason() == null || h.decision().reason().isBlank()) {
                        throw new AssertionError("held without a reason: " + h);
                    }
                    if (onArming != null) {
                        onArming.held = true;
                    }
                }
            }
        }

        private List<LaneAction> open() {
            if (lastCommit == null) {
                throw new AssertionError("OPEN without a journalled passage");
            }
            VehicleVisit v = lastCommit.visit();
            if (v.plateText() == null && v.card() == null) {
                throw new AssertionError("OPEN for an unidentified vehicle: " + v);
            }
            if (onArming != null) {
                if (v.plateText() != null && !v.plateText().equals(onArming.plate)) {
                    throw new AssertionError("OPEN for " + onArming + " on another car's plate " + v.plateText());
                }
                if (v.card() != null && (!v.card().equals(onArming.card) || !onArming.swiped)) {
                    throw new AssertionError("OPEN for " + onArming + " on another car's card " + v.card());
                }
            }
            if (silent) {
                return lane.onCommandFailed(LaneStateMachine.Command.OPEN, "no response within 200 ms", now);
            }
            if (onArming != null) {
                onArming.opened = true;
            }
            if (!armUp) {
                armUp = true;
                return lane.onInputs(inputs(), now);
            }
            return List.of();
        }

        private List<LaneAction> close() {
            if (lane.inputs().vehicleUnderOrBefore()) {
                throw new AssertionError("CLOSE asked for while the lane reads a loop occupied: " + lane.inputs());
            }
            if (silent) {
                return lane.onCommandFailed(LaneStateMachine.Command.CLOSE, "no response within 200 ms", now);
            }
            List<LaneAction> out = new ArrayList<>();
            if (!inputs().vehicleUnderOrBefore() && lateReadings > 0) {
                lateReadings--; // no reading fresh in time: withheld on clear loops
                out.addAll(lane.onCloseWithheld(now));
                return out;
            }
            if (inputs().vehicleUnderOrBefore()) {
                // The controller's fresh reading right before CLOSE: withheld, and the lane is told.
                out.addAll(lane.onInputs(inputs(), now));
                out.addAll(lane.onCloseWithheld(now));
                return out;
            }
            if (armUp) {
                armUp = false;
                out.addAll(lane.onInputs(inputs(), now));
            }
            return out;
        }
    }
}
