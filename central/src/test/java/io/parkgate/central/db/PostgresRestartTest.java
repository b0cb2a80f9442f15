package io.parkgate.central.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.sql.Rows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * Central's connection to PostgreSQL across a server restart: the work that meets the dead connection fails as
 * "unavailable" (so nothing is quarantined or acknowledged), and the next work opens a new connection.
 */
class PostgresRestartTest {

    /** Verifies that after a crash and restart of PostgreSQL central's database works again without a restart. */
    @Test
    void workAfterAServerRestartOpensANewConnection() throws Exception {
        DatabaseTarget.Postgres target = TestPostgres.newDatabase();
        TestPostgres server = TestPostgres.shared();
        try (Database db = Database.open(target)) {
            db.txAndWait(c -> insert(c, "before"));
            server.stopNow();
            try {
                RuntimeException e = assertThrows(RuntimeException.class, () -> db.txAndWait(c -> insert(c, "during")));
                assertTrue(Database.isUnavailable(e), "a lost server reads as unavailable: " + e);
                RuntimeException again = assertThrows(RuntimeException.class,
                        () -> db.txAndWait(c -> insert(c, "still down")));
                assertTrue(Database.isUnavailable(again), "a refused connection too: " + again);
            } finally {
                server.restart();
            }
            db.txAndWait(c -> insert(c, "after"));
            assertEquals(2L, db.<Long>txAndWait(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM lane_notes");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }), "the two notes written while the server was up, nothing from the failed work");
        }
    }

    private static Void insert(java.sql.Connection c, String note) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lane_notes(id, noted_at, lane_id, kind, note, "
                + "by_user, site) VALUES (?,?,?,?,?,?,?)")) {
            Rows.setAll(ps, "n-" + note, 1L, "north-in", "NOTE", note, "boss", "gardens");
            ps.executeUpdate();
        }
        return null;
    }
}
