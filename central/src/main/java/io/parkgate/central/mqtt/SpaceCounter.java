package io.parkgate.central.mqtt;

import io.parkgate.central.db.Database;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.SpaceCodec;
import io.parkgate.wire.SpaceCount;
import io.parkgate.wire.Topics;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the car park's free spaces (余位) from the passages every lane reports: the capacity the site file
 * gives less the stays still open in the register, and publishes the count, retained, on the site's
 * {@link Topics#spacesBroadcast()} whenever it changes, for the entry displays. Counted again from the
 * register after each committed batch with an entry or an exit (a resent event is stored once, so it cannot
 * be counted twice), one count at a time: batches that arrive meanwhile are covered by one more count.
 */
public final class SpaceCounter {

    private static final Logger LOG = LoggerFactory.getLogger(SpaceCounter.class);

    /**
     * Entries less the entries some later event ended: an exit naming it, or a new entry of the same vehicle
     * that replaced it (车已在场). The join goes through the event id, the table's key.
     */
    private static final String OPEN_STAYS = "SELECT (SELECT COUNT(*) FROM lane_events WHERE type = 'ENTRY')"
            + " - (SELECT COUNT(DISTINCT x.related_id) FROM lane_events x JOIN lane_events e"
            + " ON e.event_id = x.related_id WHERE x.related_id IS NOT NULL AND x.type IN ('EXIT', 'ENTRY')"
            + " AND e.type = 'ENTRY')";

    private final Topics topics;
    private final Database db;
    private final Clock clock;
    private final int capacity;
    private final BiPredicate<String, byte[]> publishRetained;
    private boolean counting;
    private boolean again;
    private Long published;

    /**
     * @param capacity        the car park's spaces; 0 = the site shows no count, nothing is published
     * @param publishRetained publishes a retained message; false when it could not (not connected)
     */
    public SpaceCounter(Topics topics, Database db, Clock clock, int capacity,
                        BiPredicate<String, byte[]> publishRetained) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.topics = topics;
        this.db = db;
        this.clock = clock;
        this.capacity = capacity;
        this.publishRetained = publishRetained;
    }

    /** A committed batch of lane events: count again when it holds an entry or an exit. */
    public void committed(List<LaneEvent> events) {
        if (events.stream().anyMatch(e -> e.type() == EventType.ENTRY || e.type() == EventType.EXIT)) {
            recount();
        }
    }

    /**
     * Counts from the register and publishes the count if it changed, or was never published (also after a
     * lane's hello, so a count central could not publish while the broker was away goes out then).
     */
    public synchronized void recount() {
        if (capacity == 0) {
            return;
        }
        if (counting) {
            again = true;
            return;
        }
        counting = true;
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(OPEN_STAYS); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }).onComplete(r -> counted(r.succeeded() ? r.result() : null, r.cause()));
    }

    private synchronized void counted(Long open, Throwable failure) {
        counting = false;
        if (open == null) {
            LOG.error("free spaces could not be counted", failure);
        } else {
            long free = Math.max(0, capacity - open);
            if (published == null || published != free) {
                if (publishRetained.test(topics.spacesBroadcast(),
                        SpaceCodec.encode(new SpaceCount(capacity, free, clock.instant())))) {
                    LOG.info("free spaces now {} of {} ({} stays open)", free, capacity, open);
                    published = free;
                }
            }
        }
        if (again) {
            again = false;
            recount();
        }
    }

    /** The count last published, or null before the first. */
    public synchronized Long published() {
        return published;
    }
}
