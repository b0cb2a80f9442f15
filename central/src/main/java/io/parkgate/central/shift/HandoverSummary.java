package io.parkgate.central.shift;

import java.time.Instant;

/**
 * A handover in a list (waiting for the receiver, or for the supervisor's signature): who handed over to whom, by
 * the names they sign with (null when not known).
 *
 * @param acceptedAt      null while the receiver has not accepted (and not listed for handovers waiting for that)
 * @param cashFen         the cash handed over; listed with accepted handovers only, else null
 * @param expectedCashFen the cash the post's lanes took in the shift; listed with {@code cashFen}
 */
public record HandoverSummary(String id, String formNo, String post, String fromAttendant, String toAttendant,
                              String fromName, String toName, Instant createdAt, Instant acceptedAt, Long cashFen,
                              Long expectedCashFen) {

    /** What was handed over less what the lanes took; null when the amounts are not listed. */
    public Long differenceFen() {
        return cashFen == null || expectedCashFen == null ? null : cashFen - expectedCashFen;
    }
}
