package io.parkgate.agent.lane;

import io.parkgate.agent.port.PlateRead;
import java.time.Instant;

/**
 * Plate and card reads made while no undecided vehicle was at the barrier: a camera or reader may report a
 * vehicle a few tens of milliseconds before the arming loop does, so such a read may be the next arrival's.
 * It is handed to that arrival only if it is fresh; reads from before the loop was last seen empty belonged
 * to whoever has gone.
 */
final class EarlyReads {

    private PlateRead plate;
    private Instant plateAt;
    private String card;
    private Instant cardAt;

    /** Keeps {@code read}, unless it is plateless and a plate-bearing read is kept already. */
    void plate(PlateRead read, Instant at) {
        if (plate == null || plate.plateless() || !read.plateless()) {
            plate = read;
            plateAt = at;
        }
    }

    void card(String number, Instant at) {
        card = number;
        cardAt = at;
    }

    /** Nobody was on the arming loop at {@code now}: whoever was read before then has gone. */
    void loopEmpty(Instant now) {
        if (plate != null && plateAt.isBefore(now)) {
            plate = null;
        }
        if (card != null && cardAt.isBefore(now)) {
            card = null;
        }
    }

    /** {@code visit} with the reads made after {@code freshAfter}; every kept read is forgotten. */
    VehicleVisit handTo(VehicleVisit visit, Instant freshAfter) {
        VehicleVisit v = visit;
        if (plate != null && plateAt.isAfter(freshAfter)) {
            v = v.withPlate(plate);
        }
        if (card != null && cardAt.isAfter(freshAfter)) {
            v = v.withCard(card);
        }
        plate = null;
        card = null;
        return v;
    }
}
