package io.parkgate.agent.store;

import static io.parkgate.sql.Rows.enumValue;
import static io.parkgate.sql.Rows.instant;
import static io.parkgate.sql.Rows.set;

import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.config.Direction;
import io.parkgate.sql.Rows;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.wire.PaymentMethod;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** SQL of the entry/exit register ({@code passages}); every method runs inside the caller's transaction. */
final class PassageRegister {

    private static final String COLUMNS = "event_id, lane_id, direction, plate, plate_read, card, entry_time, "
            + "exit_time, entry_event_id, decision_code, verdict, reason, match_kind, match_note, payer, fee_fen, "
            + "paid_fen, payment_method, receipt_no, paid_at, remarks, operator, passed_at, created_at, snapshot_ref";
    private static final String INSERT = "INSERT INTO passages (" + COLUMNS + ") VALUES ("
            + "?, ".repeat(24) + "?)";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM passages ";
    private static final String BY_ID = SELECT + "WHERE event_id = ?";
    private static final String BETWEEN = SELECT
            + "WHERE passed_at >= ? AND passed_at < ? ORDER BY passed_at, event_id";
    private static final String BY_PLATE = SELECT + "WHERE (plate = ? OR plate_read = ?) AND passed_at >= ? "
            + "AND passed_at < ? ORDER BY passed_at, event_id";
    private static final String DELETE = "DELETE FROM passages WHERE event_id = ?";
    private static final String NO_PAYMENT = "NONE";
    private static final String PAY = "UPDATE passages SET paid_fen = ?, payment_method = ?, receipt_no = ?, "
            + "paid_at = ?, operator = COALESCE(?, operator) WHERE event_id = ? AND payment_method = 'NONE'";
    private static final String APPEND_PENDING = "INSERT INTO pending_passages (" + COLUMNS + ") VALUES ("
            + "?, ".repeat(24) + "?)";
    private static final String PENDING = "SELECT seq, " + COLUMNS + " FROM pending_passages ORDER BY seq";
    private static final String REMOVE_PENDING = "DELETE FROM pending_passages WHERE seq = ?";
    private static final String MARK_UNREPORTED = "INSERT OR IGNORE INTO unreported_passages (event_id) VALUES (?)";
    private static final String UNREPORTED = SELECT
            + "WHERE event_id IN (SELECT event_id FROM unreported_passages) ORDER BY passed_at, created_at";
    private static final String REPORTED = "DELETE FROM unreported_passages WHERE event_id = ?";
    private static final String PAID_TOTAL = "SELECT COALESCE(SUM(paid_fen), 0) FROM passages "
            + "WHERE payment_method = ? AND paid_at >= ? AND paid_at < ?";

    private PassageRegister() {
    }

    static void insert(Session s, PassageRecord r) throws SQLException {
        PreparedStatement ps = bind(s.prepare(INSERT), r);
        try {
            ps.executeUpdate();
        } catch (SQLiteException e) {
            failOnConstraint(e, r.eventId(), r.payment().receiptNo());
            throw e;
        }
    }

    /** Appends {@code r} to the pending passages: no constraint, no index, so the commit writes one page. */
    static void appendPending(Session s, PassageRecord r) throws SQLException {
        bind(s.prepare(APPEND_PENDING), r).executeUpdate();
    }

    /** The pending passages, oldest first; a row that cannot be read is listed with the reason, not thrown. */
    static List<PendingPassage> pending(Session s) throws SQLException {
        List<PendingPassage> out = new ArrayList<>();
        try (ResultSet rs = s.prepare(PENDING).executeQuery()) {
            while (rs.next()) {
                long seq = rs.getLong("seq");
                try {
                    out.add(new PendingPassage(seq, row(rs), null));
                } catch (SQLException | RuntimeException e) {
                    out.add(new PendingPassage(seq, null, e.getMessage()));
                }
            }
        }
        return out;
    }

    /** @return false when there is no such pending row (registered meanwhile) */
    static boolean removePending(Session s, long seq) throws SQLException {
        PreparedStatement ps = s.prepare(REMOVE_PENDING);
        ps.setLong(1, seq);
        return ps.executeUpdate() == 1;
    }

    /** Notes that the passage's event has yet to reach the uplink's outbox. */
    static void markUnreported(Session s, String eventId) throws SQLException {
        PreparedStatement ps = s.prepare(MARK_UNREPORTED);
        ps.setString(1, eventId);
        ps.executeUpdate();
    }

    /** The registered passages whose event has not reached the outbox, in the order they passed. */
    static List<PassageRecord> unreported(Session s) throws SQLException {
        return list(s.prepare(UNREPORTED));
    }

    /** @return false when the passage was not waiting to be reported */
    static boolean reported(Session s, String eventId) throws SQLException {
        PreparedStatement ps = s.prepare(REPORTED);
        ps.setString(1, eventId);
        return ps.executeUpdate() == 1;
    }

