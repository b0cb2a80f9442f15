package io.parkgate.agent.store;

import static io.parkgate.sql.Rows.enumValue;
import static io.parkgate.sql.Rows.instant;
import static io.parkgate.sql.Rows.set;

import io.parkgate.tariff.PayerCategory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** SQL of the {@code stays} table; every method runs inside the caller's transaction. */
final class StayTable {

    private static final String INSERT = "INSERT INTO stays (entry_event_id, entry_lane_id, plate, plate_read, card, "
            + "payer, entry_time, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String CLOSE = "UPDATE stays SET closed_at = ?, exit_event_id = ? "
            + "WHERE entry_event_id = ? AND closed_at IS NULL";
    private static final String OPEN = "SELECT entry_event_id, entry_lane_id, plate, plate_read, card, payer, "
            + "entry_time FROM stays WHERE closed_at IS NULL ORDER BY entry_time, entry_event_id";

    private StayTable() {
    }

    static void insert(Session s, StayRecord stay, Instant openedAt) throws SQLException {
        PreparedStatement ps = bind(s.prepare(INSERT), stay, openedAt);
        try {
            ps.executeUpdate();
        } catch (SQLiteException e) {
            if (e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                throw new StoreException("a stay for entry event " + stay.entryEventId() + " already exists", e);
            }
            throw e;
        }
    }

    /** @return false when a stay with this entry event id exists already (left unchanged) */
    static boolean insertIfAbsent(Session s, StayRecord stay, Instant openedAt) throws SQLException {
        return bind(s.prepare(INSERT + " ON CONFLICT (entry_event_id) DO NOTHING"), stay, openedAt)
                .executeUpdate() == 1;
    }

    private static PreparedStatement bind(PreparedStatement ps, StayRecord stay, Instant openedAt) throws SQLException {
        set(ps, 1, stay.entryEventId());
        set(ps, 2, stay.entryLaneId());
        set(ps, 3, stay.plate());
        set(ps, 4, stay.plateAsRead());
        set(ps, 5, stay.card());
        set(ps, 6, stay.payer().name());
        ps.setLong(7, stay.entryTime().toEpochMilli());
        ps.setLong(8, openedAt.toEpochMilli());
        return ps;
    }

    /** @return true when the stay was open and is now closed */
    static boolean close(Session s, String entryEventId, String exitEventId, Instant closedAt) throws SQLException {
        PreparedStatement ps = s.prepare(CLOSE);
        ps.setLong(1, closedAt.toEpochMilli());
        set(ps, 2, exitEventId);
        set(ps, 3, entryEventId);
        return ps.executeUpdate() == 1;
    }

    static List<StayRecord> open(Session s) throws SQLException {
        List<StayRecord> out = new ArrayList<>();
        try (ResultSet rs = s.prepare(OPEN).executeQuery()) {
            while (rs.next()) {
                out.add(new StayRecord(rs.getString("entry_event_id"), rs.getString("entry_lane_id"),
                        rs.getString("plate"), rs.getString("plate_read"), rs.getString("card"),
                        enumValue(rs, "payer", PayerCategory.class), instant(rs, "entry_time")));
            }
        }
        return out;
    }
}
