package io.parkgate.central.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.sql.Rows;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What differs between SQLite and PostgreSQL behaves the same on both, through {@link Dialect} and {@link Rows}. */
class DialectTest {

    @TempDir
    Path dir;

    private Database open(String database) {
        return Database.open(database.equals("postgresql") ? TestPostgres.newDatabase()
                : new DatabaseTarget.Sqlite(dir.resolve("c.db")));
    }

    /** Verifies that an upsert inserts, then replaces the row with the same key, on both databases. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void upsertInsertsThenReplaces(String database) {
        try (Database db = open(database)) {
            for (String barrier : new String[] {"CLOSED", "OPEN"}) {
                db.txAndWait(c -> {
                    try (PreparedStatement ps = c.prepareStatement(Dialect.upsertOn("lane_status", 2, "site",
                            "lane_id", "online", "at", "barrier", "devices", "queue", "updated_at"))) {
                        Rows.setAll(ps, "gardens", "north-in", true, null, barrier, "{}", 0, 1L);
                        return ps.executeUpdate();
                    }
                });
            }
            assertEquals("1 OPEN 1", db.txAndWait(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*), max(barrier), max(online) FROM lane_status");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) + " " + rs.getString(2) + " " + rs.getInt(3);
                }
            }), "one row, the second write's values, the flag stored as 1");
        }
    }

    /** Verifies that a duplicate key reads as a unique violation on both databases, and a missing value does not. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void uniqueViolationIsRecognised(String database) {
        try (Database db = open(database)) {
            SqlWork<Void> insert = c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO shifts(id, post, attendant, started_at, site) VALUES (?,?,?,?,?)")) {
                    Rows.setAll(ps, "s-1", "north-gate", "li", 1L, "gardens");
                    ps.executeUpdate();
                }
                return null;
            };
            db.txAndWait(insert);
            SQLException twice = cause(assertThrows(RuntimeException.class, () -> db.txAndWait(insert)));
            assertTrue(Dialect.isUniqueViolation(twice), twice.getMessage());
            SQLException missing = cause(assertThrows(RuntimeException.class, () -> db.txAndWait(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO shifts(id, post) VALUES ('s-2', 'x')")) {
                    return ps.executeUpdate();
                }
            })));
            assertFalse(Dialect.isUniqueViolation(missing), missing.getMessage());
        }
    }

    /** Verifies that an optional filter with a null parameter works on both (PostgreSQL needs the cast). */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void optionalFilterTakesANull(String database) {
        try (Database db = open(database)) {
            assertEquals(Long.valueOf(0), db.txAndWait(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM prepayments WHERE "
                        + "(CAST(? AS TEXT) IS NULL OR plate=?) AND (CAST(? AS BIGINT) IS NULL OR paid_at>=?)")) {
                    Rows.setAll(ps, null, null, null, null);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            }));
        }
    }

    private static SQLException cause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e) {
                return e;
            }
        }
        throw new AssertionError("no SQLException in " + t, t);
    }
}
