package io.parkgate.central.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central's schema comes from one set of numbered scripts applied by Flyway: a new database gets all of them,
 * a database the runner before Flyway made is taken up at its recorded version with its data, and PostgreSQL
 * gets the same tables and columns as SQLite.
 */
class CentralSchemaTest {

    /** The last version the old hand-written runner knew; Flyway's scripts go on from there. */
    private static final String LATEST = "10";
    private static final String NEWEST = "14";

    @TempDir
    Path dir;

    /** Verifies that a new SQLite database gets every script, recorded in Flyway's history. */
    @Test
    void newSqliteDatabaseGetsEveryScript() throws Exception {
        Path file = dir.resolve("central.db");
        Database.open(file).close();
        try (Connection c = sqlite(file)) {
            assertEquals(List.of("001", "002", "003", "004", "005", "006", "007", "008", "009", "010", "011",
                    "012", "013", "014"),
                    history(c, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"));
            assertEquals(1, count(c, "SELECT count(*) FROM store_identity"));
            assertTrue(one(c, "SELECT key_hex FROM central_key").matches("[0-9a-f]{64}"), "central's own key");
        }
    }

    /**
     * Verifies that a database made by the old runner at the latest version is baselined there: no script runs
     * again, its records and its store identity are kept.
     */
    @Test
    void databaseFromTheOldRunnerIsBaselinedAtItsVersion() throws Exception {
        Path file = dir.resolve("central.db");
        LegacySchema.create(file, 10);
        String storeId;
        try (Connection c = sqlite(file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO lane_events(event_id, lane_id, type, occurred_at, received_at, plate) "
                    + "VALUES ('e-1', 'north-in', 'ENTRY', 1, 2, '粤B12345')");
            storeId = one(c, "SELECT store_id FROM store_identity");
        }
        Database.open(file).close();
        Database.open(file).close(); // and a second start finds Flyway's history, not the old table's
        try (Connection c = sqlite(file)) {
            assertEquals(List.of(LATEST + "|BASELINE", "011|SQL", "012|SQL", "013|SQL", "014|SQL"), history(c,
                    "SELECT version || '|' || type FROM flyway_schema_history ORDER BY installed_rank"));
            assertEquals("粤B12345", one(c, "SELECT plate FROM lane_events WHERE event_id='e-1'"));
            assertEquals(storeId, one(c, "SELECT store_id FROM store_identity"), "the store identity is kept");
        }
    }

    /** Verifies that an older database from the old runner (version 7) gets only scripts 8 to 10. */
    @Test
    void olderDatabaseFromTheOldRunnerGetsOnlyTheLaterScripts() throws Exception {
        Path file = dir.resolve("central.db");
        LegacySchema.create(file, 7);
        try (Connection c = sqlite(file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO prepayments(id, plate, amount_fen, method, paid_at, taken_by) "
                    + "VALUES ('p-1', '粤B12345', 500, 'CASH', 1, 'desk')");
        }
        Database.open(file).close();
        try (Connection c = sqlite(file)) {
            assertEquals(List.of("7|BASELINE", "008|SQL", "009|SQL", "010|SQL", "011|SQL", "012|SQL", "013|SQL",
                    "014|SQL"), history(c,
                    "SELECT version || '|' || type FROM flyway_schema_history ORDER BY installed_rank"));
            assertEquals("0", one(c, "SELECT partial FROM prepayments WHERE id='p-1'"), "V010 ran on the old rows");
            assertEquals(1, count(c, "SELECT count(*) FROM store_identity"));
        }
    }

    /** Verifies that PostgreSQL gets the same tables with the same columns as SQLite, and its own history. */
    @Test
    void postgresqlGetsTheSameTablesAndColumns() throws Exception {
        Path file = dir.resolve("central.db");
        Database.open(file).close();
        DatabaseTarget.Postgres pg = TestPostgres.newDatabase();
        Database.open(pg).close();
        try (Connection s = sqlite(file);
             Connection p = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
            Map<String, List<String>> inSqlite = columns(s);
            Map<String, List<String>> inPostgres = columns(p);
            assertEquals(inSqlite, inPostgres);
            assertTrue(inSqlite.containsKey("lane_events") && inSqlite.containsKey("receipt_days"), inSqlite.keySet()
                    .toString());
            assertEquals(NEWEST, String.valueOf(Integer.parseInt(one(p,
                    "SELECT max(version::int) FROM flyway_schema_history"))));
            assertEquals(32, one(p, "SELECT store_id FROM store_identity").length());
            assertTrue(one(p, "SELECT key_hex FROM central_key").matches("[0-9a-f]{64}"), "central's own key");
        }
    }

    /** Verifies that the audit log stays append-only on PostgreSQL too (a trigger function there). */
    @Test
    void auditLogIsAppendOnlyOnPostgresql() throws Exception {
        DatabaseTarget.Postgres pg = TestPostgres.newDatabase();
        Database.open(pg).close();
        try (Connection p = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = p.createStatement()) {
            s.execute("INSERT INTO audit_log(at, actor, action) VALUES (1, 'boss', 'LOGIN')");
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> s.execute("DELETE FROM audit_log"));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
    }

    private static Connection sqlite(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Table name → column names (lower case, in order), without Flyway's and the old runner's tables. */
    private static Map<String, List<String>> columns(Connection c) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        DatabaseMetaData md = c.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String t = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                if ((schema == null || schema.equals("public")) && !t.equals("flyway_schema_history")
                        && !t.equals("schema_version") && !t.startsWith("sqlite_")) {
                    tables.add(t);
                }
            }
        }
        for (String t : tables) {
            List<String> cols = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, null, t, "%")) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema == null || schema.equals("public")) {
                        cols.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            out.put(t, cols);
        }
        return out;
    }

    private static List<String> history(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String one(Connection c, String sql) throws SQLException {
        List<String> rows = history(c, sql);
        assertNotNull(rows.isEmpty() ? null : rows.get(0), sql);
        return rows.get(0);
    }

    private static long count(Connection c, String sql) throws SQLException {
        return Long.parseLong(one(c, sql));
    }
}
