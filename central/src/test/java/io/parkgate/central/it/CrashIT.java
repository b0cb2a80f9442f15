package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.testing.Await;
import io.parkgate.testing.FreePorts;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Central in its own process, killed with SIGKILL in the middle of a burst of events. */
class CrashIT {

    private static final int MAX_EVENTS = 20_000;

    @TempDir
    Path dir;

    /** Verifies that nothing central acknowledged before kill -9 is lost, and every event ends up stored once. */
    @Test
    void killNineLosesNothingAcknowledged() throws Exception {
        int http = FreePorts.take();
        int mqtt = FreePorts.take();
        Process central = startCentral(http, mqtt);
        Set<String> ackedBeforeKill;
        int total;
        try (TestAgent agent = new TestAgent("tcp://127.0.0.1:" + mqtt, CentralFixture.SITE, CentralFixture.IN,
                CentralFixture.PASSWORD_IN, CentralFixture.SECRET_IN, dir.resolve("agent"), Clock.systemUTC())) {
            AtomicInteger published = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            // Journals until told to stop, so the burst surely spans the kill and the restart.
            Thread burst = new Thread(() -> {
                for (int i = 0; i < MAX_EVENTS && !stop.get(); i++) {
                    agent.uplink.publish(LaneEvent.of(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY,
                            Instant.now(), String.format("粤B%05d", i), "TEMPORARY", "临时车入场"));
                    published.incrementAndGet();
                }
            });
            burst.start();
            Await.until(Duration.ofSeconds(60), "some events acknowledged", () -> confirmed(agent).size() >= 200);
            central.destroyForcibly().waitFor();
            ackedBeforeKill = confirmed(agent);
            int atKill = published.get();
            Await.until(Duration.ofSeconds(60), "more events journalled while central is dead",
                    () -> published.get() >= atKill + 200);
            central = startCentral(http, mqtt);
            Await.until(Duration.ofSeconds(60), "more events after the restart", () -> published.get() >= atKill + 400);
            stop.set(true);
            burst.join();
            total = published.get();
            assertTrue(total < MAX_EVENTS, "the burst ended on its own before the restart; the test proves nothing");
            Await.until(Duration.ofSeconds(90), "all events confirmed after restart", ()
                    -> agent.outbox.unconfirmed() == 0);
        } finally {
            central.destroyForcibly().waitFor();
        }
        Set<String> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("central/central.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT event_id FROM lane_events")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        assertEquals(total, stored.size(), "each event stored exactly once");
        assertTrue(stored.containsAll(ackedBeforeKill), "an acknowledged event was lost");
        System.out.printf("kill -9 after %d acknowledged events; all %d stored once%n", ackedBeforeKill.size(), total);
    }

    private Process startCentral(int http, int mqtt) throws Exception {
        String lane = String.join(":", CentralFixture.IN, CentralFixture.POST, "IN");
        Path secrets = dir.resolve("central.secrets");
        java.nio.file.Files.writeString(secrets, "manager.password=boss-password\nlane." + CentralFixture.IN
                + ".mqtt.password=" + CentralFixture.PASSWORD_IN + "\nlane." + CentralFixture.IN + ".command.secret="
                + CentralFixture.SECRET_IN + "\n");
        java.nio.file.Files.setPosixFilePermissions(secrets,
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.parkgate.central.CentralMain", "--site", CentralFixture.SITE,
                "--data", dir.resolve("central").toString(), "--http-port", Integer.toString(http), "--mqtt-port",
                Integer.toString(mqtt), "--lane", lane, "--manager", "boss", "--secrets", secrets.toString(),
                "--management-port", "-1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("central.log").toFile())).start();
        Api api = new Api(http);
        Await.until(Duration.ofSeconds(60), "central process up", () -> {
            try {
                return api.call("GET", "/api/me", null, null).status() == 401;
            } catch (AssertionError e) {
                return false;
            }
        });
        return p;
    }

    private static Set<String> confirmed(TestAgent agent) {
        Set<String> out = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + agent.outboxFile());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT event_id FROM outbox WHERE confirmed_at IS NOT NULL")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (Exception e) {
            throw new AssertionError("cannot read the agent's outbox: " + e, e);
        }
        return out;
    }
}
