package io.parkgate.agent.store;

import static io.parkgate.sql.Rows.enumValue;
import static io.parkgate.sql.Rows.instant;
import static io.parkgate.sql.Rows.set;

import io.parkgate.agent.lane.AlarmKind;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.sql.Rows;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** SQL of the {@code alarms} table; every method runs inside the caller's transaction. */
final class AlarmLog {

    private static final String COLUMNS = "alarm_id, lane_id, kind, device, plate, related_event_id, detail, "
            + "occurred_at, created_at";
    private static final String INSERT = "INSERT INTO alarms (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BETWEEN = "SELECT " + COLUMNS
            + " FROM alarms WHERE occurred_at >= ? AND occurred_at < ? "
            + "ORDER BY occurred_at, alarm_id";

    private AlarmLog() {
    }

    static void insert(Session s, AlarmRecord a) throws SQLException {
        PreparedStatement ps = s.prepare(INSERT);
        set(ps, 1, a.alarmId());
        set(ps, 2, a.laneId());
        set(ps, 3, a.kind());
        set(ps, 4, a.device());
        set(ps, 5, a.plate());
        set(ps, 6, a.relatedEventId());
        set(ps, 7, a.detail());
        ps.setLong(8, a.occurredAt().toEpochMilli());
        ps.setLong(9, a.createdAt().toEpochMilli());
        try {
            ps.executeUpdate();
        } catch (SQLiteException e) {
            if (e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                throw new StoreException("alarm " + a.alarmId() + " is already recorded", e);
            }
            throw e;
        }
    }

    static List<AlarmRecord> between(Session s, Instant from, Instant to) throws SQLException {
        PreparedStatement ps = s.prepare(BETWEEN);
        ps.setLong(1, from.toEpochMilli());
        ps.setLong(2, to.toEpochMilli());
        return Rows.list(ps, rs -> new AlarmRecord(rs.getString("alarm_id"), rs.getString("lane_id"),
                enumValue(rs, "kind", AlarmKind.class), enumValue(rs, "device", LaneDevice.class),
                rs.getString("plate"), rs.getString("related_event_id"), rs.getString("detail"),
                instant(rs, "occurred_at"), instant(rs, "created_at")));
    }
}
