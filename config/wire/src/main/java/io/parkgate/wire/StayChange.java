package io.parkgate.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * A vehicle's stay opened (entry) or closed (exit) at some lane of the site. Central relays these to every
 * lane, so an exit lane finds the entry another lane's agent recorded; each agent keeps them in its own
 * store, so it still finds them with central gone.
 *
 * @param entryEventId the entry's event id: the stay's identity
 * @param laneId       the entry lane (OPENED) or the exit lane (CLOSED)
 * @param entryCode    the entry's decision code (e.g. {@code TEMPORARY}), from which the exit prices the stay
 * @param at           entry time (OPENED) or exit time (CLOSED)
 */
public record StayChange(Kind kind, String entryEventId, String laneId, String plate, String card, String entryCode,
                         Instant at) {

    public enum Kind { OPENED, CLOSED }

    public StayChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entryEventId, "entryEventId");
        Objects.requireNonNull(at, "at");
    }
}
