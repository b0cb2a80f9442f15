package io.parkgate.agent.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

class LaneStateMachineTest {

    private static final String RESIDENT = "粤B12345";
    private static final String RESIDENT_CARD = "0E00A35C21";
    private static final String STRANGER = "粤A99999";

    private Instant now = Instant.parse("2026-11-22T08:00:00Z");
    private final List<String> decided = new ArrayList<>();

    private final LaneStateMachine.Decider decider = (plate, card, at) -> {
        decided.add((plate == null ? "-" : String.valueOf(plate.plate())) + "/" + card);
        if (plate != null && RESIDENT.equals(plate.plate()) || RESIDENT_CARD.equals(card)) {
            return decision(Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER,
                    plate == null ? MatchKind.CARD_ONLY : MatchKind.EXACT);
        }
        if (plate == null || plate.plateless()) {
            return decision(Verdict.HOLD, DecisionCode.PLATELESS, null, MatchKind.NONE);
        }
        return decision(Verdict.COLLECT_FEE, DecisionCode.TEMPORARY, PayerCategory.TEMPORARY, MatchKind.NONE);
    };

    private final LaneStateMachine lane = new LaneStateMachine(new LaneStateMachine.Settings(
            Duration.ofSeconds(3), true, true, 50, Duration.ofSeconds(10), Duration.ofSeconds(30)), decider);

    private static Decision decision(Verdict v, DecisionCode code, PayerCategory payer, MatchKind match) {
        return new Decision(v, code, null, null, null, match, null, code.name(), code.name(), null, payer, null, null);
    }

    private static PlateRead read(String plate) {
        return new PlateRead(plate, PlateColour.BLUE, 95, null);
    }

    private List<LaneAction> inputs(boolean arming, boolean safety, boolean open, boolean closed) {
        now = now.plusMillis(100);
        return lane.onInputs(new LaneInputs(arming, safety, open, closed), now);
    }

    private static boolean has(List<LaneAction> actions, Class<? extends LaneAction> type) {
        return actions.stream().anyMatch(type::isInstance);
    }

    /** Verifies that a resident recognised by plate gets the passage journalled before OPEN, and CLOSE after crossing.
     * */
    @Test
    void residentByPlateOpensJournalFirstThenClosesAfterCrossing() {
        inputs(true, false, false, true);
        List<LaneAction> actions = lane.onPlate(read(RESIDENT), now);
        int commit = indexOf(actions, LaneAction.CommitPassage.class);
        int open = indexOf(actions, LaneAction.PulseOpen.class);
        assertTrue(commit >= 0 && open > commit, "commit must precede OPEN: " + actions);
        assertEquals(LaneStateMachine.Phase.AUTHORISED, lane.phase());

        assertFalse(has(inputs(true, false, false, false), LaneAction.PulseClose.class));
        assertFalse(has(inputs(true, false, true, false), LaneAction.PulseClose.class));
        assertFalse(has(inputs(false, true, true, false), LaneAction.PulseClose.class));
        assertEquals(LaneStateMachine.Phase.CROSSING, lane.phase());
        List<LaneAction> cleared = inputs(false, false, true, false);
        assertTrue(has(cleared, LaneAction.VehiclePassed.class));
        assertTrue(has(cleared, LaneAction.PulseClose.class));
        assertEquals(LaneStateMachine.Phase.IDLE, lane.phase());
    }

