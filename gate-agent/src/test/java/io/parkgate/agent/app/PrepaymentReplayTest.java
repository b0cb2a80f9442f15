package io.parkgate.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.lane.AnsweringBarrier;
import io.parkgate.agent.lane.Authorisation;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneRuntime;
import io.parkgate.agent.lane.LaneStateMachine;
import io.parkgate.agent.lane.PassageJournal;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.agent.registry.OpenStay;
import io.parkgate.agent.registry.OpenStays;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.wire.PaymentMethod;
import io.parkgate.wire.Prepayment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Adversarial: central resends every prepayment of the last 24 h after each hello (docs/mqtt.md, "Payments away
 * from the lane"), including ones already used up by an earlier exit. A prepayment opens for a vehicle waiting
 * at the exit only if it pays for it now: not one that paid an earlier stay of the same plate, not one whose
 * grace is over (the car owes overtime), and not one that has already let a vehicle out.
 */
class PrepaymentReplayTest {

    private static final String PLATE = "粤A99999";
    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z"); // 15:00 local
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<String> barrier = new CopyOnWriteArrayList<>();
    private final List<LaneAction.CommitPassage> journalled = new CopyOnWriteArrayList<>();
    private final OpenStays stays = new OpenStays();

    @Test
    void aPrepaymentForAnEarlierStayDoesNotOpenForTheNextStay() throws Exception {
        // Stay A: entered 00:00Z, prepaid 20 yuan at 02:00Z (free until 02:15Z), left at 02:05Z, so that
        // prepayment is used up. Stay B entered again at 04:00Z and now, 07:00Z, waits at the exit owing 5 yuan.
        Prepayment usedUp = prepayment("R20261122-0001", 2000, "2026-11-22T02:00:00Z", "2026-11-22T02:15:00Z");
        OpenStay stayB = stay("2026-11-22T04:00:00Z", null);
        try (LaneRuntime lane = exitOwing(500)) {
            // The lane's MQTT session blips; on its hello central resends the last 24 h of prepayments.
            replay(new Prepayments("north-out", stays, lane, clock), usedUp, lane);

            assertClosed(usedUp);
            assertNull(stays.byId(stayB.entryEventId()).orElseThrow().prepaidUntil(), "stay B is not paid");
        }
    }

    @Test
    void aPrepaymentForAnEarlierStayStillInItsGraceDoesNotOpenForTheNextStay() throws Exception {
        // The nasty one: stay A paid at 06:50Z (free until 07:05Z) and left; the same car came straight back in at
        // 06:55Z, and at 07:00Z, still inside A's grace, waits at the exit owing the minimum 5 yuan. The agent
        // restarted in between, so it has no memory of the payment's id: only the entry time tells.
        Prepayment stayA = prepayment("R20261122-0002", 2000, "2026-11-22T06:50:00Z", "2026-11-22T07:05:00Z");
        OpenStay stayB = stay("2026-11-22T06:55:00Z", null);
        try (LaneRuntime lane = exitOwing(500)) {
            replay(new Prepayments("north-out", stays, lane, clock), stayA, lane);

            assertClosed(stayA);
            assertNull(stays.byId(stayB.entryEventId()).orElseThrow().prepaidUntil(),
                    "stay B must not be marked paid by stay A's payment");
        }
    }

    @Test
    void aStaysOwnPrepaymentDoesNotOpenOnceItsGraceIsOverAndOvertimeIsOwed() throws Exception {
        // Entered 04:00Z, paid 20 yuan at 06:00Z (free until 06:15Z), dawdled: at 07:00Z it waits at the exit
        // owing 3 yuan of overtime. The 20 yuan paid up to 06:15Z, not for the overtime.
        Prepayment own = prepayment("R20261122-0003", 2000, "2026-11-22T06:00:00Z", "2026-11-22T06:15:00Z");
        stay("2026-11-22T04:00:00Z", own.freeUntil());
        try (LaneRuntime lane = exitOwing(300)) {
            replay(new Prepayments("north-out", stays, lane, clock), own, lane);

            assertClosed(own);
        }
    }

    @Test
    void aPrepaymentThatLetAVehicleOutCannotLetAnotherOut() throws Exception {
        // The agent does not know the stay (entered while it was down): only the id's use guards here. A desk
        // payment at 06:58Z lets the waiting car out; a second car showing the same plate (a cloned plate) then
        // waits, and the payment is resent within its grace.
        Prepayment paid = prepayment("R20261122-0004", 500, "2026-11-22T06:58:00Z", "2026-11-22T07:13:00Z");
        try (LaneRuntime lane = exitOwing(500)) {
            Prepayments prepayments = new Prepayments("north-out", stays, lane, clock);
            replay(prepayments, paid, lane);
            assertEquals(List.of("OPEN"), barrier, "the payment lets the first car out");

            // The first car crosses; a minute later (past the repeat-read suppression) the second drives on and
            // is held for its fee.
            lane.inputs(new LaneInputs(true, true, true, false), NOW);
            lane.inputs(new LaneInputs(false, false, true, false), NOW);
            waitingAtExit(lane, NOW.plusSeconds(60));
            barrier.clear();
            journalled.clear();

            replay(prepayments, paid, lane);
            assertClosed(paid);
        }
    }

    @Test
    void aPaymentMadeNowForTheWaitingCarOpens() throws Exception {
        // The normal case: the car that entered at 04:00Z waits owing 5 yuan; the booth takes it now.
        stay("2026-11-22T04:00:00Z", null);
        Prepayment booth = prepayment("R20261122-0005", 500, "2026-11-22T07:00:00Z", "2026-11-22T07:15:00Z");
        try (LaneRuntime lane = exitOwing(500)) {
            replay(new Prepayments("north-out", stays, lane, clock), booth, lane);

            assertEquals(List.of("OPEN"), barrier);
            assertEquals(1, journalled.size());
            Authorisation how = journalled.get(0).authorisation();
            assertEquals(Authorisation.Kind.PREPAID, how.kind());
            assertEquals(500, how.paidFen());
            assertEquals("预付 R20261122-0005", how.note());
        }
    }

    private static Prepayment prepayment(String id, long fen, String paidAt, String freeUntil) {
        return new Prepayment(id, PLATE, fen, PaymentMethod.CASH, Instant.parse(paidAt), Instant.parse(freeUntil));
    }

    /** The plate's open stay as this agent knows it. */
    private OpenStay stay(String entered, Instant prepaidUntil) {
        OpenStay stay = new OpenStay(UUID.randomUUID().toString(), PLATE, null, Instant.parse(entered), "north-in",
                PayerCategory.TEMPORARY, prepaidUntil);
        stays.add(stay);
        return stay;
    }

    /** An exit lane with the plate's vehicle waiting there for a fee of {@code fen}. */
    private LaneRuntime exitOwing(long fen) throws Exception {
        Decision owes = new Decision(Verdict.COLLECT_FEE, DecisionCode.TEMPORARY, PLATE, PLATE, null,
                MatchKind.EXACT, null, "临时车", "temporary", null, PayerCategory.TEMPORARY,
                new FeeQuote(fen, null, null, List.of()), null);
        LaneStateMachine machine = new LaneStateMachine(new LaneStateMachine.Settings(Duration.ofSeconds(3), true,
                false, 50, Duration.ofSeconds(10), Duration.ofSeconds(30)), (plate, card, now) -> owes);
        LaneRuntime lane = new LaneRuntime("north-out", clock, machine, journal(), new AnsweringBarrier(barrier::add),
                LaneListener.NONE);
        waitingAtExit(lane, NOW);
        return lane;
    }

    private void waitingAtExit(LaneRuntime lane, Instant at) throws Exception {
        lane.inputs(new LaneInputs(true, false, false, true), at);
        lane.plate(new PlateRead(PLATE, PlateColour.BLUE, 95, null), at);
        assertEquals(LaneStateMachine.Phase.WAITING, lane.snapshot().toCompletableFuture().get(2, TimeUnit.SECONDS)
                .phase(), "held for its fee");
    }

    /** Central sends {@code p} (again); returns once the lane has acted on it. */
    private static void replay(Prepayments prepayments, Prepayment p, LaneRuntime lane) throws Exception {
        prepayments.prepaid(p);
        lane.snapshot().toCompletableFuture().get(2, TimeUnit.SECONDS);
    }

    private void assertClosed(Prepayment p) {
        assertTrue(barrier.isEmpty(), "prepayment " + p.id() + " paid at " + p.paidAt() + " (free until "
                + p.freeUntil() + ") opened the barrier at " + NOW + ": " + barrier + ", journalled as "
                + journalled.stream().map(c -> c.authorisation().toString()).toList());
    }

    private PassageJournal journal() {
        return new PassageJournal() {
            @Override
            public Registration passage(LaneAction.CommitPassage passage) {
                journalled.add(passage);
                return new Registration() {
                    @Override
                    public void opened() {
                    }

                    @Override
                    public void register() {
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
}
