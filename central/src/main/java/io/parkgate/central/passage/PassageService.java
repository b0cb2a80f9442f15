package io.parkgate.central.passage;

import io.parkgate.central.change.Change;
import io.parkgate.central.change.Changes;
import io.parkgate.central.db.Database;
import io.parkgate.central.exception.ExceptionStore;
import io.parkgate.plate.PlateColour;
import io.parkgate.sql.Rows;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.PaymentMethod;
import io.parkgate.wire.StayChange;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The entry/exit register (《车辆出入登记表》): every lane event stored exactly once, keyed by the agent's
 * event id. A batch is one transaction, so ingest rates in the thousands per second cost one commit per
 * batch; held vehicles become exceptions in that same transaction.
 */
public final class PassageService {

    private final Database db;
    private final String site;
    private final Clock clock;
    private final Changes changes;

    /**
     * @param site    the compound whose register this is: every row written carries it, every read is limited to it
     * @param changes told of the rows stored for the first time and of the exceptions they opened or released
     */
    public PassageService(Database db, String site, Clock clock, Changes changes) {
        this.db = db;
        this.site = io.parkgate.wire.Topics.requireId("site", site);
        this.clock = clock;
        this.changes = changes;
    }

    /** What a stored batch did: how many were new, and the exceptions it opened. */
    public record Stored(int inserted, int duplicates, List<String> openedExceptions) {
    }

    /**
     * Stores the events (duplicates ignored) and opens exceptions for held vehicles and alarms. When the
     * returned future succeeds every event of the batch is durably stored and may be acknowledged.
     */
    public Future<Stored> store(List<LaneEvent> events) {
        return db.tx(c -> storeIn(c, events)).map(this::announced);
    }

    /** The same as {@link #store}, waiting for it: for central's ingest thread. */
    public Stored storeAndWait(List<LaneEvent> events) {
        return announced(db.txAndWait(c -> storeIn(c, events)));
    }

    /** A committed batch: what the caller is told, and what the others are. */
    private record Batch(Stored stored, List<LaneEvent> fresh, boolean exceptionsChanged) {
    }

    /** The compound whose register this is. */
    public String site() {
        return site;
    }

    private Stored announced(Batch b) {
        if (!b.fresh().isEmpty()) {
            changes.announce(new Change.PassagesStored(b.fresh()));
        }
        if (b.exceptionsChanged()) {
            changes.announce(new Change.ExceptionsChanged());
        }
        return b.stored();
    }