    /**
     * Verifies that a held vehicle whose plate the booth corrected is decided again with that plate, by the
     * same rules: a correction for another visit, or for a vehicle no longer waiting, changes nothing.
     */
    @Test
    void aCorrectedPlateIsDecidedAgain() {
        inputs(true, false, false, true);
        lane.onPlate(new PlateRead(null, PlateColour.BLUE, 90, "snap-1"), now);
        now = now.plusSeconds(4);
        assertTrue(has(lane.onTick(now), LaneAction.Hold.class), "held: no plate, no card");
        String held = lane.visit().eventId();
        assertTrue(lane.onPlateCorrected("another-visit", RESIDENT, now).isEmpty());
        assertEquals(LaneStateMachine.Phase.WAITING, lane.phase());

        List<LaneAction> again = lane.onPlateCorrected(held, RESIDENT, now);
        LaneAction.CommitPassage commit = (LaneAction.CommitPassage) again.stream()
                .filter(LaneAction.CommitPassage.class::isInstance).findFirst().orElseThrow();
        assertEquals(RESIDENT, commit.visit().plateText());
        assertEquals(held, commit.visit().eventId(), "the same visit, now decided");
        assertEquals("snap-1", commit.visit().plate().snapshotRef(), "the evidence stays the camera's");
        assertTrue(indexOf(again, LaneAction.PulseOpen.class) > indexOf(again, LaneAction.CommitPassage.class));
        assertTrue(lane.onPlateCorrected(held, RESIDENT, now).isEmpty(), "no longer waiting: nothing twice");
    }

    /** Verifies that a plate corrected into one that must pay is held for its fee, never opened for. */
    @Test
    void aCorrectionNeverOpensByItself() {
        inputs(true, false, false, true);
        lane.onPlate(new PlateRead(null, PlateColour.BLUE, 90, null), now);
        now = now.plusSeconds(4);
        lane.onTick(now);
        List<LaneAction> again = lane.onPlateCorrected(lane.visit().eventId(), STRANGER, now);
        assertFalse(has(again, LaneAction.PulseOpen.class), again.toString());
        assertTrue(has(again, LaneAction.Hold.class));
        assertEquals(Verdict.COLLECT_FEE, lane.decision().verdict());
        assertEquals(LaneStateMachine.Phase.WAITING, lane.phase());
    }

    /** Verifies that CLOSE is withheld while the next vehicle stands on the arming loop, and sent once it is clear. */
    @Test
    void neverClosesWhileALoopIsOccupied() {
        inputs(true, false, false, true);
        lane.onPlate(read(RESIDENT), now);
        inputs(true, false, true, false);
        inputs(true, true, true, false); // first on safety, second already on arming
        List<LaneAction> afterFirst = inputs(true, false, true, false);
        assertFalse(has(afterFirst, LaneAction.PulseClose.class), "arming loop occupied: " + afterFirst);
        assertEquals(LaneStateMachine.Phase.IDENTIFYING, lane.phase());
        List<LaneAction> gone = inputs(false, false, true, false);
        assertTrue(has(gone, LaneAction.PulseClose.class));
    }

    /**
     * Verifies that an arm kept up by a held car standing behind the one that passed is told to the supervisor
     * once, a minute on, and that the alarm is not raised while the lane is still letting a vehicle through, nor
     * again for the same hold-up, nor stalled by the clock being set back.
     */
    @Test
    void anArmKeptUpByAnOccupiedLoopIsToldOnce() {
        inputs(true, false, false, true);
        lane.onPlate(read(RESIDENT), now);
        inputs(true, false, true, false);
        inputs(true, true, true, false); // the resident on the safety loop, a stranger already behind
        inputs(true, false, true, false); // the resident has gone; the stranger stands on the arming loop
        lane.onPlate(new PlateRead(null, PlateColour.BLUE, 90, null), now);
        now = now.plusSeconds(4);
        assertTrue(has(lane.onTick(now), LaneAction.Hold.class), "the stranger is held, under the raised arm");
        now = now.plusSeconds(59);
        assertFalse(alarm(lane.onTick(now), AlarmKind.BARRIER_BLOCKED), "not before a minute");
        now = now.minus(Duration.ofHours(1)); // the lane PC's clock is set back: the minute starts again
        assertFalse(alarm(lane.onTick(now), AlarmKind.BARRIER_BLOCKED));
        now = now.plusSeconds(59);
        assertFalse(alarm(lane.onTick(now), AlarmKind.BARRIER_BLOCKED));
        now = now.plusSeconds(1);
        List<LaneAction> told = lane.onTick(now);
        assertTrue(alarm(told, AlarmKind.BARRIER_BLOCKED), told.toString());
        now = now.plusSeconds(120);
        assertFalse(alarm(lane.onTick(now), AlarmKind.BARRIER_BLOCKED), "once per hold-up");

        List<LaneAction> gone = inputs(false, false, true, false);
        assertTrue(has(gone, LaneAction.PulseClose.class), "the loops are clear: the arm comes down");
        now = now.plusSeconds(120);
        assertFalse(alarm(lane.onTick(now), AlarmKind.BARRIER_BLOCKED), "nothing is held up any more");
    }

