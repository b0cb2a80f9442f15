package io.parkgate.simulator.report;

import java.time.Instant;

/**
 * One thing that happened in the simulated car park, in simulated time: the machine-readable event
 * list that tests assert on and the report summarises.
 *
 * @param lane    lane id
 * @param vehicle the vehicle's label (plate, or its id when plateless), or null for lane-level events
 * @param detail  free text for people
 */
public record SimEvent(Instant at, String lane, Type type, String vehicle, String detail) {

    public enum Type {
        VEHICLE_ARRIVED,
        ARMING_ON,
        ARMING_OFF,
        PLATE_SENT,
        CARD_SENT,
        OPEN_PULSE,
        CLOSE_PULSE,
        LAMP_GREEN,
        LAMP_RED,
        PULSE_TIME_SET,
        ARM_OPENING,
        ARM_OPEN,
        ARM_CLOSING,
        ARM_CLOSED,
        SAFETY_ON,
        SAFETY_OFF,
        PASSED,
        GAVE_UP,
        VIOLATION,
        EXPECTATION_MET,
        EXPECTATION_FAILED,
        /** What a lane display showed and its voice module said. */
        DISPLAY
    }
}
