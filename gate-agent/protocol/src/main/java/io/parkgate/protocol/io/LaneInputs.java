package io.parkgate.protocol.io;

/** The four discrete inputs of the lane I/O controller (docs/protocols.md §1), as last polled. */
public record LaneInputs(boolean armingLoop, boolean safetyLoop, boolean openLimit, boolean closedLimit) {

    public static final LaneInputs IDLE_CLOSED = new LaneInputs(false, false, false, true);

    /** Either loop occupied: the arm must not come down. */
    public boolean vehicleUnderOrBefore() {
        return armingLoop || safetyLoop;
    }
}
