package io.parkgate.agent.store;

import io.parkgate.wire.PaymentMethod;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The payment columns of a register row.
 *
 * @param paidFen   amount taken, integer fen; 0 for {@link PaymentMethod#WAIVED} and when nothing was paid
 * @param method    how it was settled; null when nothing was paid (yet): no fee, or the fee is still open
 * @param receiptNo the receipt issued, or null
 * @param paidAt    when the payment was recorded (millisecond precision); null when nothing was paid
 */
public record Payment(long paidFen, PaymentMethod method, String receiptNo, Instant paidAt) {

    private static final Payment NONE = new Payment(0, null, null, null);

    public Payment {
        if (paidFen < 0) {
            throw new IllegalArgumentException("paid amount must not be negative, was " + paidFen + " fen");
        }
        if ((method == null || method == PaymentMethod.WAIVED) && paidFen != 0) {
            throw new IllegalArgumentException((method == null ? "no" : method) + " payment must be 0 fen, was "
                    + paidFen + " fen");
        }
        if (method != null && method != PaymentMethod.WAIVED && paidFen == 0) {
            throw new IllegalArgumentException(method + " payment of 0 fen: record WAIVED or no payment instead");
        }
        if (method == null && (receiptNo != null || paidAt != null)) {
            throw new IllegalArgumentException("no payment cannot carry a receipt or a payment time");
        }
        if (method != null && paidAt == null) {
            throw new IllegalArgumentException(method + " payment needs the time it was taken");
        }
        paidAt = paidAt == null ? null : paidAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Nothing paid. */
    public static Payment none() {
        return NONE;
    }
}
