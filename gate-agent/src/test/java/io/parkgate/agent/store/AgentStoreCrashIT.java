package io.parkgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.config.Direction;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.tariff.PayerCategory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while the lane writes: a child JVM ({@link CrashingLaneMain}) records passages in a tight
 * loop and prints each id after the store call returned; the test kills it with SIGKILL mid-stream,
 * reopens the file and checks that nothing it printed was lost and nothing is half-written — passages,
 * stays, payments, and the registry it was reloading meanwhile.
 */
class AgentStoreCrashIT {

    private static final String LANE = "east-out";

    @TempDir
    Path dataDir;

    /** Verifies that every passage committed before a SIGKILL is in the reopened database, which is intact. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void killedLaneLosesNoCommittedPassage() throws Exception {
        Printed printed = new Printed();
        int[] killAfterLines = {900, 1_700};
        for (int round = 0; round < killAfterLines.length; round++) {
            runAndKill(round, killAfterLines[round], printed);
            Path wal = dataDir.resolve(LANE).resolve("lane.db-wal");
            assertTrue(Files.size(wal) > 0, "the kill left committed frames in the WAL to recover");
            assertIntact(printed);
        }
        try (AgentStore store = AgentStore.open(dataDir, LANE, Clock.systemUTC())) {
            PassageRecord after = store.recordEntry(new PassageRecord(Rows.id(), LANE, Direction.IN, "粤B1", null,
                    null, Instant.parse("2026-11-22T01:00:00Z"), null, null, DecisionCode.TEMPORARY, Verdict.OPEN, null,
                    MatchKind.NONE, null, PayerCategory.TEMPORARY, 0, Payment.none(), null, null, null, null));
            assertTrue(store.passage(after.eventId()).isPresent(), "the recovered store takes new passages");
        }
    }

    private void runAndKill(int round, int killAfterLines, Printed printed) throws IOException, InterruptedException {
        Path stderr = dataDir.resolve("child-" + round + ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xshare:off", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), CrashingLaneMain.class.getName(),
                dataDir.toString(), LANE, String.valueOf(10_000 + 100_000 * round))
                .redirectError(stderr.toFile())
                .start();
        int lines = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (lines++ == killAfterLines) {
                    // SIGKILL mid-write: no shutdown hook, no close. Through the handle, which (unlike
                    // Process.destroyForcibly) leaves the pipe open to read what the child printed before.
                    child.toHandle().destroyForcibly();
                }
                printed.add(line);
            }
        } finally {
            child.destroyForcibly();
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        assertTrue(lines > killAfterLines, "child stopped after " + lines + " lines, exit " + child.exitValue()
                + ": " + Files.readString(stderr));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        System.out.printf("round %d: killed after %d lines, %d read in all, registry v%d%n", round, killAfterLines,
                lines, printed.registryVersion);
    }

    private void assertIntact(Printed printed) throws SQLException {
        Path file = dataDir.resolve(LANE).resolve("lane.db");
        try (AgentStore store = AgentStore.open(dataDir, LANE, Clock.systemUTC())) {
            for (String id : printed.entries) {
                PassageRecord row = store.passage(id).orElse(null);
                assertTrue(row != null && row.direction() == Direction.IN, "committed entry " + id + " lost");
            }
            Set<String> open = store.openStays().stream().map(StayRecord::entryEventId).collect(Collectors.toSet());
            for (Map.Entry<String, String> exit : printed.exits.entrySet()) {
                PassageRecord row = store.passage(exit.getKey()).orElse(null);
                assertTrue(row != null && exit.getValue().equals(row.entryEventId()), "committed exit " + exit
                        + " lost");
                assertFalse(open.contains(exit.getValue()), "stay " + exit.getValue() + " still open after its exit");
            }
            for (Map.Entry<String, String> paid : printed.receipts.entrySet()) {
                assertEquals(paid.getValue(), store.passage(paid.getKey()).orElseThrow().payment().receiptNo(),
                        "committed payment of " + paid.getKey());
            }
            RegistrySnapshot registry = store.loadRegistry();
            assertTrue(registry.version() >= printed.registryVersion, "committed registry v" + printed.registryVersion
                    + " lost: the store holds v" + registry.version());
            assertEquals(CrashingLaneMain.registry(registry.version()), registry, "registry v" + registry.version()
                    + " is exactly what that snapshot held, not a mix");
            String next = store.nextReceiptNumber();
            assertFalse(printed.receipts.containsValue(next), "receipt " + next + " issued twice");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(List.of("ok"), AgentStoreTest.column(c, "PRAGMA integrity_check"));
            // every entry row has its stay and every stay its entry row, with the same plate and time
            assertEquals("0", AgentStoreTest.single(c, "SELECT COUNT(*) FROM passages p WHERE direction = 'IN' "
                    + "AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.entry_event_id = p.event_id "
                    + "AND s.plate = p.plate AND s.entry_time = p.entry_time)"));
            assertEquals("0", AgentStoreTest.single(c, "SELECT COUNT(*) FROM stays s WHERE NOT EXISTS "
                    + "(SELECT 1 FROM passages p WHERE p.event_id = s.entry_event_id AND p.direction = 'IN')"));
            // a stay is closed exactly when an exit row closed it, and open stays are complete rows
            assertEquals("0", AgentStoreTest.single(c, "SELECT COUNT(*) FROM stays s WHERE (s.closed_at IS NULL) "
                    + "<> NOT EXISTS (SELECT 1 FROM passages p WHERE p.event_id = s.exit_event_id "
                    + "AND p.entry_event_id = s.entry_event_id AND p.exit_time = s.closed_at)"));
            assertEquals("0", AgentStoreTest.single(c, "SELECT COUNT(*) FROM stays WHERE closed_at IS NULL AND "
                    + "(plate IS NULL OR payer IS NULL OR entry_time IS NULL OR exit_event_id IS NOT NULL)"));
        }
    }

    /** What the children printed, i.e. what was committed. */
    private static final class Printed {
        final Set<String> entries = new HashSet<>();
        final Map<String, String> exits = new HashMap<>();
        final Map<String, String> receipts = new HashMap<>();
        final List<String> unexpected = new ArrayList<>();
        long registryVersion;

        void add(String line) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "IN" -> entries.add(f[1]);
                case "OUT" -> exits.put(f[1], f[2]);
                case "PAID" -> receipts.put(f[1], f[2]);
                case "REG" -> registryVersion = Math.max(registryVersion, Long.parseLong(f[1]));
                case "READY" -> { }
                default -> unexpected.add(line);
            }
            assertEquals(List.of(), unexpected, "unexpected child output");
        }
    }
}
