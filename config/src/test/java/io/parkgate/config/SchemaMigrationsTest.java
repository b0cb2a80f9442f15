package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one schema runner every parkgate database uses (Flyway underneath), on real SQLite files: order, once,
 * and the refusals that keep a lane's or central's data from being used with the wrong schema.
 */
class SchemaMigrationsTest {

    @TempDir
    Path dir;

    /** Verifies that scripts apply in numeric order (V10 after V2), each once, also across reopenings. */
    @Test
    void appliesInNumericOrderOnce() throws Exception {
        Path scripts = dir.resolve("scripts");
        write(scripts, "V10__index.sql", "CREATE INDEX t_b ON t (b);");
        write(scripts, "V2__column.sql",
                "ALTER TABLE t ADD COLUMN b TEXT; -- needs V1\nINSERT INTO t VALUES (1, 'x;y');");
        write(scripts, "V1__table.sql", "CREATE TABLE t (a INTEGER PRIMARY KEY);");
        Path db = dir.resolve("t.db");
        assertEquals(10, migrate(db, scripts));
        assertEquals(10, migrate(db, scripts));
        assertEquals("3", single(db, "SELECT count(*) FROM flyway_schema_history WHERE success"));
        assertEquals("x;y", single(db, "SELECT b FROM t"));
    }

    /** Verifies that a script edited after it was applied stops the migration, naming the script. */
    @Test
    void changedScriptIsRefused() throws Exception {
        Path scripts = dir.resolve("scripts");
        Path db = dir.resolve("t.db");
        write(scripts, "V1__table.sql", "CREATE TABLE t (a);");
        migrate(db, scripts);
        write(scripts, "V1__table.sql", "CREATE TABLE t (a, b);");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> migrate(db, scripts));
        assertTrue(e.getMessage().contains("t.db") && e.getMessage().contains("checksum mismatch")
                && e.getMessage().contains("1"), e.getMessage());
    }

    /** Verifies that a database written by a newer version (scripts this one lacks) is refused, not used. */
    @Test
    void newerDatabaseIsRefused() throws Exception {
        Path newer = dir.resolve("newer");
        Path older = dir.resolve("older");
        write(newer, "V1__table.sql", "CREATE TABLE t (a);");
        write(newer, "V2__more.sql", "CREATE TABLE u (a);");
        write(older, "V1__table.sql", "CREATE TABLE t (a);");
        Path db = dir.resolve("t.db");
        migrate(db, newer);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> migrate(db, older));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("not resolved locally"), e.getMessage());
    }

    /** Verifies that a script numbered below the applied version but never applied stops the migration. */
    @Test
    void skippedScriptIsRefused() throws Exception {
        Path scripts = dir.resolve("scripts");
        Path db = dir.resolve("t.db");
        write(scripts, "V1__table.sql", "CREATE TABLE t (a);");
        write(scripts, "V3__more.sql", "CREATE TABLE u (a);");
        migrate(db, scripts);
        write(scripts, "V2__late.sql", "CREATE TABLE w (a);");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> migrate(db, scripts));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("not applied"), e.getMessage());
    }

    /** Verifies that a failing script leaves neither its changes nor a successful history row behind. */
    @Test
    void failingScriptRollsBack() throws Exception {
        Path scripts = dir.resolve("scripts");
        Path db = dir.resolve("t.db");
        write(scripts, "V1__table.sql", "CREATE TABLE t (a);");
        write(scripts, "V2__bad.sql", "CREATE TABLE u (a);\nINSERT INTO nowhere VALUES (1);");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> migrate(db, scripts));
        assertTrue(e.getMessage().contains("V2__bad.sql") && e.getMessage().contains("nowhere"), e.getMessage());
        assertEquals("1", single(db, "SELECT max(version) FROM flyway_schema_history WHERE success"));
        assertEquals("0", single(db, "SELECT count(*) FROM sqlite_master WHERE name = 'u'"));
    }

    /** Verifies that a badly named script is refused with its file name, and two scripts of one version too. */
    @Test
    void badNamesAreRefused() throws Exception {
        Path scripts = dir.resolve("scripts");
        write(scripts, "V1_table.sql", "CREATE TABLE t (a);");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> migrate(dir.resolve("a.db"),
                scripts));
        assertTrue(e.getMessage().contains("V1_table.sql"), e.getMessage());

        Path dup = dir.resolve("dup");
        write(dup, "V1__a.sql", "SELECT 1;");
        write(dup, "V01__b.sql", "SELECT 1;");
        e = assertThrows(IllegalStateException.class, () -> migrate(dir.resolve("b.db"), dup));
        assertTrue(e.getMessage().contains("V01__b.sql") && e.getMessage().contains("V1__a.sql"), e.getMessage());
    }

    /** Verifies that a database the runner before Flyway made is baselined at its schema_version, keeping its rows. */
    @Test
    void databaseFromTheOldRunnerIsBaselined() throws Exception {
        Path scripts = dir.resolve("scripts");
        write(scripts, "V1__table.sql", "CREATE TABLE t (a);");
        write(scripts, "V2__column.sql", "ALTER TABLE t ADD COLUMN b TEXT;");
        write(scripts, "V3__more.sql", "CREATE TABLE u (a);");
        Path db = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script TEXT NOT NULL)");
            s.execute("CREATE TABLE t (a)");
            s.execute("ALTER TABLE t ADD COLUMN b TEXT");
            s.execute("INSERT INTO schema_version VALUES (1, 'V1__table.sql'), (2, 'V2__column.sql')");
            s.execute("INSERT INTO t VALUES (1, 'kept')");
        }
        assertEquals(3, migrate(db, scripts));
        assertEquals("2|BASELINE,3|SQL", single(db,
                "SELECT group_concat(version || '|' || type) FROM flyway_schema_history"));
        assertEquals("kept", single(db, "SELECT b FROM t"));
    }

    /** Verifies that a database with tables but no record at all is baselined where the caller says. */
    @Test
    void unrecordedTablesAreBaselinedWhereTheCallerSays() throws Exception {
        Path scripts = dir.resolve("scripts");
        write(scripts, "V1__table.sql", "CREATE TABLE t (a);");
        write(scripts, "V2__more.sql", "CREATE TABLE u (a);");
        Path db = dir.resolve("inline.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (a)");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertEquals(2, SchemaMigrations.migrate(new SchemaMigrations.Target(db.toString(), "jdbc:sqlite:" + db,
                    null, null, List.of("filesystem:" + scripts), 1), c));
        }
        assertEquals("1|BASELINE,2|SQL", single(db,
                "SELECT group_concat(version || '|' || type) FROM flyway_schema_history"));
    }

    private static int migrate(Path db, Path scripts) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            return SchemaMigrations.migrate(new SchemaMigrations.Target(db.toString(), "jdbc:sqlite:" + db, null,
                    null, List.of("filesystem:" + scripts), 0), c);
        }
    }

    private static void write(Path folder, String name, String sql) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(name), sql);
    }

    private static String single(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
