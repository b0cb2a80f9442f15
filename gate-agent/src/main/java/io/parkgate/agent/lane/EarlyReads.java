package io.parkgate.agent.lane;

import io.parkgate.agent.port.PlateRead;
import java.time.Duration;
import java.time.Instant;

/**
 * Plate and card reads made while no undecided vehicle was at the barrier: a camera or reader may report a
 * vehicle a few tens of milliseconds before the arming loop does, so such a read may be the next arrival's.
 * It is handed to that arrival only if it is fresh; reads from before the loop was last seen empty belonged
 * to whoever has gone.
 */
final class EarlyReads {

    /** More than this after a loop reading, a read's stamp cannot be a race between devices: the clock went back. */
    static final Duration CLOCK_SET_BACK = Duration.ofSeconds(1);

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

    /** The lane PC's clock was stepped: a kept read is as fresh in the new time as it was in the old. */
    void shift(Duration step) {
        if (plate != null) {
            plateAt = plateAt.plus(step);
        }
        if (card != null) {
            cardAt = cardAt.plus(step);
        }
    }

    /**
     * Nobody was on the arming loop at {@code now}: whoever was read before then has gone. A read stamped well
     * after {@code now} was made before the lane PC's clock was set back, so it is older than this reading too.
     */
    void loopEmpty(Instant now) {
        if (plate != null && before(plateAt, now)) {
            plate = null;
        }
        if (card != null && before(cardAt, now)) {
            card = null;
        }
    }

    /** Devices stamp their own events, so a read may carry a time a little after a loop reading queued behind it. */
    private static boolean before(Instant read, Instant now) {
        return read.isBefore(now) || read.isAfter(now.plus(CLOCK_SET_BACK));
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