    private Batch storeIn(Connection c, List<LaneEvent> events) throws SQLException {
        Instant received = clock.instant();
        List<LaneEvent> fresh = new ArrayList<>(events.size());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lane_events(event_id, lane_id, type, "
                + "occurred_at, received_at, plate, plate_as_read, colour, confidence, card, code, reason, fee_fen, "
                + "payment_method, remark, snapshot_ref, related_id, site) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT DO NOTHING")) {
            for (LaneEvent e : events) {
                Rows.setAll(ps, e.eventId(), e.laneId(), e.type(), e.occurredAt(), received, e.plate(), e.plateAsRead(),
                        e.colour(), e.confidence(), e.card(), e.code(), e.reason(), e.feeFen(), e.paymentMethod(),
                        e.remark(), e.snapshotRef(), e.relatedId(), site);
                ps.addBatch();
            }
            int[] rows = ps.executeBatch();
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] > 0) {
                    fresh.add(events.get(i));
                }
            }
        }
        List<String> opened = new ArrayList<>();
        boolean released = false;
        for (LaneEvent e : fresh) {
            if (e.type() == EventType.EXCEPTION || e.type() == EventType.ALARM) {
                opened.add(ExceptionStore.open(c, site, e));
            } else if (e.type() == EventType.RELEASED && e.relatedId() != null) {
                ExceptionStore.markReleased(c, site, e.relatedId(), e.occurredAt());
                released = true;
            }
        }
        return new Batch(new Stored(fresh.size(), events.size() - fresh.size(), opened), fresh,
                released || !opened.isEmpty());
    }

    /** Register rows matching the query, oldest first. */
    public Future<List<LaneEvent>> query(RegisterQuery q) {
        return db.tx(c -> {
            StringBuilder sql = new StringBuilder("SELECT * FROM lane_events WHERE site=?");
            List<Object> args = new ArrayList<>();
            args.add(site);
            if (q.plate() != null) {
                sql.append(" AND plate=?");
                args.add(q.plate());
            }
            if (q.laneId() != null) {
                sql.append(" AND lane_id=?");
                args.add(q.laneId());
            }
            if (q.from() != null) {
                sql.append(" AND occurred_at>=?");
                args.add(q.from());
            }
            if (q.to() != null) {
                sql.append(" AND occurred_at<?");
                args.add(q.to());
            }
            if (q.code() != null) {
                sql.append(" AND code=?");
                args.add(q.code());
            }
            if (q.type() != null) {
                sql.append(" AND type=?");
                args.add(q.type());
            }
            sql.append(" ORDER BY occurred_at, event_id LIMIT ?");
            args.add(q.limit());
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Rows.setAll(ps, args.toArray());
                return Rows.list(ps, rs -> read(rs));
            }
        });
    }

    /** The register rows with these event ids (those held), oldest first. */
    public Future<List<LaneEvent>> byIds(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return db.tx(c -> {
            String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
            // Looked up by key alone, the site compared here: with "site=?" in the query PostgreSQL chose to scan the
            // site's rows for a few ids (two centrals fell from about 6,800 to 3,000 passages/s, the database's CPU
            // per passage from 0.03 to 0.22 ms; SeveralCentralsBench).
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM lane_events WHERE event_id IN ("
                    + marks + ") ORDER BY occurred_at, event_id")) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 1, ids.get(i));
                }
                List<LaneEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (site.equals(rs.getString("site"))) {
                            out.add(read(rs));
                        }
                    }
                }
                return out;
            }
        });
    }

    /** How many events central holds for this site (all its lanes). */
    public Future<Long> count() {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM lane_events WHERE site=?")) {
                ps.setString(1, site);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Cash a post took in {@code [from, to)}: cash taken at its lanes (an exit that carries its cash
     * payment, as agents send it, or a separate PAYMENT event not about such an exit), exception fees
     * collected in cash at its lanes, and cash prepayments taken at the post's desk.
     */
    public static long cashTaken(Connection c, String site, String post, List<String> laneIds, Instant from,
                                 Instant to) throws SQLException {
        long sum = 0;
        for (String lane : laneIds) {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(fee_fen),0) FROM lane_events p "
                    + "WHERE site=? AND lane_id=? AND payment_method='CASH' AND occurred_at>=? AND occurred_at<? "
                    + "AND (type='EXIT' OR type='PAYMENT' AND NOT EXISTS (SELECT 1 FROM lane_events x "
                    + "WHERE x.event_id=p.related_id AND x.type='EXIT' AND x.payment_method IS NOT NULL))")) {
                Rows.setAll(ps, site, lane, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sum += rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(fee_fen),0) FROM exceptions "
                    + "WHERE site=? AND lane_id=? AND fee_action='COLLECT' AND payment_method='CASH' "
                    + "AND resolved_at>=? "
                    + "AND resolved_at<?")) {
                Rows.setAll(ps, site, lane, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sum += rs.getLong(1);
                }
            }
        }
        if (post != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(amount_fen),0) FROM prepayments "
                    + "WHERE site=? AND post=? AND method='CASH' AND paid_at>=? AND paid_at<?")) {
                Rows.setAll(ps, site, post, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sum += rs.getLong(1);
                }
            }
        }
        return sum;
    }

    static LaneEvent read(ResultSet rs) throws SQLException {
        String colour = rs.getString("colour");
        Long conf = Rows.longOrNull(rs, "confidence");
        String method = rs.getString("payment_method");
        return new LaneEvent(rs.getString("event_id"), rs.getString("lane_id"), EventType.valueOf(rs.getString("type")),
                Rows.instant(rs, "occurred_at"), rs.getString("plate"), rs.getString("plate_as_read"),
                colour == null ? null : PlateColour.valueOf(colour), conf == null ? null : conf.intValue(),
                rs.getString("card"), rs.getString("code"), rs.getString("reason"), Rows.longOrNull(rs, "fee_fen"),
                method == null ? null : PaymentMethod.valueOf(method), rs.getString("remark"),
                rs.getString("snapshot_ref"), rs.getString("related_id"));
    }

    /** The stays entered since {@code since} with no exit yet, oldest first. */
    public Future<List<StayChange>> openStays(Instant since) {
        return db.tx(c -> {
            Set<String> closed = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT related_id FROM lane_events WHERE site = ? AND type = 'EXIT' AND occurred_at >= ?"
                            + " AND related_id IS NOT NULL")) {
                ps.setString(1, site);
                ps.setLong(2, since.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        closed.add(rs.getString(1));
                    }
                }
            }
            List<StayChange> open = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT event_id, lane_id, plate, card, occurred_at, code FROM lane_events"
                            + " WHERE site = ? AND type = 'ENTRY' AND occurred_at >= ? ORDER BY occurred_at")) {
                ps.setString(1, site);
                ps.setLong(2, since.toEpochMilli());
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

    /**
     * The entries whose stay is still open in the whole register: no EXIT and no later ENTRY (车已在场) names
     * them. Reads every ENTRY, so it is for the hourly recount, not for each batch.
     */
    public Future<Set<String>> openStayIds() {
        return db.tx(c -> {
            Set<String> ended = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT related_id FROM lane_events WHERE site = ? "
                    + "AND related_id IS NOT NULL AND type IN ('EXIT', 'ENTRY')")) {
                ps.setString(1, site);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ended.add(rs.getString(1));
                    }
                }
            }
            Set<String> stays = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT event_id FROM lane_events WHERE site = ? AND type = 'ENTRY'")) {
                ps.setString(1, site);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!ended.contains(rs.getString(1))) {
                            stays.add(rs.getString(1));
                        }
                    }
                }
            }
            return stays;
        });
    }
}
