package io.parkgate.wire;

import java.time.Instant;
import java.util.List;

/**
 * A lane's state, retained on its status topic. The last will publishes {@code online=false} with the
 * other fields unknown, so a dead agent shows as offline without central polling.
 *
 * @param at      when the agent published it; null in the last will (the broker sends it later)
 * @param queue   vehicles waiting at the lane (arming loop occupied and not yet decided)
 * @param waiting the vehicle the lane has decided about but not let through (its fee, or the supervisor),
 *                or null: a hold for the fee is no lane event, so this is how the console sees it
 */
public record LaneStatus(String laneId, boolean online, Instant at, BarrierState barrier, List<DeviceStatus> devices,
                         int queue, Waiting waiting) {

    public LaneStatus {
        devices = List.copyOf(devices);
        barrier = barrier == null ? BarrierState.UNKNOWN : barrier;
    }

    /** A status with no vehicle waiting. */
    public LaneStatus(String laneId, boolean online, Instant at, BarrierState barrier, List<DeviceStatus> devices,
                      int queue) {
        this(laneId, online, at, barrier, devices, queue, null);
    }

    public static LaneStatus offline(String laneId) {
        return new LaneStatus(laneId, false, null, BarrierState.UNKNOWN, List.of(), 0);
    }

    /** One device: its name (IO, CARD, CAMERA), its connection state name and why. */
    public record DeviceStatus(String device, String state, String detail) {
    }

    /**
     * A vehicle held at the lane after the decision.
     *
     * @param eventId     the visit's event id: the id its ENTRY or EXIT will have once it passes
     * @param verdict     {@code COLLECT_FEE} or {@code HOLD}
     * @param code        the decision code (e.g. {@code TEMPORARY})
     * @param reason      Chinese, as in the register
     * @param feeFen      the fee to collect, or null
     * @param snapshotRef the camera's reference to its frame, or null
     */
    public record Waiting(String eventId, Instant since, String plate, String plateAsRead, Integer confidence,
                          String card, String verdict, String code, String reason, Long feeFen, String snapshotRef) {
    }
}
