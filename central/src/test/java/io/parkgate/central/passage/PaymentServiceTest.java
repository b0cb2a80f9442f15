package io.parkgate.central.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.change.Changes;
import io.parkgate.central.db.Database;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.tariff.TariffEngine;
import io.parkgate.testing.MutableClock;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
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

    private static <T> T join(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
