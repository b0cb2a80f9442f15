package io.parkgate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.store.PassageRecord;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.protocol.card.Em4100;
import io.parkgate.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the gate agent with SIGKILL in the middle of a burst of passages, restarts it, and checks that
 * every vehicle the barrier opened for is in the register: the passage is committed before OPEN is
 * written, so no OPEN seen on the wire can lack its record.
 */
class AgentCrashIT {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private ServerSocket ioServer;
    private ServerSocket cardServer;
    private Process agent;

    @AfterEach
    void tearDown() throws IOException {
        if (agent != null) {
            agent.destroyForcibly();
        }
        ioServer.close();
        cardServer.close();
    }

    /** The device side of one agent run: the I/O controller and the card reader it connected to. */
    private record Devices(RecordingIoController io, OutputStream card, Socket ioSocket, Socket cardSocket) {
        void close() throws IOException {
            io.close();
            ioSocket.close();
            cardSocket.close();
        }
    }

    /** An entry lane whose I/O controller and card reader listen here, with {@code residents} registered. */
    private Path entryLane(int residents) throws IOException {
        ioServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        cardServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Path site = LaneRig.writeSite(dir, "lane-1", "IN", "tcp://127.0.0.1:" + ioServer.getLocalPort(),
                "tcp://127.0.0.1:" + cardServer.getLocalPort(), null, "1s");
        LaneRig.seed(SiteConfigLoader.load(site), "lane-1", LaneRig.registry(residents), clock);
        return site;
    }

    private Devices startAgent(Path site) throws Exception {
        return startAgent(site, new boolean[] {false, false, false, true});
    }

