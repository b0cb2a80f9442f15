package io.parkgate.agent.feedback;

import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.config.Direction;
import io.parkgate.config.LaneConfig;
import io.parkgate.wire.SpaceCount;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free spaces (余位) an entry lane shows. Central counts them from every lane's passages and pushes the
 * count; this lane takes the latest count and lowers it by each vehicle it lets in after that count, so a
 * lane cut off from central keeps counting its own entries, and takes central's count again, which includes
 * them once its events are delivered, when it reconnects. Before any count from central it counts the
 * capacity less the open stays it knows. A count that makes no sense for this lane (negative, more than
 * the car park has, against another capacity) is logged and ignored: the lane keeps the count it had.
 */
public final class FreeSpaces implements LaneListener {

    private static final Logger LOG = LoggerFactory.getLogger(FreeSpaces.class);

    private final String laneId;
    private final int capacity;
    private final IntSupplier openStays;
    private Long central;
    private int ownEntries;
    private long ignored;

    /**
     * @param capacity  the car park's spaces ({@code devices.display.spaces}), above 0
     * @param openStays the open stays this agent knows, for the count before central has sent one
     */
    public FreeSpaces(String laneId, int capacity, IntSupplier openStays) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("lane " + laneId + ": capacity must be above 0, was " + capacity);
        }
        this.laneId = laneId;
        this.capacity = capacity;
        this.openStays = openStays;
    }

    /** The count for an entry lane whose display shows free spaces, or null for any other lane. */
    public static FreeSpaces of(LaneConfig lane, IntSupplier openStays) {
        return lane.direction() == Direction.IN && lane.devices().display() != null
                && lane.devices().display().spaces() > 0
                ? new FreeSpaces(lane.id(), lane.devices().display().spaces(), openStays) : null;
    }

    /** Central's count: taken when it makes sense for this lane, else logged and ignored. */
    public synchronized void central(SpaceCount count) {
        String wrong = count.capacity() != capacity
                ? "counted against " + count.capacity() + " spaces, this lane's display has " + capacity
                : count.free() < 0 ? "a negative count"
                : count.free() > capacity ? "more free spaces than the car park's " + capacity : null;
        if (wrong != null) {
            ignored++;
            LOG.warn("lane {}: free-space count from central ignored ({}): free {} of {} at {}; still showing {}",
                    laneId, wrong, count.free(), count.capacity(), count.at(), free());
            return;
        }
        central = count.free();
        ownEntries = 0;
    }

    /** This lane's own entries since central's last count: each takes a space. */
    @Override
    public synchronized void actions(LaneSnapshot snapshot, List<LaneAction> actions) {
        for (LaneAction a : actions) {
            // an entry that replaces the vehicle's earlier stay (车已在场) frees that stay's space as it takes one
            if (a instanceof LaneAction.CommitPassage c && c.decision().entryEventId() == null) {
                ownEntries++;
            }
        }
    }

    /** The free spaces now, 0..capacity. */
    public synchronized int free() {
        long base = central != null ? central - ownEntries : (long) capacity - openStays.getAsInt();
        return (int) Math.max(0, Math.min(capacity, base));
    }

    /** Counts from central that were ignored, since start. */
    public synchronized long ignored() {
        return ignored;
    }

    /** True once a count from central was taken. */
    public synchronized boolean fromCentral() {
        return central != null;
    }
}
