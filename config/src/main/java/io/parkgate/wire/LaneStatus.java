package io.parkgate.wire;

import java.time.Instant;
import java.util.List;

/**
 * A lane's state, retained on its status topic. The last will publishes {@code online=false} with the
 * other fields unknown, so a dead agent shows as offline without central polling.
 *
 * @param at    when the agent published it; null in the last will (the broker sends it later)
 * @param queue vehicles waiting at the lane (arming loop occupied and not yet decided)
 */
public record LaneStatus(String laneId, boolean online, Instant at, BarrierState barrier, List<DeviceStatus> devices,
                         int queue) {

    public LaneStatus {
        devices = List.copyOf(devices);
        barrier = barrier == null ? BarrierState.UNKNOWN : barrier;
    }

    public static LaneStatus offline(String laneId) {
        return new LaneStatus(laneId, false, null, BarrierState.UNKNOWN, List.of(), 0);
    }

    /** One device: its name (IO, CARD, CAMERA), its connection state name and why. */
    public record DeviceStatus(String device, String state, String detail) {
    }
}
