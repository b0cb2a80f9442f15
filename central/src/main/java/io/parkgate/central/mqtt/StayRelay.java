package io.parkgate.central.mqtt;

import io.parkgate.central.db.Database;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.StayChange;
import io.parkgate.wire.StayCodec;
import io.parkgate.wire.Topics;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays stays between lanes: every committed ENTRY opens a stay and every EXIT closes one, broadcast to all
 * agents, so the exit lane finds the entry another lane recorded (and a second entry of a vehicle inside is
 * recognised). A lane that says hello gets the site's open stays, to catch up on what it missed offline.
 */
public final class StayRelay {

    private static final Logger LOG = LoggerFactory.getLogger(StayRelay.class);
    /** Stays older than this are not resent on hello: such vehicles are the long-stay report's business. */
    private static final Duration RESEND_WINDOW = Duration.ofDays(30);

    private final Topics topics;
    private final Database db;
    private final Clock clock;
    private final BiConsumer<String, byte[]> publish;

    public StayRelay(Topics topics, Database db, Clock clock, BiConsumer<String, byte[]> publish) {
        this.topics = topics;
        this.db = db;
        this.clock = clock;
        this.publish = publish;
    }

    /** A committed batch of lane events: broadcast the stays it opens and closes. */
    public void committed(List<LaneEvent> events) {
        List<StayChange> changes = new ArrayList<>();
        for (LaneEvent e : events) {
            if (e.type() == EventType.ENTRY) {
                changes.add(new StayChange(StayChange.Kind.OPENED, e.eventId(), e.laneId(), e.plate(), e.card(),
                        e.code(), e.occurredAt()));
            } else if (e.type() == EventType.EXIT && e.relatedId() != null) {
                changes.add(new StayChange(StayChange.Kind.CLOSED, e.relatedId(), e.laneId(), e.plate(), e.card(),
                        null, e.occurredAt()));
            }
        }
        if (!changes.isEmpty()) {
            publish.accept(topics.staysBroadcast(), StayCodec.encode(changes));
        }
    }

    /** Sends lane {@code laneId} the open stays of the site (after its hello). */
    public void sendOpenStays(String laneId) {
        openStays(clock.instant().minus(RESEND_WINDOW)).onSuccess(open -> {
            publish.accept(topics.lane(laneId, Topics.Channel.STAYS), StayCodec.encode(open));
            LOG.info("lane {}: sent {} open stays", laneId, open.size());
        }).onFailure(e -> LOG.error("open stays for lane {} could not be read", laneId, e));
    }

    /** The stays entered since {@code since} with no exit yet, oldest first. */
    public io.vertx.core.Future<List<StayChange>> openStays(Instant since) {
        return db.tx(c -> {
            Set<String> closed = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT related_id FROM lane_events WHERE type = 'EXIT' AND occurred_at >= ?"
                            + " AND related_id IS NOT NULL")) {
                ps.setLong(1, since.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        closed.add(rs.getString(1));
                    }
                }
            }
            List<StayChange> open = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT event_id, lane_id, plate, card, occurred_at, code FROM lane_events"
                            + " WHERE type = 'ENTRY' AND occurred_at >= ? ORDER BY occurred_at")) {
                ps.setLong(1, since.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!closed.contains(rs.getString(1))) {
                            open.add(new StayChange(StayChange.Kind.OPENED, rs.getString(1), rs.getString(2),
                                    rs.getString(3), rs.getString(4), rs.getString(6), Instant.ofEpochMilli(
                                            rs.getLong(5))));
                        }
                    }
                }
            }
            return open;
        });
    }
}
