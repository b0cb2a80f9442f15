package io.parkgate.wire;

import java.time.Instant;

/**
 * A stay paid away from the lane (pay station or supervisor's desk). An exit of {@code plate} up to
 * {@code freeUntil} costs nothing more; after it, the lane charges from {@code freeUntil} on.
 */
public record Prepayment(String id, String plate, long amountFen, PaymentMethod method, Instant paidAt,
                         Instant freeUntil) {
}
