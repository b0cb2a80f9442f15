package io.parkgate.central.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.change.Changes;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.lane.LaneService;
import io.parkgate.config.Direction;
import io.parkgate.tariff.TariffEngine;
import io.parkgate.testing.MutableClock;
import io.parkgate.wire.BarrierState;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.LaneStatus;
import io.parkgate.wire.PaymentMethod;
import io.parkgate.wire.Prepayment;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receipt numbers and partial payments, on a clock the test moves across the site's midnight. */
class PaymentServiceTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Shanghai");
    /** 23:59 at the site. */
    private static final Instant BEFORE_MIDNIGHT = Instant.parse("2026-12-05T15:59:00Z");
    private static final Principal WANG = new Principal("wang", "王刚", Role.ATTENDANT);

    @TempDir
    Path dir;

    /**
     * Verifies that receipt numbers count per day in the site's zone (not UTC) and start again after its midnight,
     * that partial payments are never passed to the lanes, and that the payment completing them is, with all paid.
     */
    @Test
    void receiptsCountPerSiteDayAndOnlyTheCompletingPaymentReachesTheLanes() {
        MutableClock clock = new MutableClock(BEFORE_MIDNIGHT);
        try (Database db = io.parkgate.central.db.TestDatabases.open(dir, "c.db")) {
            new PassageService(db, "site", clock, new Changes()).storeAndWait(List.of(new LaneEvent("x1", "north-out",
                    EventType.EXIT, BEFORE_MIDNIGHT.minusSeconds(60), "粤B1", "粤B1", null, 90, null, "TEMPORARY",
                    "临时车辆，请收费", 500L, null, null, null, null)));
            PaymentService pay = new PaymentService(db, "site", clock, Duration.ofMinutes(15),
                    new TariffEngine(CentralFixture.TARIFF, SITE), SITE);
            // the attendant takes cash on a running shift (its post is the payments')
            join(new io.parkgate.central.shift.ShiftService(db, "site", clock, null, SITE).open(WANG, "north-gate"));
            List<Prepayment> told = new CopyOnWriteArrayList<>();
            pay.onPrepaid(told::add);

            PaymentService.DeskPayment first = join(pay.prepay(WANG, "粤B1", 100, PaymentMethod.CASH, "north-gate",
                    true));
            assertEquals("R20261205-0001", first.receiptNo(), "23:59 at the site is still the 5th");
            assertEquals(400L, first.remainingFen());
            clock.set(BEFORE_MIDNIGHT.plusSeconds(90));
            PaymentService.DeskPayment second = join(pay.prepay(WANG, "粤B1", 100, PaymentMethod.CASH, "north-gate",
                    true));
            assertEquals("R20261206-0001", second.receiptNo(), "a new day, counted from 1");
            assertEquals(300L, second.remainingFen());
            assertEquals(200L, join(pay.exitAllowance("粤B1", null)).partialPaidFen());
            assertEquals(List.of(), told, "no partial payment reaches a lane");
            assertEquals(List.of(), join(pay.since(BEFORE_MIDNIGHT.minusSeconds(3600))), "nor is resent to one");

            PaymentService.DeskPayment rest = join(pay.prepay(WANG, "粤B1", 300, PaymentMethod.CASH, "north-gate"));
            assertEquals("R20261206-0002", rest.receiptNo());
            assertEquals(1, told.size());
            assertEquals("R20261206-0002", told.get(0).id());
            assertEquals(500L, told.get(0).amountFen(), "the lane is told all paid toward its fee");
            assertEquals(List.of(told.get(0)), join(pay.since(BEFORE_MIDNIGHT.minusSeconds(3600))));
            assertEquals(0L, join(pay.exitAllowance("粤B1", null)).partialPaidFen(), "settled");
            assertEquals(3, join(pay.list(null, "粤B1", null, null, 10)).size());
            assertEquals("粤B1", join(pay.list(" r20261205-0001 ", null, null, null, 10)).get(0).plate(),
                    "found by its number, typed loosely");
            assertFalse(join(pay.list("R20261205-0001", null, null, null, 10)).get(0).receiptNo().isEmpty());
        }
    }

    /**
     * Verifies that a car an exit lane holds for its fee is charged for its stay until the lane held it, however
     * long the booth takes: a partial payment and the rest must not cross into the next hour. Only an online exit
     * lane is believed, and for an hour at most; a plate nobody holds is priced to the minute it is paid.
     */
    @Test
    void aCarHeldAtTheExitPaysTheStayUntilTheLaneHeldIt() {
        Instant entry = Instant.parse("2026-12-05T01:00:00Z");
        Instant held = entry.plus(Duration.ofHours(2)).plusSeconds(30);
        MutableClock clock = new MutableClock(held);
        try (Database db = io.parkgate.central.db.TestDatabases.open(dir, "c.db")) {
            Changes changes = new Changes();
            PassageService passages = new PassageService(db, "site", clock, changes);
            for (String plate : List.of("粤B1", "粤B2", "粤B3", "粤B4")) {
                passages.storeAndWait(List.of(new LaneEvent("in-" + plate, "north-in", EventType.ENTRY, entry, plate,
                        plate, null, 90, null, "TEMPORARY", "临时车辆", null, null, null, null, null)));
            }
            LaneService lanes = join(LaneService.load(db, "site", clock, changes));
            join(lanes.provision("boss", new LaneDefinition("north-out", "north", Direction.OUT, "mqtt-password-1",
                    "command-secret-0123")));
            join(lanes.provision("boss", new LaneDefinition("north-in", "north", Direction.IN, "mqtt-password-2",
                    "command-secret-0123")));
            join(lanes.provision("boss", new LaneDefinition("east-out", "east", Direction.OUT, "mqtt-password-3",
                    "command-secret-0123")));
            PaymentService pay = new PaymentService(db, "site", clock, Duration.ofMinutes(15),
                    new TariffEngine(CentralFixture.TARIFF, SITE), SITE);
            join(new io.parkgate.central.shift.ShiftService(db, "site", clock, lanes, SITE).open(WANG, "north"));
            List<Prepayment> told = new CopyOnWriteArrayList<>();
            pay.onPrepaid(told::add);

            join(lanes.updateStatus(holding("north-out", true, held, "粤B1")));
            PaymentService.DeskPayment part = join(pay.prepay(WANG, "粤B1", 400, PaymentMethod.CASH, "north", true));
            assertEquals(800L, part.feeDueFen(), "2 h 00 at the exit: the first hour 5 yuan and one more 3 yuan");
            clock.set(held.plus(Duration.ofMinutes(10)));
            PaymentService.DeskPayment rest = join(pay.prepay(WANG, "粤B1", 400, PaymentMethod.CASH, "north"));
            assertEquals(800L, rest.feeDueFen(), "ten minutes at the booth are not another hour");
            assertEquals(800L, told.get(0).amountFen());

            // Not held by anyone: priced to now, 2 h 10 = three hours begun; 4 yuan does not cover it.
            CentralException refused = refusal(pay.prepay(WANG, "粤B2", 800, PaymentMethod.CASH, "north"));
            assertTrue(refused.getMessage().contains("due 1100 fen"), refused.getMessage());
            // An entry lane's word, or an offline exit lane's, is not a hold at the exit.
            join(lanes.updateStatus(holding("north-in", true, held, "粤B3")));
            join(lanes.updateStatus(holding("east-out", false, held, "粤B2")));
            assertTrue(refusal(pay.prepay(WANG, "粤B2", 800, PaymentMethod.CASH, "north")).getMessage()
                    .contains("due 1100 fen"));
            assertTrue(refusal(pay.prepay(WANG, "粤B3", 800, PaymentMethod.CASH, "north")).getMessage()
                    .contains("due 1100 fen"));
            // A lane claiming it has held the car since its entry is believed for an hour: 1 h 10 = 8 yuan.
            join(lanes.updateStatus(holding("east-out", true, entry, "粤B4")));
            PaymentService.DeskPayment lied = join(pay.prepay(WANG, "粤B4", 800, PaymentMethod.CASH, "north"));
            assertEquals(800L, lied.feeDueFen());
        }
    }

    /**
     * Verifies that an EXIT dated before its ENTRY (the exit lane PC's clock two hours behind the entry lane's)
     * still closes the stay it names: the car is gone, so the desk cannot take money for it.
     */
    @Test
    void anExitDatedBeforeItsEntryClosesTheStay() {
        Instant entry = Instant.parse("2026-12-05T01:00:00Z");
        MutableClock clock = new MutableClock(entry.plus(Duration.ofHours(3)));
        try (Database db = io.parkgate.central.db.TestDatabases.open(dir, "c.db")) {
            PassageService passages = new PassageService(db, "site", clock, new Changes());
            passages.storeAndWait(List.of(new LaneEvent("in-1", "north-in", EventType.ENTRY, entry, "粤B1", "粤B1",
                    null, 90, null, "TEMPORARY", "临时车辆", null, null, null, null, null)));
            passages.storeAndWait(List.of(new LaneEvent("out-1", "north-out", EventType.EXIT,
                    entry.minus(Duration.ofHours(2)), "粤B1", "粤B1", null, 90, null, "SHORT_STAY",
                    "临时车辆粤B1，出场时间早于入场记录", 0L, null, null, null, "in-1")));
            PaymentService pay = new PaymentService(db, "site", clock, Duration.ofMinutes(15),
                    new TariffEngine(CentralFixture.TARIFF, SITE), SITE);
            join(new io.parkgate.central.shift.ShiftService(db, "site", clock, null, SITE).open(WANG, "north-gate"));

            CentralException refused = refusal(pay.prepay(WANG, "粤B1", 5000, PaymentMethod.CASH, "north-gate"));
            assertTrue(refused.getMessage().contains("no open stay"), refused.getMessage());
        }
    }

    private static LaneStatus holding(String lane, boolean online, Instant since, String plate) {
        return new LaneStatus(lane, online, since, BarrierState.CLOSED, List.of(), 1, new LaneStatus.Waiting(
                "ev-" + plate, since, plate, plate, 90, null, "COLLECT_FEE", "TEMPORARY", "临时车辆，请收费", 500L,
                null));
    }

    private static CentralException refusal(Future<?> f) {
        java.util.concurrent.CompletionException e = assertThrows(java.util.concurrent.CompletionException.class,
                () -> join(f));
        return assertInstanceOf(CentralException.class, e.getCause());
    }

    private static <T> T join(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