    /**
     * Verifies that a card swiped by the next car, standing at the reader after the crossing one has left it, is
     * that car's: it is not journalled with the car passing, and the next car opens with it once the lane is clear.
     */
    @Test
    void theNextCarsSwipeWhileAnotherCrossesIsItsOwn() {
        inputs(true, false, false, true);
        lane.onPlate(read(STRANGER), now);
        now = now.plusSeconds(4);
        lane.onTick(now); // the stranger is held for the fee ...
        lane.onPaymentRecorded(new Authorisation(Authorisation.Kind.PAYMENT, "wang", "现金", 500L), now);
        inputs(true, false, true, false);
        inputs(true, true, true, false);
        inputs(false, true, true, false); // ... and crosses, having left the arming loop and the reader behind
        inputs(true, true, true, false); // the next car drives up to the reader; no plate is read of it
        lane.onCard(RESIDENT_CARD, now);
        now = now.plusSeconds(5); // the paying car takes its time under the arm
        List<LaneAction> cleared = inputs(true, false, true, false);
        LaneAction.VehiclePassed passed = (LaneAction.VehiclePassed) cleared.stream()
                .filter(LaneAction.VehiclePassed.class::isInstance).findFirst().orElseThrow();
        assertEquals(null, passed.visit().card(), "the next car's card was journalled with the one passing");
        assertEquals(RESIDENT_CARD, lane.visit().card(), "the waiting car keeps its swipe");
        now = now.plusSeconds(3);
        assertTrue(has(lane.onTick(now), LaneAction.PulseOpen.class), "the resident opens by his card");
    }

    /**
     * Verifies that a car being identified is still decided when the lane PC's clock is set back meanwhile and the
     * lane is not told (a clock with no monotonic count beside it): the window starts again rather than stall.
     */
    @Test
    void aClockSetBackDoesNotStallTheIdentificationWindow() {
        inputs(true, false, false, true);
        lane.onPlate(read(STRANGER), now); // the card reader may still be read: the window runs
        assertEquals(LaneStateMachine.Phase.IDENTIFYING, lane.phase());
        now = now.minus(Duration.ofHours(1));
        lane.onTick(now);
        now = now.plusSeconds(3);
        assertTrue(has(lane.onTick(now), LaneAction.Hold.class), "decided one window after the step");
    }

    /** Verifies that an opening nobody used still closes 30 s on when the clock is set back meanwhile. */
    @Test
    void aClockSetBackDoesNotKeepAnAbandonedOpeningUp() {
        inputs(true, false, false, true);
        lane.onPlate(read(RESIDENT), now);
        inputs(true, false, true, false);
        inputs(false, false, true, false); // backed off instead of driving through
        now = now.minus(Duration.ofHours(1));
        lane.onTick(now);
        now = now.plusSeconds(30);
        assertTrue(has(lane.onTick(now), LaneAction.PulseClose.class), "closed 30 s after the step");
        assertEquals(LaneStateMachine.Phase.IDLE, lane.phase());
    }

    /** Verifies that a card that just passed is ignored for its 10 s, not for 10 s plus the clock's step back. */
    @Test
    void aClockSetBackDoesNotStretchTheRepeatSuppression() {
        aResidentPassesByCard();
        assertEquals(LaneStateMachine.Phase.IDLE, lane.phase());
        now = now.minus(Duration.ofHours(1));
        lane.onTick(now);
        now = now.plusSeconds(11);
        lane.onTick(now);
        inputs(true, false, false, true); // the resident comes back in another car, without a readable plate
        lane.onCard(RESIDENT_CARD, now);
        assertEquals(RESIDENT_CARD, lane.visit().card(), "the card is read again 11 s after the step");
    }

