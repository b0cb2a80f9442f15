package io.parkgate.agent.lane;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The plates and cards of vehicles that just passed: a camera keeps reading a car as it drives off, and a
 * reader keeps seeing a card held out of the window, so their reads are ignored for a while rather than
 * taken for a new arrival.
 */
final class RecentPassages {

    private final Duration suppression;
    private final Map<String, Instant> passedAt = new HashMap<>();

    RecentPassages(Duration suppression) {
        this.suppression = suppression;
    }

    void remember(VehicleVisit v, Instant now) {
        if (v.plateText() != null) {
            passedAt.put(v.plateText(), now);
        }
        if (v.card() != null) {
            passedAt.put(v.card(), now);
        }
    }

    /** True when {@code plateOrCard} belongs to a vehicle that passed within the suppression time. */
    boolean passedRecently(String plateOrCard, Instant now) {
        Instant at = passedAt.get(plateOrCard);
        return at != null && at.plus(suppression).isAfter(now);
    }

    /** The lane PC's clock was stepped: the passages' suppression keeps its length in the new time. */
    void shift(Duration step) {
        passedAt.replaceAll((k, t) -> t.plus(step));
    }

    /**
     * Forgets the passages older than the suppression time. One stamped after {@code now} passed before the lane
     * PC's clock was set back: it counts from now, so the step does not stretch its suppression.
     */
    void expire(Instant now) {
        passedAt.replaceAll((k, t) -> t.isAfter(now) ? now : t);
        passedAt.values().removeIf(t -> !t.plus(suppression).isAfter(now));
    }
}