    private static PreparedStatement bind(PreparedStatement ps, PassageRecord r) throws SQLException {
        set(ps, 1, r.eventId());
        set(ps, 2, r.laneId());
        set(ps, 3, r.direction());
        set(ps, 4, r.plate());
        set(ps, 5, r.plateAsRead());
        set(ps, 6, r.card());
        set(ps, 7, r.entryTime());
        set(ps, 8, r.exitTime());
        set(ps, 9, r.entryEventId());
        set(ps, 10, r.code());
        set(ps, 11, r.verdict());
        set(ps, 12, r.reason());
        set(ps, 13, r.matchKind());
        set(ps, 14, r.matchNote());
        set(ps, 15, r.payer());
        ps.setLong(16, r.feeFen());
        ps.setLong(17, r.payment().paidFen());
        ps.setString(18, storedMethod(r.payment().method()));
        set(ps, 19, r.payment().receiptNo());
        set(ps, 20, r.payment().paidAt());
        set(ps, 21, r.remarks());
        set(ps, 22, r.operator());
        set(ps, 23, r.passedAt());
        set(ps, 24, r.createdAt());
        set(ps, 25, r.snapshotRef());
        return ps;
    }

    static void delete(Session s, String eventId) throws SQLException {
        PreparedStatement ps = s.prepare(DELETE);
        ps.setString(1, eventId);
        ps.executeUpdate();
    }

    static Optional<PassageRecord> find(Session s, String eventId) throws SQLException {
        PreparedStatement ps = s.prepare(BY_ID);
        ps.setString(1, eventId);
        List<PassageRecord> rows = list(ps);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Rows that passed in [from, to), oldest first. */
    static List<PassageRecord> between(Session s, Instant from, Instant to) throws SQLException {
        PreparedStatement ps = s.prepare(BETWEEN);
        ps.setLong(1, from.toEpochMilli());
        ps.setLong(2, to.toEpochMilli());
        return list(ps);
    }

    /** Rows whose decided plate or plate as read is {@code plate}, passed in [from, to), oldest first. */
    static List<PassageRecord> byPlate(Session s, String plate, Instant from, Instant to) throws SQLException {
        PreparedStatement ps = s.prepare(BY_PLATE);
        ps.setString(1, plate);
        ps.setString(2, plate);
        ps.setLong(3, from.toEpochMilli());
        ps.setLong(4, to.toEpochMilli());
        return list(ps);
    }

    /** @return false when the row has a payment already (the update is refused, the caller says why) */
    static boolean pay(Session s, String eventId, Payment p, String operator) throws SQLException {
        PreparedStatement ps = s.prepare(PAY);
        ps.setLong(1, p.paidFen());
        ps.setString(2, storedMethod(p.method()));
        set(ps, 3, p.receiptNo());
        set(ps, 4, p.paidAt());
        set(ps, 5, operator);
        ps.setString(6, eventId);
        try {
            return ps.executeUpdate() == 1;
        } catch (SQLiteException e) {
            failOnConstraint(e, eventId, p.receiptNo());
            throw e;
        }
    }

    /** Sum of payments by {@code method} recorded in [from, to), e.g. the cash a shift must hand over. */
    static long paidTotal(Session s, PaymentMethod method, Instant from, Instant to) throws SQLException {
        PreparedStatement ps = s.prepare(PAID_TOTAL);
        ps.setString(1, method.name());
        ps.setLong(2, from.toEpochMilli());
        ps.setLong(3, to.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Turns the register's two uniqueness rules into messages that say which one was broken. */
    private static void failOnConstraint(SQLiteException e, String eventId, String receiptNo) {
        if (e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
            throw new StoreException("event " + eventId + " is already in the register", e);
        }
        if (e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
            throw new StoreException("receipt number " + receiptNo + " is already used (event " + eventId + ")", e);
        }
    }

    private static List<PassageRecord> list(PreparedStatement ps) throws SQLException {
        return Rows.list(ps, PassageRegister::row);
    }

    /** The register's column says NONE where nothing was paid (its rows are found by it). */
    private static String storedMethod(PaymentMethod method) {
        return method == null ? NO_PAYMENT : method.name();
    }

    private static PassageRecord row(ResultSet rs) throws SQLException {
        String stored = rs.getString("payment_method");
        PaymentMethod method = stored == null || NO_PAYMENT.equals(stored) ? null : PaymentMethod.valueOf(stored);
        Payment payment = method == null ? Payment.none()
                : new Payment(rs.getLong("paid_fen"), method, rs.getString("receipt_no"), instant(rs, "paid_at"));
        return new PassageRecord(rs.getString("event_id"), rs.getString("lane_id"),
                enumValue(rs, "direction", Direction.class), rs.getString("plate"), rs.getString("plate_read"),
                rs.getString("card"), instant(rs, "entry_time"), instant(rs, "exit_time"),
                rs.getString("entry_event_id"), enumValue(rs, "decision_code", DecisionCode.class),
                enumValue(rs, "verdict", Verdict.class), rs.getString("reason"),
                enumValue(rs, "match_kind", MatchKind.class), rs.getString("match_note"),
                enumValue(rs, "payer", PayerCategory.class), rs.getLong("fee_fen"), payment, rs.getString("remarks"),
                rs.getString("operator"), rs.getString("snapshot_ref"), instant(rs, "created_at"));
    }
}