    /** A resident arrives in a car whose plate is not his, is let in by his card and drives through. */
    private void aResidentPassesByCard() {
        inputs(true, false, false, true);
        lane.onCard(RESIDENT_CARD, now);
        lane.onPlate(read(STRANGER), now); // opens by the resident's card
        inputs(true, false, true, false);
        inputs(true, true, true, false);
        inputs(false, true, true, false);
        inputs(false, false, true, false);
    }

    /** Verifies that a read from before a clock set back is not handed to the next car once the loop was empty. */
    @Test
    void aReadFromBeforeAClockSetBackIsNotTheNextCars() {
        inputs(false, false, false, true);
        lane.onPlate(read(RESIDENT), now); // read with nobody on the loop: kept a moment for an arrival
        now = now.minus(Duration.ofHours(1));
        inputs(false, false, false, true); // the loop is read empty, after the step
        now = now.plusSeconds(5);
        inputs(true, false, false, true); // a stranger arrives
        assertEquals(null, lane.visit().plate(), "the resident's old read went to the stranger: " + decided);
    }

    /** The lane PC's clock is stepped by {@code d}, and the lane is told (as {@link LaneRuntime} tells it). */
    private void clockStepped(Duration d) {
        now = now.plus(d);
        lane.onClockStepped(d);
    }

    /**
     * Verifies that a clock stepped forward (a time server's first answer after a dead battery) does not end the
     * identification window at once: the card may still come, and the car is decided one window after it arrived.
     */
    @Test
    void aClockSteppedForwardDoesNotCutTheIdentificationWindow() {
        assertDecidedOneWindowAfterArriving(Duration.ZERO, Duration.ofHours(3));
    }

    /** Verifies that a clock set back keeps the identification window's length, neither restarting nor stalling it. */
    @Test
    void aClockSetBackKeepsTheWindowsLength() {
        assertDecidedOneWindowAfterArriving(Duration.ofSeconds(2), Duration.ofHours(-1));
    }

    /** A stranger arrives and is read; {@code before} on, the clock is stepped; he is held 3 s after arriving. */
    private void assertDecidedOneWindowAfterArriving(Duration before, Duration step) {
        inputs(true, false, false, true);
        Instant arrived = now;
        lane.onPlate(read(STRANGER), now);
        now = now.plus(before);
        lane.onTick(now);
        clockStepped(step);
        assertFalse(has(lane.onTick(now), LaneAction.Hold.class), "decided at the step: " + decided);
        now = arrived.plus(step).plusMillis(2_900);
        assertFalse(has(lane.onTick(now), LaneAction.Hold.class), "decided before its window: " + decided);
        now = now.plusMillis(100);
        assertTrue(has(lane.onTick(now), LaneAction.Hold.class), "decided one window after it arrived");
    }

    /**
     * Verifies that an opening is not taken for abandoned because the clock was stepped forward while its car was
     * between the loops: the arm stays up, the car crosses as the passage it is, and nobody is called a tailgater.
     */
    @Test
    void aClockSteppedForwardDoesNotCloseAnOpeningUnderItsCar() {
        inputs(true, false, false, true);
        lane.onPlate(read(RESIDENT), now);
        inputs(true, false, true, false);
        inputs(false, false, true, false); // off the arming loop, not yet on the safety loop
        clockStepped(Duration.ofHours(3));
        assertFalse(has(lane.onTick(now), LaneAction.PulseClose.class), "closed at the step");
        assertEquals(LaneStateMachine.Phase.AUTHORISED, lane.phase());
        List<LaneAction> under = inputs(false, true, true, false);
        assertFalse(under.stream().anyMatch(LaneAction.RaiseAlarm.class::isInstance), under.toString());
        List<LaneAction> gone = inputs(false, false, true, false);
        assertTrue(has(gone, LaneAction.VehiclePassed.class), gone.toString());
        assertTrue(has(gone, LaneAction.PulseClose.class), "closed behind it");
    }

