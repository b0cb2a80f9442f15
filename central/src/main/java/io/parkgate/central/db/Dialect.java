package io.parkgate.central.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between the two databases central runs on, in one place. Services write SQL both accept
 * ({@code INSERT ... ON CONFLICT}, no date functions, times as epoch milliseconds, flags as 0/1 integers);
 * the schema differs only where the migration scripts live in a vendor folder. An optional filter written
 * {@code (? IS NULL OR col=?)} casts the first parameter ({@code CAST(? AS TEXT)}, {@code CAST(? AS BIGINT)}):
 * PostgreSQL cannot tell the type of a null compared with nothing.
 */
public enum Dialect {

    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String vendor;

    Dialect(String vendor) {
        this.vendor = vendor;
    }

    /** Flyway's name of the database, also the folder of this vendor's own migration scripts. */
    public String vendor() {
        return vendor;
    }

    /**
     * Connection settings. SQLite: WAL, {@code synchronous=FULL} (a committed transaction, and so every event
     * central acknowledged, survives a crash of the process or the machine), foreign keys, a busy timeout.
     * PostgreSQL commits durably by default and needs nothing here.
     */
    void configure(Connection c) throws SQLException {
        if (this == SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
        }
    }

    /**
     * {@code INSERT ... ON CONFLICT(key) DO UPDATE}: writes the row whether or not one with its key exists, in a
     * form both databases accept (SQLite's {@code INSERT OR REPLACE} is SQLite's own).
     *
     * @param columns every column, the key first
     */
    public static String upsert(String table, String... columns) {
        String key = columns[0];
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append('(')
                .append(String.join(", ", columns)).append(") VALUES (")
                .append(String.join(",", java.util.Collections.nCopies(columns.length, "?")))
                .append(") ON CONFLICT(").append(key).append(") DO UPDATE SET ");
        for (int i = 1; i < columns.length; i++) {
            sql.append(i == 1 ? "" : ", ").append(columns[i]).append("=excluded.").append(columns[i]);
        }
        return sql.toString();
    }

    /**
     * {@code INSERT ... ON CONFLICT(k1, .., kn) DO UPDATE}, for a table whose key is its first {@code keys} columns
     * (e.g. {@code (site, lane_id)}).
     */
    public static String upsertOn(String table, int keys, String... columns) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append('(')
                .append(String.join(", ", columns)).append(") VALUES (")
                .append(String.join(",", java.util.Collections.nCopies(columns.length, "?")))
                .append(") ON CONFLICT(").append(String.join(", ", java.util.Arrays.asList(columns).subList(0, keys)))
                .append(") DO UPDATE SET ");
        for (int i = keys; i < columns.length; i++) {
            sql.append(i == keys ? "" : ", ").append(columns[i]).append("=excluded.").append(columns[i]);
        }
        return sql.toString();
    }

    /** Whether the failure is a unique or primary-key violation, whichever database raised it. */
    public static boolean isUniqueViolation(SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return true; // PostgreSQL's unique_violation
        }
        String m = e.getMessage();
        return m != null && m.contains("UNIQUE constraint failed"); // SQLite
    }

    /** Whether the connection itself is gone (server restarted, network cut), so the next work needs a new one. */
    static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
