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
 * @param clock   the lane's last clock check against central's, or null when none was made
 */
public record LaneStatus(String laneId, boolean online, Instant at, BarrierState barrier, List<DeviceStatus> devices,
                         int queue, Waiting waiting, ClockOffset clock) {

    public LaneStatus {
        devices = List.copyOf(devices);
        barrier = barrier == null ? BarrierState.UNKNOWN : barrier;
    }

    /** A status without a clock check (agents before it, or none made yet). */
    public LaneStatus(String laneId, boolean online, Instant at, BarrierState barrier, List<DeviceStatus> devices,
                      int queue, Waiting waiting) {
        this(laneId, online, at, barrier, devices, queue, waiting, null);
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

    /**
     * How far the lane PC's clock is from central's, as the lane measured it at its last hello.
     *
     * @param aheadSeconds the lane's clock less central's (negative: behind), the middle of what was measured
     * @param wrong        whether the clock is certainly off by more than the lane's tolerance, whatever the
     *                     network's delay
     * @param checkedAt    central's clock at the check
     */
    public record ClockOffset(long aheadSeconds, boolean wrong, Instant checkedAt) {

        /** The offset for a log line: "3 h 00 min 05 s behind", "1 min 35 s ahead of" (central's clock). */
        public String describe() {
            long s = Math.abs(aheadSeconds);
            String amount = s >= 86_400 ? String.format("%d d %d h", s / 86_400, s % 86_400 / 3600)
                    : s >= 3600 ? String.format("%d h %02d min %02d s", s / 3600, s % 3600 / 60, s % 60)
                    : String.format("%d min %02d s", s / 60, s % 60);
            return amount + (aheadSeconds < 0 ? " behind" : " ahead of");
        }
    }
}
