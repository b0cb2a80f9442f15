package io.parkgate.central.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by schema version 12 (one compound, no site anywhere) migrates to the sites schema
 * without losing a row: every record is kept and belongs to the site central was started for, the users keep
 * their role there, and the keys that are now per site take a second site's lane and plate.
 */
class SiteMigrationTest {

    @TempDir
    Path dir;

    /** Verifies that a version-12 SQLite database keeps its rows, filled in with the site. */
    @Test
    void sqliteDatabaseOfVersion12KeepsItsRowsUnderTheSite() throws Exception {
        DatabaseTarget t = new DatabaseTarget.Sqlite(dir.resolve("central.db"));
        migratesKeepingRows(t);
    }

    /** Verifies the same on PostgreSQL. */
    @Test
    void postgresqlDatabaseOfVersion12KeepsItsRowsUnderTheSite() throws Exception {
        migratesKeepingRows(TestPostgres.newDatabase());
    }

    private static void migratesKeepingRows(DatabaseTarget t) throws Exception {
        String user = t instanceof DatabaseTarget.Postgres p ? p.user() : null;
        String password = t instanceof DatabaseTarget.Postgres p ? p.password() : null;
        Flyway.configure(SiteMigrationTest.class.getClassLoader()).dataSource(t.jdbcUrl(), user, password)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + t.dialect().vendor())
                .table("flyway_schema_history").target("12").load().migrate();
        try (Connection c = connect(t); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users(username, display_name, role, salt, hash, iterations, created_at) "
                    + "VALUES ('li', '李班长', 'SUPERVISOR', " + bytes(t) + ", " + bytes(t) + ", 1, 1)");
            s.execute("INSERT INTO lanes(lane_id, post, direction, mqtt_salt, mqtt_hash, command_secret) "
                    + "VALUES ('in-1', 'north', 'IN', " + bytes(t) + ", " + bytes(t) + ", 's')");
            s.execute("INSERT INTO lane_status(lane_id, online, updated_at) VALUES ('in-1', 1, 5)");
            s.execute("INSERT INTO lane_events(event_id, lane_id, type, occurred_at, received_at, plate, fee_fen) "
                    + "VALUES ('e-1', 'in-1', 'ENTRY', 1, 2, '粤B12345', 500)");
            s.execute("INSERT INTO prepayments(id, plate, amount_fen, method, paid_at, taken_by, receipt_no) "
                    + "VALUES ('p-1', '粤B12345', 500, 'CASH', 1, 'desk', 'R20261205-0001')");
            s.execute("INSERT INTO receipt_days(day, last) VALUES ('20261205', 1)");
            s.execute("INSERT INTO exceptions(id, event_id, lane_id, opened_at, status) "
                    + "VALUES ('x-1', 'e-1', 'in-1', 1, 'OPEN')");
            s.execute("INSERT INTO shifts(id, post, attendant, started_at) VALUES ('s-1', 'north', 'li', 1)");
            s.execute("INSERT INTO lane_notes(id, noted_at, lane_id, kind, note, by_user) "
                    + "VALUES ('n-1', 1, 'in-1', 'DAMAGE', '左前门划痕', 'li')");
            s.execute("INSERT INTO vehicles(plate, owner_id) VALUES ('粤B12345', 'o-1')");
            s.execute("INSERT INTO cards(number, status) VALUES ('C-1', 'ACTIVE')");
            s.execute("INSERT INTO registry_change(version, kind, key, op, at, actor) "
                    + "VALUES (1, 'VEHICLE', '粤B12345', 'UPSERT', 1, 'boss')");
            s.execute("INSERT INTO quarantined_events(lane_id, received_at, reason, payload) "
                    + "VALUES ('in-1', 1, 'bad', '{}')");
            s.execute("INSERT INTO audit_log(at, actor, action) VALUES (1, 'li', 'LOGIN')");
        }
        Database.open(t, "north").close();
        try (Connection c = connect(t); Statement s = c.createStatement()) {
            for (String table : List.of("lanes", "lane_status", "lane_events", "prepayments", "receipt_days",
                    "exceptions", "shifts", "lane_notes", "vehicles", "cards", "registry_change",
                    "quarantined_events", "audit_log")) {
                assertEquals("1|north", one(s, "SELECT count(*) || '|' || min(site) FROM " + table), table);
            }
            assertEquals("li|north|SUPERVISOR", one(s, "SELECT username || '|' || site || '|' || role FROM grants"));
            assertEquals("粤B12345", one(s, "SELECT plate FROM lane_events WHERE event_id='e-1'"));
            // The keys are per site now: the same lane, plate and receipt day at another compound.
            s.execute("INSERT INTO lanes(lane_id, post, direction, mqtt_salt, mqtt_hash, command_secret, site) "
                    + "VALUES ('in-1', 'south', 'IN', " + bytes(t) + ", " + bytes(t) + ", 's', 'south')");
            s.execute("INSERT INTO vehicles(plate, owner_id, site) VALUES ('粤B12345', 'o-9', 'south')");
            s.execute("INSERT INTO receipt_days(day, last, site) VALUES ('20261205', 1, 'south')");
            s.execute("INSERT INTO prepayments(id, plate, amount_fen, method, paid_at, taken_by, receipt_no, site) "
                    + "VALUES ('p-2', '粤B12345', 500, 'CASH', 1, 'desk', 'R20261205-0001', 'south')");
            assertEquals("2", one(s, "SELECT count(*) FROM lanes WHERE lane_id='in-1'"));
            SQLException dup = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> s.execute(
                    "INSERT INTO lanes(lane_id, post, direction, mqtt_salt, mqtt_hash, command_secret, site) "
                    + "VALUES ('in-1', 'x', 'IN', " + bytes(t) + ", " + bytes(t) + ", 's', 'south')"));
            assertTrue(Dialect.isUniqueViolation(dup), dup.getMessage());
        }
    }

    private static String bytes(DatabaseTarget t) {
        return t instanceof DatabaseTarget.Postgres ? "'\\x00'::bytea" : "X'00'";
    }

    private static Connection connect(DatabaseTarget t) throws SQLException {
        return t instanceof DatabaseTarget.Postgres p ? DriverManager.getConnection(p.jdbcUrl(), p.user(),
                p.password()) : DriverManager.getConnection(t.jdbcUrl());
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