    /** Verifies that a card that just passed is still ignored for its 10 s after a clock stepped forward. */
    @Test
    void aClockSteppedForwardKeepsTheRepeatSuppression() {
        aResidentPassesByCard();
        clockStepped(Duration.ofHours(3));
        lane.onTick(now);
        now = now.plusSeconds(5);
        lane.onTick(now);
        inputs(true, false, false, true); // the card is still held out of the window as the next car arrives
        lane.onCard(RESIDENT_CARD, now);
        assertEquals(null, lane.visit().card(), "the passed card opened for the next car 5 s on");
    }

    /** Verifies that an arm held up by an occupied loop is told after its minute, not at a clock stepped forward. */
    @Test
    void aClockSteppedForwardDoesNotRaiseTheHeldUpAlarmEarly() {
        inputs(true, false, false, true);
        lane.onPlate(read(RESIDENT), now);
        inputs(true, false, true, false);
        inputs(true, true, true, false);
        inputs(true, false, true, false); // the resident has gone; a stranger stands on the arming loop
        lane.onPlate(new PlateRead(null, PlateColour.BLUE, 90, null), now);
        now = now.plusSeconds(4);
        assertTrue(has(lane.onTick(now), LaneAction.Hold.class), "the stranger is held, under the raised arm");
        clockStepped(Duration.ofHours(3));
        assertFalse(alarm(lane.onTick(now), AlarmKind.BARRIER_BLOCKED), "told at the step");
        now = now.plusSeconds(59);
        assertFalse(alarm(lane.onTick(now), AlarmKind.BARRIER_BLOCKED), "not before a minute");
        now = now.plusSeconds(1);
        assertTrue(alarm(lane.onTick(now), AlarmKind.BARRIER_BLOCKED), "told a minute after the hold-up began");
    }

    /** Verifies that a read made just before the car arrived is still its own when the clock was stepped between. */
    @Test
    void aReadJustBeforeAClockStepIsStillTheArrivingCars() {
        inputs(false, false, false, true);
        lane.onPlate(read(RESIDENT), now); // the camera beat the loop by a moment ...
        clockStepped(Duration.ofHours(3)); // ... and the clock was stepped in that moment
        inputs(true, false, false, true);
        assertEquals(RESIDENT, lane.visit().plateText(), "the arriving car's read was lost to the step");
    }

    /** Verifies that a vehicle taking its time under an arm raised for it is no hold-up. */
    @Test
    void aSlowCrossingIsNoHoldUp() {
        inputs(true, false, false, true);
        lane.onPlate(read(RESIDENT), now);
        inputs(true, false, true, false);
        inputs(true, true, true, false);
        inputs(false, true, true, false); // crossing, slowly
        for (int i = 0; i < 10; i++) {
            now = now.plusSeconds(30);
            assertFalse(alarm(lane.onTick(now), AlarmKind.BARRIER_BLOCKED), "still crossing at +" + (i + 1) * 30);
        }
    }

    /**
     * Verifies that a CLOSE the controller withheld is asked for again when the lane sees the loops clear (the
     * reading was too old to trust), and waits for the loops otherwise.
     */
    @Test
    void aWithheldCloseIsAskedAgainOnlyOnClearLoops() {
        inputs(true, false, false, true);
        lane.onPlate(read(RESIDENT), now);
        inputs(true, false, true, false);
        inputs(false, true, true, false);
        assertTrue(has(inputs(false, false, true, false), LaneAction.PulseClose.class));
        assertTrue(has(lane.onCloseWithheld(now), LaneAction.PulseClose.class), "loops clear: asked again");

        inputs(true, false, true, false); // the reading that withheld it: the next car on the arming loop
        assertFalse(has(lane.onCloseWithheld(now), LaneAction.PulseClose.class), "a car on the loop: not now");
        assertTrue(has(inputs(false, false, true, false), LaneAction.PulseClose.class), "once it has gone");
    }

    /**
     * Verifies that an arm found up at the first reading (a restart, an outage) with nobody let through is closed
     * once the loops are clear, and not before.
     */
    @Test
    void anArmFoundUpOverAnEmptyLaneIsClosed() {
        assertFalse(has(inputs(false, true, true, false), LaneAction.PulseClose.class), "a car under the arm");
        assertTrue(has(inputs(false, false, true, false), LaneAction.PulseClose.class), "gone: closed");

        LaneStateMachine restarted = new LaneStateMachine(new LaneStateMachine.Settings(
                Duration.ofSeconds(3), true, true, 50, Duration.ofSeconds(10), Duration.ofSeconds(30)), decider);
        assertTrue(has(restarted.onInputs(new LaneInputs(false, false, true, false), now), LaneAction.PulseClose.class),
                "an empty lane: closed at once");
    }

