package io.parkgate.wire;

import io.parkgate.plate.PlateColour;
import java.time.Instant;
import java.util.Objects;

/**
 * One journalled lane event. The agent creates {@code eventId} (a UUID) once, before it is stored in the
 * outbox, so every re-send carries the same id and central stores it exactly once.
 *
 * @param code          the lane's decision or alarm code (e.g. {@code CARD_PLATE_MISMATCH}, {@code FORCED_PASSAGE})
 * @param reason        Chinese, as shown to the attendant and written in the register
 * @param feeFen        EXIT: fee due; PAYMENT: amount paid; else null
 * @param paymentMethod PAYMENT only
 * @param remark        register remarks, e.g. which exemption made a zero-fee exit free
 * @param snapshotRef   reference to the kept camera frame, or null
 * @param relatedId     EXIT: the entry's event id; RELEASED: the command id; else null
 */
public record LaneEvent(String eventId, String laneId, EventType type, Instant occurredAt, String plate,
                        String plateAsRead, PlateColour colour, Integer confidence, String card, String code,
                        String reason, Long feeFen, PaymentMethod paymentMethod, String remark, String snapshotRef,
                        String relatedId) {

    public LaneEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(laneId, "laneId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (feeFen != null && feeFen < 0) {
            throw new IllegalArgumentException("feeFen " + feeFen + " is negative");
        }
    }

    /** A minimal event of a type, for the common cases; the other fields null. */
    public static LaneEvent of(String eventId, String laneId, EventType type, Instant at, String plate, String code,
                               String reason) {
        return new LaneEvent(eventId, laneId, type, at, plate, null, null, null, null, code, reason, null, null, null,
                null, null);
    }
}
