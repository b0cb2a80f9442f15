package io.parkgate.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.it.LaneRig;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.config.SecretsException;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as a service: its data directory layout, secrets, seeding and its HTTP port, on real files and HTTP. */
class AgentServiceTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();

    @Test
    void theLaneStoreLivesDirectlyInTheLaneDataDirectory() throws Exception {
        SiteConfig site = site();
        Path laneDir = site.agents().dataDir("lane-1");
        try (GateAgent agent = GateAgent.start(site, site.lane("lane-1").orElseThrow(), clock,
                new GateAgent.Options(laneDir, null, DeviceMetrics.NOOP, LaneListener.NONE))) {
            assertTrue(Files.exists(laneDir.resolve("lane.db")), "lane.db in " + laneDir);
            assertFalse(Files.exists(laneDir.resolve("lane-1")), "no nested lane directory");
        }
    }

    @Test
    void aStoreInTheOldNestedPlaceIsMovedUpWithItsRegistry() throws Exception {
        SiteConfig site = site();
        Path laneDir = site.agents().dataDir("lane-1");
        try (AgentStore old = AgentStore.open(laneDir, "lane-1", clock)) {
            old.replaceRegistry(LaneRig.registry(3));
        }
        try (GateAgent agent = GateAgent.start(site, site.lane("lane-1").orElseThrow(), clock,
                new GateAgent.Options(laneDir, null, DeviceMetrics.NOOP, LaneListener.NONE))) {
            assertEquals(4, agent.registryVehicleCount());
            assertTrue(Files.exists(laneDir.resolve("lane.db")));
        }
    }

    /** Verifies that a move of the old store that fails part-way leaves its database with its WAL, to move again. */
    @Test
    void aStoreMovedOnlyInPartStaysWholeInItsOldPlace() throws Exception {
        Path laneDir = dir.resolve("agents/lane-1");
        Path old = laneDir.resolve("lane-1");
        Files.createDirectories(old);
        Files.writeString(old.resolve("lane.db"), "the database");
        Files.writeString(old.resolve("lane.db-wal"), "its newest commits");
        Files.createDirectories(laneDir.resolve("lane.db-wal").resolve("in-the-way")); // the WAL cannot move

        assertThrows(java.io.UncheckedIOException.class, () -> LaneDataDir.prepare(laneDir, "lane-1"));
        assertTrue(Files.exists(old.resolve("lane.db")), "the database stays with its WAL");
        assertFalse(Files.exists(laneDir.resolve("lane.db")), "no database without its WAL in the new place");

        Files.delete(laneDir.resolve("lane.db-wal").resolve("in-the-way"));
        Files.delete(laneDir.resolve("lane.db-wal"));
        assertEquals(laneDir, LaneDataDir.prepare(laneDir, "lane-1"));
        assertEquals("the database", Files.readString(laneDir.resolve("lane.db")));
        assertEquals("its newest commits", Files.readString(laneDir.resolve("lane.db-wal")));
    }

    @Test
    void secretsFileReadableByOthersIsRefusedNamingTheFix() throws Exception {
        Path f = dir.resolve("lane.secrets");
        Files.writeString(f, "mqtt.password=pw\ncommand.secret=0123456789abcdef0123\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        SecretsException e = assertThrows(SecretsException.class, () -> SecretsFile.load(f, k -> null));
        assertTrue(e.getMessage().contains("chmod 600 " + f), e.getMessage());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertEquals("pw", SecretsFile.load(f, k -> null).required("mqtt.password", "X"));
        SecretsException missing = assertThrows(SecretsException.class,
                () -> SecretsFile.load(dir.resolve("none"), k -> null));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void uplinkTakesSecretsFromFileOrEnvironmentAndNamesWhatIsMissing() throws Exception {
        SiteConfig site = site();
        Path f = dir.resolve("lane.secrets");
        Files.writeString(f, "mqtt.password=pw\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        SecretsException e = assertThrows(SecretsException.class, () -> AgentService.uplink(site,
                site.lane("lane-1").orElseThrow(), dir, SecretsFile.load(f, k -> null), null));
        assertTrue(e.getMessage().contains("command.secret") && e.getMessage().contains("PARKGATE_COMMAND_SECRET"),
                e.getMessage());
        Map<String, String> env = Map.of("PARKGATE_COMMAND_SECRET", "0123456789abcdef0123");
        UplinkConfig c = AgentService.uplink(site, site.lane("lane-1").orElseThrow(), dir,
                SecretsFile.load(f, env::get), null);
        assertEquals("lane-1", c.username());
        assertEquals("pw", c.password());
        assertNull(c.tls());
        assertFalse(c.toString().contains("pw,"), "no password in the logged config");
    }

    @Test
    void residentCsvSeedsOrRejectsTheWholeFile() {
        ResidentCsv.Result ok = ResidentCsv.parse("r.csv", List.of("name,unit,phone,plate,card,passUntil",
                "张三,3-2-1101,138,粤B12345,0E00A35C21,", "李四,1-1-101,139,粤BD12345,,2030-01-31"),
                ZoneId.of("Asia/Shanghai"));
        assertTrue(ok.ok(), ok.problems().toString());
        assertEquals(2, ok.registry().vehicles().size());
        assertEquals(1, ok.registry().cards().size());
        ResidentCsv.Result bad = ResidentCsv.parse("r.csv", List.of("张三,3-2-1101,138,粤B12345,0E00A35C21",
                "李四,,139,粤B12346,", "王五,1-1,1,not-a-plate,", "赵六,1,1,粤B12345,", "钱七,1,1,粤B22222,XYZ"),
                ZoneId.of("Asia/Shanghai"));
        assertNull(bad.registry());
        assertEquals(4, bad.problems().size(), bad.problems().toString());
        assertTrue(bad.problems().get(0).startsWith("r.csv:2:"), bad.problems().get(0));
    }

    @Test
    void metricsHealthAndReadyOverHttp() throws Exception {
        SiteConfig site = site();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.vertx();
        try (GateAgent agent = GateAgent.start(site, site.lane("lane-1").orElseThrow(), clock,
                new GateAgent.Options(site.agents().dataDir("lane-1"), null, DeviceMetrics.NOOP, LaneListener.NONE,
                        null, meters));
             AgentHttp http = AgentHttp.start(vertx, "127.0.0.1", 0, meters, () -> List.of(agent))) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> metrics = get(client, http.port(), "/metrics");
            assertEquals(200, metrics.statusCode());
            for (String meter : List.of("parking_lane_decisions_total", "parking_lane_open_latency_seconds_bucket",
                    "parking_registry_version", "parking_uplink_outbox_depth", "parking_device_state",
                    "parking_device_frames_rejected_total")) {
                assertTrue(metrics.body().contains(meter), meter + " in\n" + metrics.body());
            }
            assertFalse(metrics.body().contains("粤"), "no plate in a tag");
            assertEquals(200, get(client, http.port(), "/health").statusCode());
            HttpResponse<String> ready = get(client, http.port(), "/ready");
            assertEquals(503, ready.statusCode(), "the I/O controller is not connected: " + ready.body());
            assertNotNull(ready.body());
            assertTrue(ready.body().contains("\"lane\":\"lane-1\""), ready.body());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private SiteConfig site() throws Exception {
        // The I/O controller's port is closed: the agent keeps reconnecting in the background.
        Path file = LaneRig.writeSite(dir, "lane-1", "IN", "tcp://127.0.0.1:9", "tcp://127.0.0.1:7", null, "2s");
        return SiteConfigLoader.load(file);
    }
}
