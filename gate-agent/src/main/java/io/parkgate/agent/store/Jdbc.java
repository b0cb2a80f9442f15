package io.parkgate.agent.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Column conventions of the lane database: times as epoch milliseconds, enums by name, NULL for absent. */
final class Jdbc {

    private Jdbc() {
    }

    static void setText(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setLong(i, v.toEpochMilli());
        }
    }

    static void setEnum(PreparedStatement ps, int i, Enum<?> v) throws SQLException {
        setText(ps, i, v == null ? null : v.name());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** An enum column; a name this build does not know is a damaged row and says so. */
    static <E extends Enum<E>> E enumValue(ResultSet rs, String column, Class<E> type) throws SQLException {
        String v = rs.getString(column);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new SQLException("column " + column + " holds '" + v + "', not a " + type.getSimpleName(), e);
        }
    }
}
