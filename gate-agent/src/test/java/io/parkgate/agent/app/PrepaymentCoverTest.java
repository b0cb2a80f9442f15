package io.parkgate.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.agent.app.PrepaymentCover.Refusal;
import io.parkgate.wire.PaymentMethod;
import io.parkgate.wire.Prepayment;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrepaymentCoverTest {

    private static final Instant PAID = Instant.parse("2026-11-22T07:00:00Z");
    private static final Prepayment P = new Prepayment("R20261122-0001", "粤A99999", 500, PaymentMethod.CASH, PAID,
            PAID.plusSeconds(15 * 60));

    @Test
    void coversWithinItsGraceForTheStayItPaid() {
        assertEquals(Optional.empty(), PrepaymentCover.refusal(P, PAID.minusSeconds(3600), false, PAID));
        assertEquals(Optional.empty(), PrepaymentCover.refusal(P, PAID, false, PAID), "paid at the entry instant");
        assertEquals(Optional.empty(), PrepaymentCover.refusal(P, null, false, P.freeUntil().minusMillis(1)),
                "stay not known here: the grace and the id still guard");
    }

    @Test
    void refusesWhenGraceIsOver() {
        assertEquals(Optional.of(Refusal.GRACE_OVER), PrepaymentCover.refusal(P, null, false, P.freeUntil()));
    }

    @Test
    void refusesAPaymentMadeBeforeTheStayEntered() {
        assertEquals(Optional.of(Refusal.BEFORE_ENTRY),
                PrepaymentCover.refusal(P, PAID.plusSeconds(1), false, PAID.plusSeconds(60)));
    }

    @Test
    void refusesAUsedOne() {
        assertEquals(Optional.of(Refusal.ALREADY_USED), PrepaymentCover.refusal(P, null, true, PAID));
    }
}