    /**
     * Verifies that after a restart, a vehicle found on the safety loop under the raised arm within the
     * abandoned-opening time of the previous process's last journalled opening crosses as that passage: it passes
     * under its event id, no alarm, the arm closes behind it, and its plate is not decided again.
     */
    @Test
    void aCrossingLeftByARestartPassesWithoutAlarm() {
        VehicleVisit opened = new VehicleVisit("5e0c5b3e-7d1a-4c7e-9a55-0b7f2a0c1d11", now.minusSeconds(8),
                read(RESIDENT), RESIDENT_CARD);
        LaneStateMachine restarted = restarted(new LaneStateMachine.PriorOpening(opened, now.minusSeconds(5)));

        List<LaneAction> found = restarted.onInputs(new LaneInputs(false, true, true, false), now);
        assertFalse(found.stream().anyMatch(a -> a instanceof LaneAction.RaiseAlarm), found.toString());
        assertFalse(has(found, LaneAction.PulseClose.class), "never over the car");
        assertEquals(LaneStateMachine.Phase.CROSSING, restarted.phase());

        List<LaneAction> gone = restarted.onInputs(new LaneInputs(false, false, true, false), now.plusSeconds(1));
        assertTrue(gone.stream().anyMatch(a -> a instanceof LaneAction.VehiclePassed p
                && p.visit().eventId().equals(opened.eventId())), gone.toString());
        assertTrue(has(gone, LaneAction.PulseClose.class), "closed behind it");
        assertEquals(LaneStateMachine.Phase.IDLE, restarted.phase());
        assertTrue(restarted.onPlate(read(RESIDENT), now.plusSeconds(2)).isEmpty(),
                "its plate, read again, is its own");
        assertTrue(decided.isEmpty(), "nothing decided: " + decided);
    }

    /**
     * Verifies what a restart's prior opening does not excuse: a vehicle found later than the abandoned-opening time
     * after it (tailgating), under a closed arm (forced), only on the arming loop (the next car, decided afresh), or
     * at a reading after the first (an outage later on).
     */
    @Test
    void aPriorOpeningExcusesOnlyTheFirstReadingSoonAfterIt() {
        VehicleVisit opened = new VehicleVisit("5e0c5b3e-7d1a-4c7e-9a55-0b7f2a0c1d11", now.minusSeconds(40),
                read(RESIDENT), null);

        LaneStateMachine late = restarted(new LaneStateMachine.PriorOpening(opened, now.minusSeconds(31)));
        assertTrue(alarm(late.onInputs(new LaneInputs(false, true, true, false), now), AlarmKind.TAILGATING), "late");

        LaneStateMachine closed = restarted(new LaneStateMachine.PriorOpening(opened, now.minusSeconds(5)));
        assertTrue(alarm(closed.onInputs(new LaneInputs(false, true, false, true), now), AlarmKind.FORCED_PASSAGE),
                "under a closed arm");

        LaneStateMachine arming = restarted(new LaneStateMachine.PriorOpening(opened, now.minusSeconds(5)));
        arming.onInputs(new LaneInputs(true, false, true, false), now);
        assertEquals(LaneStateMachine.Phase.IDENTIFYING, arming.phase(),
                "the car on the arming loop is decided afresh");
        assertFalse(opened.eventId().equals(arming.visit().eventId()));

        LaneStateMachine outage = restarted(new LaneStateMachine.PriorOpening(opened, now.minusSeconds(5)));
        outage.onInputs(new LaneInputs(false, false, false, true), now);
        outage.onControllerLost(now.plusSeconds(1));
        assertTrue(alarm(outage.onInputs(new LaneInputs(false, true, true, false), now.plusSeconds(2)),
                AlarmKind.TAILGATING), "after an outage later on");
    }

