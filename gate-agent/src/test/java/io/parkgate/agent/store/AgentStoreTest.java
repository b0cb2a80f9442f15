package io.parkgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(T0, ZoneId.of("Asia/Shanghai"));

    /** Verifies that the store creates {@code <dataDir>/<laneId>/lane.db} in WAL mode with every migration applied. */
    @Test
    void createsTheLaneFileInWalModeWithTheSchema() throws SQLException {
        try (AgentStore store = AgentStore.open(dataDir, Rows.LANE, clock)) {
            Path file = dataDir.resolve("north-in").resolve("lane.db");
            assertEquals(file, store.file());
            assertTrue(Files.exists(file));
            assertEquals(7, store.schemaVersion());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                assertEquals("wal", single(c, "PRAGMA journal_mode"));
                assertEquals(List.of("1:V1__registry_cache.sql", "2:V2__stays_and_register.sql", "3:V3__alarms.sql",
                        "4:V4__passage_snapshot.sql", "5:V5__pending_passages.sql",
                        "6:V6__unreported_passages.sql", "7:V7__unreported_events.sql"),
                        column(c, "SELECT version || ':' || script FROM flyway_schema_history ORDER BY "
                                + "installed_rank"));
            }
        }
    }

    /** Verifies that the writer runs with WAL, synchronous=NORMAL, a busy timeout and the bounded WAL settings. */
    @Test
    void writerConnectionSettings() {
        try (LaneDatabase db = LaneDatabase.open(dataDir.resolve("x.db"), null)) {
            List<String> settings = db.write("read pragmas", s -> {
                List<String> out = new ArrayList<>();
                for (String pragma : new String[] {"journal_mode", "synchronous", "busy_timeout", "wal_autocheckpoint",
                        "journal_size_limit", "foreign_keys"}) {
                    try (ResultSet rs = s.prepare("PRAGMA " + pragma).executeQuery()) {
                        out.add(pragma + "=" + rs.getString(1));
                    }
                }
                return out;
            });
            assertEquals(List.of("journal_mode=wal", "synchronous=1", "busy_timeout=" + LaneDatabase.BUSY_TIMEOUT_MS,
                    "wal_autocheckpoint=" + LaneDatabase.AUTOCHECKPOINT_PAGES,
                    "journal_size_limit=" + LaneDatabase.JOURNAL_SIZE_LIMIT_BYTES, "foreign_keys=0"), settings);
            assertEquals("1", db.read("read query_only", s -> {
                try (ResultSet rs = s.prepare("PRAGMA query_only").executeQuery()) {
                    return rs.getString(1);
                }
            }), "the reader cannot write");
        }
    }

    /**
     * The durability of a commit is chosen, never silently: NORMAL by default, FULL (fsync per commit) when asked
     * for by the system property, and any other value refused when the store opens.
     */
    @Test
    void synchronousModeIsChosenByThePropertyAndAnythingElseIsRefused() {
        try {
            System.setProperty(LaneDatabase.SYNCHRONOUS_PROPERTY, "FULL");
            try (LaneDatabase db = LaneDatabase.open(dataDir.resolve("full.db"), null)) {
                assertEquals("2", db.write("read synchronous", s -> {
                    try (ResultSet rs = s.prepare("PRAGMA synchronous").executeQuery()) {
                        return rs.getString(1);
                    }
                }));
            }
            System.setProperty(LaneDatabase.SYNCHRONOUS_PROPERTY, "OFF");
            StoreException e = assertThrows(StoreException.class,
                    () -> LaneDatabase.open(dataDir.resolve("off.db"), null).close());
            assertTrue(e.getMessage().contains(LaneDatabase.SYNCHRONOUS_PROPERTY + "=OFF"), e.getMessage());
        } finally {
            System.clearProperty(LaneDatabase.SYNCHRONOUS_PROPERTY);
        }
    }

    /** Verifies that reopening an existing file applies no migration twice and keeps the data. */
    @Test
    void reopeningKeepsDataAndAppliesNothingTwice() throws SQLException {
        PassageRecord entry = Rows.entry("粤B12345", T0);
        try (AgentStore store = AgentStore.open(dataDir, Rows.LANE, clock)) {
            store.recordEntry(entry);
        }
        clock.advance(java.time.Duration.ofHours(1));
        try (AgentStore store = AgentStore.open(dataDir, Rows.LANE, clock)) {
            assertEquals(7, store.schemaVersion());
            assertTrue(store.passage(entry.eventId()).isPresent());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("north-in/lane.db"))) {
            assertEquals("7", single(c, "SELECT COUNT(*) FROM flyway_schema_history"));
        }
    }

    /**
     * Verifies that a lane file the runner before Flyway made (its {@code schema_version} at 3) is baselined there:
     * its rows are kept and only the later scripts run.
     */
    @Test
    void aFileFromTheRunnerBeforeFlywayIsBaselined() throws Exception {
        Path file = dataDir.resolve("north-in/lane.db");
        Files.createDirectories(file.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script TEXT NOT NULL, "
                    + "checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            String[] old = {"V1__registry_cache.sql", "V2__stays_and_register.sql", "V3__alarms.sql"};
            for (int i = 0; i < old.length; i++) {
                String sql = new String(getClass().getClassLoader().getResourceAsStream("db/agent/" + old[i])
                        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                for (String statement : sql.split(";\\s*\\n")) {
                    if (!statement.replaceAll("(?m)^\\s*--.*$", "").isBlank()) {
                        s.execute(statement);
                    }
                }
                s.execute("INSERT INTO schema_version VALUES (" + (i + 1) + ", '" + old[i] + "', 'x', 0)");
            }
        }
        PassageRecord entry = Rows.entry("粤B12345", T0);
        try (AgentStore store = AgentStore.open(dataDir, Rows.LANE, clock)) {
            assertEquals(7, store.schemaVersion());
            store.recordEntry(entry);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(List.of("3|BASELINE", "4|SQL", "5|SQL", "6|SQL", "7|SQL"),
                    column(c, "SELECT version || '|' || type FROM flyway_schema_history ORDER BY installed_rank"));
        }
    }

    /** Verifies that a second store on the same lane file is refused while the first is open, and allowed after. */
    @Test
    void oneOwnerPerFile() {
        AgentStore first = AgentStore.open(dataDir, Rows.LANE, clock);
        StoreException e = assertThrows(StoreException.class, () -> AgentStore.open(dataDir, Rows.LANE, clock));
        assertTrue(e.getMessage().contains("already open"), e.getMessage());
        try (AgentStore other = AgentStore.open(dataDir, "south-out", clock)) {
            assertEquals("south-out", other.laneId());
        }
        first.close();
        AgentStore.open(dataDir, Rows.LANE, clock).close();
    }

    /** Verifies that a lane id that is not a safe directory name is refused with the rule it broke. */
    @Test
    void refusesUnsafeLaneIds() {
        for (String bad : new String[] {"", "../etc", "north in", "-x", "a/b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AgentStore.open(dataDir, bad, clock), bad);
            assertTrue(e.getMessage().contains("lane id"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> AgentStore.open(dataDir, null, clock));
    }

    /** Verifies that a checkpoint copies the committed WAL frames into the database file. */
    @Test
    void checkpointCopiesTheWal() {
        try (AgentStore store = AgentStore.open(dataDir, Rows.LANE, clock)) {
            for (int i = 0; i < 50; i++) {
                store.recordEntry(Rows.entry("粤B1000" + (i % 10), T0.plusSeconds(i)));
            }
            CheckpointResult r = store.checkpoint();
            assertFalse(r.busy());
            assertTrue(r.walFrames() > 0, r.toString());
            assertEquals(r.walFrames(), r.checkpointedFrames());
        }
    }

    /** Verifies that a closed store refuses work with a message instead of touching a closed connection. */
    @Test
    void closedStoreSaysSo() {
        AgentStore store = AgentStore.open(dataDir, Rows.LANE, clock);
        store.close();
        store.close();
        StoreException e = assertThrows(StoreException.class, () -> store.recordEntry(Rows.entry("粤B12345", T0)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(StoreException.class, store::checkpoint);
    }

    /** Verifies that reads on other threads see committed writes while the writer keeps writing. */
    @Test
    void readersRunBesideTheWriter() throws Exception {
        try (AgentStore store = AgentStore.open(dataDir, Rows.LANE, clock)) {
            List<Throwable> failures = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try {
                    int last = 0;
                    for (int i = 0; i < 200; i++) {
                        int n = store.openStays().size();
                        if (n < last) {
                            throw new AssertionError("open stays went from " + last + " to " + n);
                        }
                        last = n;
                    }
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                }
            });
            reader.start();
            for (int i = 0; i < 200; i++) {
                store.recordEntry(Rows.entry("粤B" + (10000 + i), T0.plusSeconds(i)));
            }
            reader.join(30_000);
            assertFalse(reader.isAlive());
            assertEquals(List.of(), failures);
            assertEquals(200, store.openStays().size());
        }
    }

    /** Verifies that checkpoints running beside the writer neither block nor lose its writes. */
    @Test
    void checkpointsRunBesideTheWriter() throws Exception {
        try (AgentStore store = AgentStore.open(dataDir, Rows.LANE, clock)) {
            List<Throwable> failures = new ArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread checkpointer = new Thread(() -> {
                try {
                    while (writing.get()) {
                        store.checkpoint();
                    }
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                }
            });
            checkpointer.start();
            List<String> ids = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    ids.add(store.recordEntry(Rows.entry("粤B" + (20000 + i), T0.plusSeconds(i))).eventId());
                }
            } finally {
                writing.set(false);
                checkpointer.join(30_000);
            }
            assertEquals(List.of(), failures);
            for (String id : ids) {
                assertTrue(store.passage(id).isPresent(), id);
            }
        }
    }

    /** Verifies that a file that is not a SQLite database is refused with its path, not used or overwritten. */
    @Test
    void refusesAFileThatIsNotADatabase() throws Exception {
        Path file = dataDir.resolve("north-in").resolve("lane.db");
        Files.createDirectories(file.getParent());
        byte[] junk = "this is not a database, it is a shift report\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, junk);
        StoreException e = assertThrows(StoreException.class, () -> AgentStore.open(dataDir, Rows.LANE, clock));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(java.util.Arrays.equals(junk, Files.readAllBytes(file)), "file left as it was");
        AgentStore.open(dataDir, "south-out", clock).close(); // the failed open released its lock and connections
    }

    /** Verifies that a damaged value in a row is reported with its column instead of being misread. */
    @Test
    void damagedRowIsReportedWithItsColumn() throws SQLException {
        try (AgentStore store = AgentStore.open(dataDir, Rows.LANE, clock)) {
            store.recordEntry(Rows.entry("粤B12345", T0));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                 Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE stays SET payer = 'FRIEND_OF_THE_GUARD'");
            }
            StoreException e = assertThrows(StoreException.class, store::openStays);
            assertTrue(e.getMessage().contains("list open stays failed")
                    && e.getMessage().contains("column payer holds 'FRIEND_OF_THE_GUARD'"), e.getMessage());
        }
    }

    static String single(Connection c, String sql) throws SQLException {
        List<String> values = column(c, sql);
        return values.isEmpty() ? null : values.get(0);
    }

    static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
