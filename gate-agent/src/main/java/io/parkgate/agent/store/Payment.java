package io.parkgate.agent.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The payment columns of a register row.
 *
 * @param paidFen   amount taken, integer fen; 0 for {@link PaymentMethod#WAIVED} and {@link PaymentMethod#NONE}
 * @param method    how it was settled
 * @param receiptNo the receipt issued, or null
 * @param paidAt    when the payment was recorded (millisecond precision); null for {@link PaymentMethod#NONE}
 */
public record Payment(long paidFen, PaymentMethod method, String receiptNo, Instant paidAt) {

    private static final Payment NONE = new Payment(0, PaymentMethod.NONE, null, null);

    public Payment {
        if (method == null) {
            throw new IllegalArgumentException("payment method is missing (use NONE when nothing was paid)");
        }
        if (paidFen < 0) {
            throw new IllegalArgumentException("paid amount must not be negative, was " + paidFen + " fen");
        }
        if ((method == PaymentMethod.NONE || method == PaymentMethod.WAIVED) && paidFen != 0) {
            throw new IllegalArgumentException(method + " payment must be 0 fen, was " + paidFen + " fen");
        }
        if ((method == PaymentMethod.CASH || method == PaymentMethod.PREPAID) && paidFen == 0) {
            throw new IllegalArgumentException(method + " payment of 0 fen: record WAIVED or NONE instead");
        }
        if (method == PaymentMethod.NONE && (receiptNo != null || paidAt != null)) {
            throw new IllegalArgumentException("no payment (NONE) cannot carry a receipt or a payment time");
        }
        if (method != PaymentMethod.NONE && paidAt == null) {
            throw new IllegalArgumentException(method + " payment needs the time it was taken");
        }
        paidAt = paidAt == null ? null : paidAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Nothing paid. */
    public static Payment none() {
        return NONE;
    }
}
