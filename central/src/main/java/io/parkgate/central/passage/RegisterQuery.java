package io.parkgate.central.passage;

import io.parkgate.wire.EventType;
import java.time.Instant;

/**
 * A search of the entry/exit register; null fields do not filter.
 *
 * @param code the lane's decision code (e.g. {@code RESIDENT_PASS}, {@code CARD_PLATE_MISMATCH})
 * @param to   exclusive
 */
public record RegisterQuery(String plate, String laneId, Instant from, Instant to, String code, EventType type,
                            int limit) {

    public static final int MAX_LIMIT = 100_000;

    public RegisterQuery {
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("time range ends (" + to + ") before it starts (" + from + ")");
        }
    }
}
