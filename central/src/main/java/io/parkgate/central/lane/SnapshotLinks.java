package io.parkgate.central.lane;

import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.SnapshotLink;
import java.time.Clock;
import java.util.Objects;

/**
 * Turns the snapshot references the lanes report into links the console can open: the agents serve a photo
 * only for a link signed with the lane's secret ({@link SnapshotLink}), so what leaves central for a signed-in
 * user is signed here, at the door, and what is stored stays the lane's plain reference. A reference that is
 * not a link to the reporting lane's own snapshots is passed on unchanged (it opens nothing at another lane).
 */
public final class SnapshotLinks {

    private final LaneService lanes;
    private final Clock clock;

    /** @param clock real time: the agents check the links' expiry on theirs */
    public SnapshotLinks(LaneService lanes, Clock clock) {
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code ref}, reported by lane {@code laneId}, as a link valid for {@link SnapshotLink#LIFETIME}. */
    public String link(String laneId, String ref) {
        if (!SnapshotLink.isSnapshotOf(laneId, ref)) {
            return ref;
        }
        return lanes.lane(laneId).map(l -> new SnapshotLink(l.commandSecret()).sign(ref, clock.instant()))
                .orElse(ref);
    }

    public LaneEvent linked(LaneEvent e) {
        String ref = link(e.laneId(), e.snapshotRef());
        return Objects.equals(ref, e.snapshotRef()) ? e : new LaneEvent(e.eventId(), e.laneId(), e.type(),
                e.occurredAt(), e.plate(), e.plateAsRead(), e.colour(), e.confidence(), e.card(), e.code(), e.reason(),
                e.feeFen(), e.paymentMethod(), e.remark(), ref, e.relatedId());
    }
}
