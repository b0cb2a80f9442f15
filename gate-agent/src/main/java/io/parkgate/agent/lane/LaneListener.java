package io.parkgate.agent.lane;

import io.parkgate.agent.device.DeviceState;

/**
 * Observes a lane for the console, the uplink's status reports and the simulator's printout. Called on
 * the lane's thread: implementations must return quickly and never block.
 */
public interface LaneListener {

    default void actions(LaneSnapshot snapshot, java.util.List<LaneAction> actions) {
    }

    default void deviceState(LaneDevice device, DeviceState state, String detail) {
    }

    LaneListener NONE = new LaneListener() {
    };
}
