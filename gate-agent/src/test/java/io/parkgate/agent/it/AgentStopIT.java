package io.parkgate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.testing.Await;
import io.parkgate.testing.ProcessOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent service as its own process (AgentMain), running a lane with a seeded registry, a live I/O
 * controller and a (quiet) card reader, stopped with SIGTERM: every line of its output carries date and time, and none
 * is a warning.
 */
class AgentStopIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aCleanStopLogsNoWarning() throws Exception {
        try (DeviceEndpoint ioEnd = DeviceEndpoint.tcp(); DeviceEndpoint cardEnd = DeviceEndpoint.tcp()) {
            Path site = LaneRig.writeSeededSite(dir, ioEnd, cardEnd);
            Path out = dir.resolve("agent.log");
            Process agent = LaneRig.startAgentProcess(site, out, env -> { });
            try (RecordingIoController io = new RecordingIoController(1, ioEnd.in(), ioEnd.out())) {
                Await.until(WAIT, "READY and polled", () -> ProcessOutput.read(out).contains("READY lane-1")
                        && io.requests().size() >= 5);
                agent.destroy(); // SIGTERM, as systemd stops it
                assertTrue(agent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS),
                        "stopped on SIGTERM:\n" + ProcessOutput.read(out));
            } finally {
                agent.destroyForcibly();
            }
            String text = ProcessOutput.read(out);
            assertTrue(text.contains("lane lane-1: stopping") && text.contains("lane lane-1: stopped"), text);
            assertFalse(text.contains("[WARN]") || text.contains("[ERROR]"), "a warning:\n" + text);
            Pattern stamped = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* \\[\\w+\\] ");
            for (String line : text.lines().toList()) {
                assertTrue(line.startsWith("READY ") || stamped.matcher(line).find(), "no time stamp: " + line);
            }
        }
    }

    /**
     * Verifies that a lane store that is not a database (a disk fault, a file copied over it) stops the agent with
     * one line naming the file and what to do, and the exit status of a damaged store, not a Java stack trace.
     */
    @Test
    void aDamagedLaneStoreIsNamedNotThrown() throws Exception {
        try (DeviceEndpoint ioEnd = DeviceEndpoint.tcp(); DeviceEndpoint cardEnd = DeviceEndpoint.tcp()) {
            Path site = LaneRig.writeSeededSite(dir, ioEnd, cardEnd);
            SiteConfig config = SiteConfigLoader.load(site);
            Path laneDb = config.agents().dataDir("lane-1").resolve("lane.db");
            Files.deleteIfExists(laneDb.resolveSibling("lane.db-wal"));
            Files.deleteIfExists(laneDb.resolveSibling("lane.db-shm"));
            Files.writeString(laneDb, "this was a lane store once; now it is not".repeat(200), StandardCharsets.UTF_8);
            Path out = dir.resolve("agent.log");
            Process agent = LaneRig.startAgentProcess(site, out, env -> { });
            try {
                assertTrue(agent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "stopped:\n" + ProcessOutput.read(out));
            } finally {
                agent.destroyForcibly();
            }
            String text = ProcessOutput.read(out);
            assertEquals(4, agent.exitValue(), text); // AgentMain.EXIT_STORE
            assertTrue(text.contains("parkgate-agent: cannot open lane database " + laneDb) && text.contains(
                    "ove the file and its -wal and -shm files aside"), text);
            assertFalse(text.contains("\tat ") || text.contains("Exception in thread"), "a stack trace:\n" + text);
            assertFalse(text.contains("READY"), text);
        }
    }
}
