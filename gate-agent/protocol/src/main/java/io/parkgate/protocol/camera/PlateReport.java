package io.parkgate.protocol.camera;

import io.parkgate.plate.PlateColour;

/**
 * One {@code $PLATE} report of a smart camera (docs/protocols.md §3).
 *
 * @param seq        0..65535, +1 per report; a gap means lost reports
 * @param plate      the plate as read, or {@link #NO_PLATE} when a vehicle was seen but no plate read
 * @param confidence 0..100
 */
public record PlateReport(int seq, String plate, PlateColour colour, int confidence, long epochMillis) {

    public static final String NO_PLATE = "_NONE_";

    public boolean plateless() {
        return NO_PLATE.equals(plate);
    }
}
