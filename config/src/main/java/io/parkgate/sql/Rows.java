package io.parkgate.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The column conventions of every parkgate database (central's, on SQLite or PostgreSQL, and each lane's):
 * absent values as NULL, instants as epoch milliseconds, enums by name, flags as 0/1 integers.
 */
public final class Rows {

    private Rows() {
    }

    /** Reads one row of a result into a value. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs the query and reads every row it returns, in order. */
    public static <T> List<T> list(PreparedStatement ps, Reader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(reader.read(rs));
            }
        }
        return out;
    }

    public static void set(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NULL);
        } else if (v instanceof Instant t) {
            try {
                ps.setLong(i, t.toEpochMilli());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("instant " + t + " is out of the storable range", e);
            }
        } else if (v instanceof Boolean b) {
            ps.setInt(i, b ? 1 : 0); // flags are 0/1 integers on both databases (PostgreSQL refuses a boolean there)
        } else if (v instanceof Enum<?> e) {
            ps.setString(i, e.name());
        } else {
            ps.setObject(i, v);
        }
    }

    public static void setAll(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            set(ps, i + 1, values[i]);
        }
    }

    public static Instant instant(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    public static Long longOrNull(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    /** An enum column; a name this build does not know is a damaged row and says so. */
    public static <E extends Enum<E>> E enumValue(ResultSet rs, String col, Class<E> type) throws SQLException {
        String v = rs.getString(col);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new SQLException("column " + col + " holds '" + v + "', not a " + type.getSimpleName(), e);
        }
    }
}