    private LaneStateMachine restarted(LaneStateMachine.PriorOpening prior) {
        return new LaneStateMachine(new LaneStateMachine.Settings(Duration.ofSeconds(3), true, true, 50,
                Duration.ofSeconds(10), Duration.ofSeconds(30)), decider, java.util.Optional.of(prior));
    }

    private static boolean alarm(List<LaneAction> actions, AlarmKind kind) {
        return actions.stream().anyMatch(a -> a instanceof LaneAction.RaiseAlarm r && r.kind() == kind);
    }

    /** Verifies that a vehicle on the safety loop under a closed arm raises a forced-passage alarm and no OPEN. */
    @Test
    void forcedPassageRaisesAlarm() {
        List<LaneAction> actions = inputs(false, true, false, true);
        assertTrue(actions.stream().anyMatch(a -> a instanceof LaneAction.RaiseAlarm r
                && r.kind() == AlarmKind.FORCED_PASSAGE), actions.toString());
        assertFalse(has(actions, LaneAction.PulseOpen.class));
    }

    /** Verifies that a second vehicle crossing under one authorised opening is tailgating. */
    @Test
    void secondVehicleUnderOneOpeningIsTailgating() {
        inputs(true, false, false, true);
        lane.onPlate(read(RESIDENT), now);
        inputs(true, false, true, false);
        inputs(true, true, true, false);
        inputs(true, false, true, false); // first crossed; the follower is on the arming loop, undecided
        List<LaneAction> actions = inputs(false, true, true, false);
        assertTrue(actions.stream().anyMatch(a -> a instanceof LaneAction.RaiseAlarm r
                && r.kind() == AlarmKind.TAILGATING), actions.toString());
    }

    /** Verifies that a stranger waits for the card within the window, then is held for the fee until payment. */
    @Test
    void temporaryWaitsForWindowThenPaysThenOpens() {
        inputs(true, false, false, true);
        assertTrue(lane.onPlate(read(STRANGER), now).isEmpty(), "must wait for a card within the window");
        now = now.plusSeconds(3);
        List<LaneAction> held = lane.onTick(now);
        assertTrue(has(held, LaneAction.Hold.class));
        assertFalse(has(held, LaneAction.PulseOpen.class));
        assertEquals(LaneStateMachine.Phase.WAITING, lane.phase());
        List<LaneAction> paid = lane.onPaymentRecorded(
                new Authorisation(Authorisation.Kind.PAYMENT, "att1", "R-1", 500), now);
        assertEquals(List.of(LaneAction.CommitPassage.class, LaneAction.PulseOpen.class, LaneAction.SetLamp.class),
                paid.stream().map(Object::getClass).toList());
    }

    /** Verifies that a plateless vehicle with no card is held, and only a release of that visit opens. */
    @Test
    void platelessIsHeldUntilReleased() {
        inputs(true, false, false, true);
        lane.onPlate(new PlateRead(null, PlateColour.UNKNOWN, 0, null), now);
        now = now.plusSeconds(4);
        assertTrue(has(lane.onTick(now), LaneAction.Hold.class));
        Authorisation release = new Authorisation(Authorisation.Kind.RELEASE, "sup1", "EX-1", 0);
        assertTrue(lane.onRelease("some-other-visit", release, now).isEmpty());
        assertTrue(has(lane.onRelease(lane.visit().eventId(), release, now), LaneAction.PulseOpen.class));
    }

    /** Verifies that a card read just before the loop reports the vehicle is used, and repeats are one passage. */
    @Test
    void earlyAndRepeatedReadsAreOnePassage() {
        lane.onCard(RESIDENT_CARD, now);
        List<LaneAction> arrival = inputs(true, false, false, true);
        assertFalse(has(arrival, LaneAction.CommitPassage.class), "camera not yet reported");
        List<LaneAction> plate = lane.onPlate(read(RESIDENT), now);
        assertEquals(1, plate.stream().filter(LaneAction.CommitPassage.class::isInstance).count());
        assertTrue(lane.onPlate(read(RESIDENT), now).isEmpty());
        assertTrue(lane.onCard(RESIDENT_CARD, now).isEmpty());
        inputs(true, false, true, false);
        inputs(false, true, true, false);
        inputs(false, false, true, false);
        assertTrue(lane.onPlate(read(RESIDENT), now.plusSeconds(2)).isEmpty(), "late repeat after passage");
        assertEquals(LaneStateMachine.Phase.IDLE, lane.phase());
    }

