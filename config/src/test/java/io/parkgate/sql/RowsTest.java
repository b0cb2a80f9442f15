package io.parkgate.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class RowsTest {

    enum Colour { BLUE, GREEN }

    /** Verifies that values written by {@link Rows#set} read back as they were: nulls, instants, enums, flags. */
    @Test
    void valuesReadBackAsWritten() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (at INTEGER, colour TEXT, flag INTEGER, note TEXT)");
            Instant at = Instant.parse("2026-11-22T01:00:00.123Z");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
                Rows.setAll(ps, at, Colour.GREEN, true, null);
                ps.executeUpdate();
                Rows.setAll(ps, null, null, false, "x");
                ps.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM t ORDER BY rowid")) {
                assertTrue(rs.next());
                assertEquals(at.truncatedTo(ChronoUnit.MILLIS), Rows.instant(rs, "at"));
                assertEquals(Colour.GREEN, Rows.enumValue(rs, "colour", Colour.class));
                assertEquals(1L, Rows.longOrNull(rs, "flag"));
                assertTrue(rs.next());
                assertNull(Rows.instant(rs, "at"));
                assertNull(Rows.enumValue(rs, "colour", Colour.class));
                assertEquals(0L, Rows.longOrNull(rs, "flag"));
            }
        }
    }

    /** Verifies that an enum name this build does not know is reported as a damaged row, naming the column. */
    @Test
    void anUnknownEnumNameIsADamagedRow() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (colour TEXT)");
            s.execute("INSERT INTO t VALUES ('PINK')");
            try (ResultSet rs = s.executeQuery("SELECT colour FROM t")) {
                assertTrue(rs.next());
                SQLException e = assertThrows(SQLException.class, () -> Rows.enumValue(rs, "colour", Colour.class));
                assertEquals("column colour holds 'PINK', not a Colour", e.getMessage());
            }
        }
    }
}
