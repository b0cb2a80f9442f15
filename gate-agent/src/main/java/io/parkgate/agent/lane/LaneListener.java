package io.parkgate.agent.lane;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;

/**
 * Observes a lane for the console, the uplink's status reports and the simulator's printout. Called on
 * the lane's thread: implementations must return quickly and never block.
 */
public interface LaneListener {

    default void actions(LaneSnapshot snapshot, java.util.List<LaneAction> actions) {
    }

    default void deviceState(LaneDevice device, DeviceState state, String detail) {
    }

    /**
     * An event led to OPEN: how long the state machine (with the decision) took, and committing the
     * passage to the journal before the pulse; for benchmarks and metrics.
     */
    default void openTiming(java.time.Duration decision, java.time.Duration journal) {
    }

    /** The PC's clock was stepped by {@code step} (forward positive); the lane's waits have moved with it. */
    default void clockStepped(java.time.Duration step) {
    }

    LaneListener NONE = new LaneListener() {
    };
}
