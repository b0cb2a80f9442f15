package io.parkgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");

    @TempDir
    Path dir;

    /** Verifies that the production scripts are found on the class path, in version order. */
    @Test
    void findsTheProductionScripts() {
        List<MigrationScript> scripts = Migrations.fromClasspath(getClass().getClassLoader(), Migrations.LOCATION);
        assertEquals(List.of("V1__registry_cache.sql", "V2__stays_and_register.sql", "V3__alarms.sql",
                "V4__passage_snapshot.sql"),
                scripts.stream().map(MigrationScript::name).toList());
    }

    /** Verifies that scripts apply in numeric order (V10 after V2), each once, also across reopenings. */
    @Test
    void appliesInNumericOrderOnce() throws Exception {
        Path root = dir.resolve("cp");
        write(root, "V10__index.sql", "CREATE INDEX t_b ON t (b);");
        write(root, "V2__column.sql", "ALTER TABLE t ADD COLUMN b TEXT; -- needs V1\nINSERT INTO t VALUES (1, 'x;y');");
        write(root, "V1__table.sql", "CREATE TABLE t (a INTEGER PRIMARY KEY);");
        List<MigrationScript> scripts = scripts(root);
        assertEquals(List.of(1, 2, 10), scripts.stream().map(MigrationScript::version).toList());
        Path db = dir.resolve("t.db");
        assertEquals(10, migrate(db, scripts));
        assertEquals(10, migrate(db, scripts));
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertEquals("3", AgentStoreTest.single(c, "SELECT COUNT(*) FROM schema_version"));
            assertEquals("x;y", AgentStoreTest.single(c, "SELECT b FROM t"));
        }
    }

    /** Verifies that scripts packed in a jar are found as well as in a directory. */
    @Test
    void readsScriptsFromAJar() throws Exception {
        Path jar = dir.resolve("m.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : new String[] {"db/", "db/agent/", "db/agent/sub/", "db/other/"}) {
                out.putNextEntry(new JarEntry(folder)); // as the jar plugin writes them: getResources needs them
                out.closeEntry();
            }
            for (String[] e : new String[][] {{"db/agent/V1__a.sql", "CREATE TABLE a (x);"},
                    {"db/agent/V2__b.sql", "CREATE TABLE b (x);"}, {"db/agent/sub/V3__c.sql", "nope"},
                    {"db/other/V9__d.sql", "nope"}}) {
                out.putNextEntry(new JarEntry(e[0]));
                out.write(e[1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<MigrationScript> scripts = Migrations.fromClasspath(loader, "db/agent");
            assertEquals(List.of("V1__a.sql", "V2__b.sql"), scripts.stream().map(MigrationScript::name).toList());
        }
    }

    /** Verifies that a script edited after it was applied stops the open, naming the script. */
    @Test
    void changedScriptIsDetected() throws Exception {
        Path db = dir.resolve("t.db");
        migrate(db, List.of(MigrationScript.of("V1__table.sql", "CREATE TABLE t (a);")));
        StoreException e = assertThrows(StoreException.class,
                () -> migrate(db, List.of(MigrationScript.of("V1__table.sql", "CREATE TABLE t (a, b);"))));
        assertTrue(e.getMessage().contains("V1__table.sql changed after it was applied"), e.getMessage());
    }

    /** Verifies that a database written by a newer agent is refused rather than used with an unknown schema. */
    @Test
    void newerDatabaseIsRefused() throws Exception {
        Path db = dir.resolve("t.db");
        MigrationScript v1 = MigrationScript.of("V1__table.sql", "CREATE TABLE t (a);");
        migrate(db, List.of(v1, MigrationScript.of("V2__more.sql", "CREATE TABLE u (a);")));
        StoreException e = assertThrows(StoreException.class, () -> migrate(db, List.of(v1)));
        assertTrue(e.getMessage().contains("schema version 2") && e.getMessage().contains("newer agent"), e.getMessage());
    }

    /** Verifies that a script numbered below the applied version but never applied stops the open. */
    @Test
    void skippedScriptIsDetected() throws Exception {
        Path db = dir.resolve("t.db");
        MigrationScript v1 = MigrationScript.of("V1__table.sql", "CREATE TABLE t (a);");
        MigrationScript v3 = MigrationScript.of("V3__more.sql", "CREATE TABLE u (a);");
        migrate(db, List.of(v1, v3));
        StoreException e = assertThrows(StoreException.class,
                () -> migrate(db, List.of(v1, MigrationScript.of("V2__late.sql", "CREATE TABLE w (a);"), v3)));
        assertTrue(e.getMessage().contains("V2__late.sql is older than"), e.getMessage());
    }

    /** Verifies that a failing script leaves neither its changes nor its version row behind. */
    @Test
    void failingScriptRollsBack() throws Exception {
        Path db = dir.resolve("t.db");
        MigrationScript v1 = MigrationScript.of("V1__table.sql", "CREATE TABLE t (a);");
        MigrationScript bad = MigrationScript.of("V2__bad.sql", "CREATE TABLE u (a); INSERT INTO nowhere VALUES (1);");
        StoreException e = assertThrows(StoreException.class, () -> migrate(db, List.of(v1, bad)));
        assertTrue(e.getMessage().contains("V2__bad.sql failed") && e.getMessage().contains("nowhere"), e.getMessage());
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertEquals("1", AgentStoreTest.single(c, "SELECT MAX(version) FROM schema_version"));
            assertEquals("0", AgentStoreTest.single(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'u'"));
        }
    }

    /** Verifies that badly named scripts and duplicate versions are refused with the file names. */
    @Test
    void badNamesAreRefused() throws IOException {
        StoreException e = assertThrows(StoreException.class, () -> MigrationScript.of("V1_table.sql", ""));
        assertTrue(e.getMessage().contains("V1_table.sql"), e.getMessage());
        Path root = dir.resolve("dup");
        write(root, "V1__a.sql", "SELECT 1;");
        write(root, "V01__b.sql", "SELECT 1;");
        e = assertThrows(StoreException.class, () -> scripts(root));
        assertTrue(e.getMessage().contains("V01__b.sql") && e.getMessage().contains("V1__a.sql"), e.getMessage());
    }

    /** Verifies that statements split at semicolons, not at semicolons inside quotes or comments. */
    @Test
    void splitsStatements() {
        assertEquals(List.of("CREATE TABLE t (a TEXT DEFAULT 'a;''b')", "INSERT INTO \"x;y\" VALUES (1)"),
                SqlScript.statements("-- one; two\nCREATE TABLE t (a TEXT DEFAULT 'a;''b'); /* ; */\n"
                        + "INSERT INTO \"x;y\" VALUES (1);\n;  \n"));
        assertThrows(StoreException.class, () -> SqlScript.statements("SELECT 'open"));
    }

    private static void write(Path root, String name, String sql) throws IOException {
        Files.createDirectories(root.resolve("db/agent"));
        Files.writeString(root.resolve("db/agent").resolve(name), sql);
    }

    private static List<MigrationScript> scripts(Path root) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return Migrations.fromClasspath(loader, "db/agent");
        }
    }

    private static int migrate(Path db, List<MigrationScript> scripts) throws SQLException {
        try (Session s = new Session(DriverManager.getConnection("jdbc:sqlite:" + db))) {
            return Migrations.apply(s, scripts, T0, db.getFileName().toString());
        }
    }
}
