package io.parkgate.central.passage;

import io.parkgate.central.db.Database;
import io.parkgate.sql.Rows;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Lane events central refused, kept with the reason for a supervisor to look at. */
public final class Quarantine {

    /** Only so much of a bad payload is kept: enough to see what it was. */
    private static final int KEEP_CHARS = 4000;

    private final Database db;
    private final String site;
    private final Clock clock;

    /** @param site the compound whose lanes' refused events these are */
    public Quarantine(Database db, String site, Clock clock) {
        this.db = db;
        this.site = site;
        this.clock = clock;
    }

    public Future<Void> put(String laneId, String eventId, String reason, String payload) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantined_events(lane_id, event_id, "
                    + "received_at, reason, payload, site) VALUES (?,?,?,?,?,?)")) {
                Rows.setAll(ps, laneId, eventId, clock.instant(), cut(reason, 500), cut(payload, KEEP_CHARS), site);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A refused event as kept: where it came from, when, why, and (the start of) what was sent. */
    public record Quarantined(String laneId, String eventId, Instant receivedAt, String reason, String payload) {
    }

    /** The most recent quarantined events, newest first. */
    public Future<List<Quarantined>> recent(int limit) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM quarantined_events WHERE site=? ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, site);
                ps.setInt(2, limit);
                return Rows.list(ps, rs -> new Quarantined(rs.getString("lane_id"), rs.getString("event_id"),
                        Rows.instant(rs, "received_at"), rs.getString("reason"), rs.getString("payload")));
            }
        });
    }

    private static String cut(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
