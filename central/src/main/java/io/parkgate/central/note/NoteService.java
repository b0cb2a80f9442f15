package io.parkgate.central.note;

import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.auth.Principal;
import io.parkgate.central.change.Change;
import io.parkgate.central.change.Changes;
import io.parkgate.central.change.RecordedNote;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.lane.LaneService;
import io.parkgate.central.lane.LaneView;
import io.parkgate.sql.Rows;
import io.parkgate.wire.LaneStatus;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attendants' lane notes, kept: each is stored with who wrote it and when, audited, and attached to the
 * passage of the plate it names (the vehicle held at the lane now, else its latest event there in the last
 * hours), so a damage note is found from the register row. Queried by lane, post, time and passage.
 */
public final class NoteService {

    /** The most notes one query returns. */
    public static final int MAX_ROWS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(NoteService.class);
    /** How far back a note's plate is looked for among the lane's events. */
    static final Duration ATTACH_WINDOW = Duration.ofHours(4);

    private final Database db;
    private final String site;
    private final Clock clock;
    private final LaneService lanes;
    private final Changes changes;

    /**
     * @param site    the compound whose lanes' notes these are
     * @param changes told of every note once it is stored (the consoles show it at once)
     */
    public NoteService(Database db, String site, Clock clock, LaneService lanes, Changes changes) {
        this.db = db;
        this.site = site;
        this.clock = clock;
        this.lanes = lanes;
        this.changes = changes;
    }

    /** What to list; null fields do not filter; {@code limit} 1..2000. */
    public record Query(String laneId, String post, Instant from, Instant to, String passageEventId, int limit) {

        public Query {
            if (limit < 1 || limit > MAX_ROWS) {
                throw CentralException.badRequest("parameter 'limit' must be 1.." + MAX_ROWS + ", was " + limit);
            }
        }
    }

    /** Stores the note (audited), announces it and returns it as stored. */
    public Future<RecordedNote> record(Principal by, LaneNote n) {
        try {
            by.require(site, io.parkgate.central.auth.Role.values()); // any role, but at this site
        } catch (CentralException e) {
            return Future.failedFuture(e);
        }
        LaneService.Lane lane = lanes.lane(n.laneId()).orElse(null);
        if (lane == null) {
            return Future.failedFuture(CentralException.badRequest("no lane '" + n.laneId() + "'; lanes are "
                    + lanes.overview().stream().map(LaneView::laneId).toList()));
        }
        String held = heldEventId(n);
        return db.tx(c -> {
            Instant now = clock.instant();
            String id = UUID.randomUUID().toString();
            String passage = held != null ? held : n.plate() == null ? null : latestEvent(c, site, n, now);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO lane_notes(id, noted_at, lane_id, post, kind, "
                    + "plate, note, by_user, by_name, passage_event_id, site) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                Rows.setAll(ps, id, now, n.laneId(), lane.post(), n.kind(), n.plate(), n.note(), by.username(),
                        by.displayName(), passage, site);
                ps.executeUpdate();
            }
            AuditLog.append(c, site, now, by.username(), AuditAction.LANE_NOTE, n.laneId(),
                    n.kind() + (n.plate() == null ? "" : " " + n.plate()) + ": " + n.note());
            return load(c, id);
        }).onSuccess(stored -> {
            LOG.info("lane {}: {} by {} plate={} note={}", stored.laneId(), stored.kind(), stored.by(), stored.plate(),
                    stored.note());
            changes.announce(new Change.NoteRecorded(stored));
        });
    }

    /** Notes matching the query, newest first. */
    public Future<List<RecordedNote>> list(Query q) {
        return db.tx(c -> {
            StringBuilder sql = new StringBuilder("SELECT * FROM lane_notes WHERE site=?");
            List<Object> args = new ArrayList<>();
            args.add(site);
            where(sql, args, "lane_id=?", q.laneId());
            where(sql, args, "post=?", q.post());
            where(sql, args, "noted_at>=?", q.from());
            where(sql, args, "noted_at<?", q.to());
            where(sql, args, "passage_event_id=?", q.passageEventId());
            sql.append(" ORDER BY noted_at DESC, id LIMIT ").append(q.limit());
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Rows.setAll(ps, args.toArray());
                return rows(ps);
            }
        });
    }

    /** The notes of a post between two instants, for the shift handover (inside a caller's transaction). */
    public static List<RecordedNote> between(Connection c, String site, String post, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM lane_notes WHERE site=? AND post=? "
                + "AND noted_at>=? AND noted_at<=? ORDER BY noted_at, id")) {
            Rows.setAll(ps, site, post, from, to);
            return rows(ps);
        }
    }

    private String heldEventId(LaneNote n) {
        if (n.plate() == null) {
            return null;
        }
        return lanes.overview().stream().filter(l -> n.laneId().equals(l.laneId()))
                .map(l -> l.status().waiting()).filter(w -> w != null && n.plate().equals(w.plate()))
                .map(LaneStatus.Waiting::eventId).findFirst().orElse(null);
    }

    private static String latestEvent(Connection c, String site, LaneNote n, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM lane_events WHERE plate=? AND site=? "
                + "AND lane_id=? AND type IN ('ENTRY','EXIT','EXCEPTION') AND occurred_at>=? "
                + "ORDER BY occurred_at DESC LIMIT 1")) {
            Rows.setAll(ps, n.plate(), site, n.laneId(), now.minus(ATTACH_WINDOW));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static RecordedNote load(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM lane_notes WHERE id=?")) {
            ps.setString(1, id);
            return rows(ps).get(0);
        }
    }

    private static void where(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    private static List<RecordedNote> rows(PreparedStatement ps) throws SQLException {
        return Rows.list(ps, rs -> new RecordedNote(rs.getString("id"), Rows.instant(rs, "noted_at"),
                rs.getString("lane_id"), rs.getString("post"), rs.getString("kind"), rs.getString("plate"),
                rs.getString("note"), rs.getString("by_user"), rs.getString("by_name"),
                rs.getString("passage_event_id")));
    }
}