    /** Verifies that an opening nobody drives through is closed after the abandoned-opening time. */
    @Test
    void abandonedOpeningCloses() {
        inputs(true, false, false, true);
        lane.onPlate(read(RESIDENT), now);
        inputs(false, false, true, false); // reversed away
        assertFalse(has(lane.onTick(now.plusSeconds(5)), LaneAction.PulseClose.class));
        assertTrue(has(lane.onTick(now.plusSeconds(31)), LaneAction.PulseClose.class));
    }

    /** Verifies that a released vehicle passes under the re-priced decision, not the held one. */
    @Test
    void releaseJournalsTheRepricedDecision() {
        Decision repriced = decision(Verdict.OPEN, DecisionCode.CARD_PLATE_MISMATCH, PayerCategory.TEMPORARY,
                MatchKind.EXACT);
        LaneStateMachine.Decider holding = new LaneStateMachine.Decider() {
            @Override
            public Decision decide(PlateRead plate, String card, Instant at) {
                return decision(Verdict.HOLD, DecisionCode.CARD_PLATE_MISMATCH, PayerCategory.TEMPORARY,
                        MatchKind.EXACT);
            }

            @Override
            public Decision afterRelease(Decision held, Instant at) {
                return repriced;
            }
        };
        LaneStateMachine held = new LaneStateMachine(new LaneStateMachine.Settings(Duration.ofSeconds(3), true,
                true, 50, Duration.ofSeconds(10), Duration.ofSeconds(30)), holding);
        held.onInputs(new LaneInputs(true, false, false, true), now);
        held.onPlate(read(STRANGER), now);
        held.onCard(RESIDENT_CARD, now);
        List<LaneAction> released = held.onRelease(held.visit().eventId(),
                new Authorisation(Authorisation.Kind.RELEASE, "sup1", "核实为车主", 500), now);
        LaneAction.CommitPassage commit = (LaneAction.CommitPassage) released.get(0);
        assertEquals(repriced, commit.decision());
    }

    /** Verifies that a payment made away from the lane lets the waiting car pass only when it is that car's and covers
     * the fee. */
    @Test
    void paymentAwayFromTheLaneLetsTheWaitingCarPass() {
        LaneStateMachine.Decider fee = (plate, card, at) -> new Decision(Verdict.COLLECT_FEE, DecisionCode.TEMPORARY,
                STRANGER, STRANGER, null, MatchKind.EXACT, null, "临时车", "temporary", null, PayerCategory.TEMPORARY,
                new io.parkgate.tariff.FeeQuote(500, null, null, List.of()), null);
        LaneStateMachine exit = new LaneStateMachine(new LaneStateMachine.Settings(Duration.ofSeconds(3), true,
                false, 50, Duration.ofSeconds(10), Duration.ofSeconds(30)), fee);
        exit.onInputs(new LaneInputs(true, false, false, true), now);
        exit.onPlate(read(STRANGER), now);
        assertEquals(LaneStateMachine.Phase.WAITING, exit.phase());
        Authorisation tooLittle = new Authorisation(Authorisation.Kind.PREPAID, "central", "预付 P1", 300);
        Authorisation enough = new Authorisation(Authorisation.Kind.PREPAID, "central", "预付 P2", 500);
        assertTrue(exit.onPaidAway(STRANGER, tooLittle, now).isEmpty(), "less than the fee");
        assertTrue(exit.onPaidAway(RESIDENT, enough, now).isEmpty(), "another car's payment");
        assertTrue(has(exit.onPaidAway(STRANGER, enough, now), LaneAction.PulseOpen.class));
    }

    private static int indexOf(List<LaneAction> actions, Class<?> type) {
        for (int i = 0; i < actions.size(); i++) {
            if (type.isInstance(actions.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