    /** @param inputs the loops and limits as the agent's first poll finds them */
    private Devices startAgent(Path site, boolean[] inputs) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-Dsun.jnu.encoding=UTF-8", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                "io.parkgate.agent.app.AgentMain", "--site", site.toString(), "--lane", "lane-1", "--no-central",
                "--metrics-port", "0");
        pb.redirectErrorStream(true);
        agent = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY")) {
            System.out.println("[agent] " + line);
        }
        assertTrue(line != null, "agent exited before it was ready");
        Thread drain = new Thread(() -> {
            try {
                out.lines().forEach(l -> System.out.println("[agent] " + l));
            } catch (java.io.UncheckedIOException killed) {
                // the agent was killed: its output ends here
            }
        });
        drain.setDaemon(true);
        drain.start();
        ioServer.setSoTimeout((int) PATIENCE.toMillis());
        cardServer.setSoTimeout((int) PATIENCE.toMillis());
        Socket io = ioServer.accept();
        Socket card = cardServer.accept();
        return new Devices(new RecordingIoController(1, io.getInputStream(), io.getOutputStream(), inputs),
                card.getOutputStream(), io, card);
    }

    /** Waits until the agent has polled the inputs twice since now, so it has certainly seen them. */
    private static void polled(RecordingIoController io) {
        long since = System.nanoTime();
        Await.until(PATIENCE, "two polls", () -> io.requests(r -> r.function() == 2 && r.nanoTime() > since)
                .size() >= 2);
    }

    private static int opens(RecordingIoController io) {
        return io.requests(r -> r.isCoilOn(0)).size();
    }

    /** Drives resident {@code i} through the lane; returns once the barrier has closed behind it. */
    private static void drive(Devices d, int i) throws IOException {
        int before = opens(d.io());
        d.io().setInputs(true, false, false, true);
        polled(d.io());
        d.card().write(Em4100.encode(LaneRig.card(i)));
        d.card().flush();
        Await.until(PATIENCE, "OPEN for vehicle " + i, () -> opens(d.io()) > before);
        d.io().setInputs(false, true, true, false);
        polled(d.io());
        int closes = d.io().requests(r -> r.isCoilOn(1)).size();
        d.io().setInputs(false, false, true, false);
        Await.until(PATIENCE, "CLOSE after vehicle " + i,
                () -> d.io().requests(r -> r.isCoilOn(1)).size() > closes);
        d.io().setInputs(false, false, false, true);
        polled(d.io());
    }

    /** Verifies that kill -9 mid-burst and a restart keep every committed passage, and the lane works on. */
    @Test
    void killMidBurstKeepsEveryCommittedPassage() throws Exception {
        Path site = entryLane(200);
        SiteConfig config = SiteConfigLoader.load(site);

        Devices first = startAgent(site);
        int killAfter = 8 + new java.util.Random().nextInt(8);
        for (int i = 1; i <= killAfter; i++) {
            drive(first, i);
        }
        // The next vehicle arrives and presents its card; the agent dies as it handles it.
        first.io().setInputs(true, false, false, true);
        polled(first.io());
        first.card().write(Em4100.encode(LaneRig.card(killAfter + 1)));
        first.card().flush();
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        int openedBeforeKill = opens(first.io());
        first.close();

        Set<String> registered = registeredPlates(config);
        for (int i = 1; i <= killAfter; i++) {
            assertTrue(registered.contains(LaneRig.plate(i)), "vehicle " + i + " opened but not registered");
        }
        if (openedBeforeKill > killAfter) {
            assertTrue(registered.contains(LaneRig.plate(killAfter + 1)), "the last OPEN lacks its record");
        }
        assertEquals("ok", integrity(config));

        Devices second = startAgent(site);
        drive(second, 150);
        second.close();
        agent.destroy();
        agent.waitFor(10, TimeUnit.SECONDS);
        assertTrue(registeredPlates(config).contains(LaneRig.plate(150)), "the restarted lane registers again");
    }

    /**
     * Verifies that a vehicle let through just before a kill, found under the raised arm on the safety loop by the
     * restarted agent, crosses as its passage: no tailgating alarm, the arm closes behind it. A car found there with
     * no recent opening (a fresh lane) still raises the alarm.
     */
    @Test
    void aCrossingCutByAKillIsNotTailgating() throws Exception {
        Path site = entryLane(20);
        SiteConfig config = SiteConfigLoader.load(site);
        boolean[] underRaisedArm = {false, true, true, false};

        Devices fresh = startAgent(site, underRaisedArm);
        polled(fresh.io());
        agent.destroy(); // a clean stop: the alarm is in the store before the process ends
        agent.waitFor(10, TimeUnit.SECONDS);
        fresh.close();
        assertEquals(List.of("TAILGATING"), alarmKinds(config), "nobody was let through: a car under the arm");

        Devices first = startAgent(site);
        first.io().setInputs(true, false, false, true);
        polled(first.io());
        first.card().write(Em4100.encode(LaneRig.card(3)));
        first.card().flush();
        Await.until(PATIENCE, "OPEN for vehicle 3", () -> opens(first.io()) > 0);
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        first.close();

        // While no agent runs, vehicle 3 drives onto the safety loop under the arm it was opened for.
        Devices second = startAgent(site, underRaisedArm);
        polled(second.io());
        second.io().setInputs(false, false, true, false);
        Await.until(PATIENCE, "CLOSE behind vehicle 3", () -> second.io().requests(r -> r.isCoilOn(1)).size() > 0);
        agent.destroy();
        agent.waitFor(10, TimeUnit.SECONDS);
        second.close();
        assertEquals(List.of("TAILGATING"), alarmKinds(config), "vehicle 3 crossed as its own passage");
        assertTrue(registeredPlates(config).contains(LaneRig.plate(3)));
    }

    private List<String> alarmKinds(SiteConfig config) {
        try (AgentStore store = AgentStore.openIn(config.agents().dataDir("lane-1"), "lane-1", clock)) {
            return store.alarmsBetween(Instant.EPOCH, Instant.now().plusSeconds(3600)).stream()
                    .map(a -> a.kind().name()).toList();
        }
    }

    private Set<String> registeredPlates(SiteConfig config) {
        try (AgentStore store = AgentStore.openIn(config.agents().dataDir("lane-1"), "lane-1", clock)) {
            List<PassageRecord> rows = new ArrayList<>(store.passagesBetween(Instant.EPOCH,
                    Instant.now().plusSeconds(3600)));
            return rows.stream().map(PassageRecord::plate).collect(Collectors.toSet());
        }
    }

    private String integrity(SiteConfig config) throws Exception {
        Path db = config.agents().dataDir("lane-1").resolve(AgentStore.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
