package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkgate.central.CentralConfig;
import io.parkgate.central.auth.UserService;
import io.parkgate.central.cluster.Cluster;
import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.db.TestPostgres;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.mqtt.LaneAcl;
import io.parkgate.config.Direction;
import io.parkgate.testing.Await;
import io.parkgate.testing.FreePorts;
import io.parkgate.testing.TestMosquitto;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two centrals, each in its own process, on one PostgreSQL database and one Mosquitto (with passwords and
 * central's ACL), reading lane events through a shared subscription: each event is stored once by one of them,
 * a console on either sees them all, a token works on both and a logout on one is refused on the other, and
 * kill -9 of one during traffic loses and doubles nothing while the other goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralCentralsIT {

    private static final String GROUP = "centrals";
    private static final String CENTRAL_PW = "central-password";

    @TempDir
    static Path dir;

    private DatabaseTarget.Postgres db;
    private TestMosquitto mosquitto;
    private String brokerUrl;
    private Instance a;
    private Instance b;

    /** A central process and its ports. */
    private record Instance(Process process, int http, int management, Api api) {
    }

    @BeforeAll
    void start() throws Exception {
        assumeTrue(TestMosquitto.installed(), "mosquitto not installed");
        db = TestPostgres.newDatabase();
        mosquitto = TestMosquitto.with().user("central", CENTRAL_PW).user(CentralFixture.IN, CentralFixture.PASSWORD_IN)
                .user(CentralFixture.OUT, CentralFixture.PASSWORD_OUT)
                .acl(new LaneAcl(new Topics(CentralFixture.SITE), "central").mosquittoAcl())
                .line("max_inflight_messages 1000").start(dir.resolve("mosquitto"));
        brokerUrl = mosquitto.url();
        // Both at once on the empty database: both migrate it and make sure of the first manager.
        a = startCentral("a");
        b = startCentral("b");
        awaitUp(a, "a");
        awaitUp(b, "b");
    }

    @AfterAll
    void stop() throws Exception {
        for (Instance c : new Instance[] {a, b}) {
            if (c != null) {
                c.process().destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /**
     * Verifies that events are shared between both centrals, each stored once and acknowledged, and that a console
     * on B sees the passages A stored.
     */
    @Test
    @Order(1)
    void eventsAreSharedStoredOnceAndShownOnEitherConsole() throws Exception {
        String token = b.api().login(CentralFixture.MANAGER, CentralFixture.MANAGER_PW);
        Set<String> shownOnB = ConcurrentHashMap.newKeySet();
        HttpClient http = HttpClient.newHttpClient();
        var feed = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.http()
                + "/console/live?token=" + token)).build(), HttpResponse.BodyHandlers.ofLines());
        var lines = feed.get(30, TimeUnit.SECONDS).body();
        Thread reader = new Thread(() -> lines.filter(l -> l.startsWith("data:") && l.contains("SC"))
                .forEach(l -> shownOnB.add(l.replaceAll(".*\"plate\":\"([^\"]+)\".*", "$1"))), "feed-reader");
        reader.setDaemon(true);
        reader.start();
        int n = 300;
        try (TestAgent agent = agent("agent-1")) {
            for (int i = 0; i < n; i++) {
                agent.uplink.publish(entry(String.format("粤SC%04d", i)));
            }
            Await.until(Duration.ofSeconds(60), "every event acknowledged", () -> agent.outbox.unconfirmed() == 0);
        }
        assertEquals(n, count("SELECT count(*) FROM lane_events WHERE plate LIKE '粤SC%'"));
        long byA = ingested(a);
        long byB = ingested(b);
        System.out.printf("%d events: %d stored by central a, %d by central b%n", n, byA, byB);
        assertTrue(byA > 0 && byB > 0, "both centrals took a share: a " + byA + ", b " + byB);
        assertEquals(n, byA + byB, "each event stored by one central");
        assertEquals(0, meter(a, "parking_central_ingest_duplicates_total")
                + meter(b, "parking_central_ingest_duplicates_total"), "each event delivered to one central only");
        Await.until(Duration.ofSeconds(30), "B's console shows every passage, A's too",
                () -> shownOnB.size() >= n);
        feed.cancel(true);
    }

    /** Verifies that a token made on A works on B, and once B logs it out, A refuses it within the bound. */
    @Test
    @Order(2)
    void tokenWorksOnBothAndLogoutOnOneIsSeenByTheOther() {
        String token = a.api().login(CentralFixture.MANAGER, CentralFixture.MANAGER_PW);
        assertEquals(200, a.api().call("GET", "/api/me", token, null).status());
        assertEquals(200, b.api().call("GET", "/api/me", token, null).status(), "B takes A's token");
        b.api().ok("POST", "/api/logout", token, null);
        long loggedOut = System.nanoTime();
        assertEquals(401, b.api().call("GET", "/api/me", token, null).status());
        // The bound is UserService.SESSION_RECHECK; a loaded machine may answer late, never accept later.
        Await.until(UserService.SESSION_RECHECK.plusSeconds(10), "A refuses the token B logged out",
                () -> a.api().call("GET", "/api/me", token, null).status() == 401);
        System.out.printf("logout on b refused on a after %d ms (bound %d ms)%n",
                (System.nanoTime() - loggedOut) / 1_000_000, UserService.SESSION_RECHECK.toMillis());
    }

    /**
     * Verifies that kill -9 of one central during traffic loses and doubles no passage, and the other stores the
     * rest (including what the killed one had taken and not yet acknowledged: the agent sends it again).
     */
    @Test
    @Order(3)
    void killNineOfOneCentralLosesNothing() throws Exception {
        AtomicInteger published = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        long beforeB = ingested(b);
        try (TestAgent agent = agent("agent-2")) {
            Thread traffic = new Thread(() -> {
                for (int i = 0; i < 20_000 && !stop.get(); i++) {
                    agent.uplink.publish(entry(String.format("粤KL%05d", i)));
                    published.incrementAndGet();
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // a lane group's steady traffic
                }
            }, "traffic");
            traffic.start();
            Await.until(Duration.ofSeconds(60), "traffic on both centrals", () -> {
                try {
                    return ingested(a) > 0 && ingested(b) > beforeB && published.get() > 200;
                } catch (Exception e) {
                    return false;
                }
            });
            a.process().destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            int atKill = published.get();
            Await.until(Duration.ofSeconds(60), "more traffic after the kill", () -> published.get() >= atKill + 300);
            stop.set(true);
            traffic.join();
            Await.until(Duration.ofSeconds(90), "every event acknowledged by the central left",
                    () -> agent.outbox.unconfirmed() == 0);
        }
        int total = published.get();
        assertEquals(total, count("SELECT count(*) FROM lane_events WHERE plate LIKE '粤KL%'"), "none lost");
        assertEquals(total, count("SELECT count(DISTINCT plate) FROM lane_events WHERE plate LIKE '粤KL%'"),
                "none doubled");
        System.out.printf("kill -9 of central a during traffic: %d events, all stored once%n", total);
    }

    /**
     * Verifies that the long-stay scan runs on one central of several: two centrals (in this JVM) asked at once,
     * one runs it, one exception is raised; once the one that ran stops, the other takes the job over.
     */
    @Test
    @Order(4)
    void longStayScanRunsOnceAcrossCentrals() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            io.parkgate.central.Central c = inProcess(vertx, "c");
            io.parkgate.central.Central d = inProcess(vertx, "d");
            List<io.parkgate.central.Central> running = new java.util.ArrayList<>(List.of(c, d));
            try {
                String entryId = UUID.randomUUID().toString();
                c.passages().storeAndWait(List.of(LaneEvent.of(entryId, CentralFixture.IN, EventType.ENTRY,
                        Instant.now().minus(Duration.ofDays(8)), "粤LS0001", "TEMPORARY", "临时车入场")));
                var ranOnC = c.jobs().runNow(io.parkgate.central.Central.LONG_STAY_SCAN_JOB);
                var ranOnD = d.jobs().runNow(io.parkgate.central.Central.LONG_STAY_SCAN_JOB);
                boolean onC = ranOnC.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                boolean onD = ranOnD.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                assertTrue(onC ^ onD, "exactly one central ran the scan: c " + onC + ", d " + onD);
                Await.until(Duration.ofSeconds(30), "the long stay reported", () -> count(
                        "SELECT count(*) FROM lane_events WHERE code='LONG_STAY' AND related_id='" + entryId + "'")
                        == 1);
                io.parkgate.central.Central ran = onC ? c : d;
                io.parkgate.central.Central other = onC ? d : c;
                assertEquals(false, other.jobs().runNow(io.parkgate.central.Central.LONG_STAY_SCAN_JOB)
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS), "still held");
                running.remove(ran);
                ran.close(); // a clean stop gives the lease up
                assertEquals(true, other.jobs().runNow(io.parkgate.central.Central.LONG_STAY_SCAN_JOB)
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS), "taken over");
                Await.until(Duration.ofSeconds(30), "scanned again", () -> count(
                        "SELECT count(*) FROM leases WHERE name='long-stay-scan' AND holder='" + (onC ? "d" : "c")
                                + "'") == 1);
                assertEquals(1, count("SELECT count(*) FROM lane_events WHERE code='LONG_STAY' AND related_id='"
                        + entryId + "'"), "scanning again raises no second exception");
            } finally {
                running.forEach(io.parkgate.central.Central::close);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private io.parkgate.central.Central inProcess(Vertx vertx, String instance) throws Exception {
        CentralConfig cfg = CentralConfig.defaults(CentralFixture.SITE, dir.resolve("central-" + instance),
                List.of(new LaneDefinition(CentralFixture.IN, CentralFixture.POST, Direction.IN,
                        CentralFixture.PASSWORD_IN, CentralFixture.SECRET_IN),
                    new LaneDefinition(CentralFixture.OUT, CentralFixture.POST, Direction.OUT,
                        CentralFixture.PASSWORD_OUT, CentralFixture.SECRET_OUT)), null)
                .withExternalBroker(brokerUrl, "central", CENTRAL_PW).withDatabase(db);
        return io.parkgate.central.Central.start(vertx, cfg, Clock.systemUTC(),
                io.parkgate.central.Central.Service.none(), Cluster.several(GROUP, instance));
    }

    private static LaneEvent entry(String plate) {
        return LaneEvent.of(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY, Instant.now(), plate,
                "TEMPORARY", "临时车入场");
    }

    private TestAgent agent(String name) {
        return new TestAgent(brokerUrl, CentralFixture.SITE, CentralFixture.IN, CentralFixture.PASSWORD_IN,
                CentralFixture.SECRET_IN, dir.resolve(name), Clock.systemUTC());
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError("cannot count in the test database: " + e, e);
        }
    }

    /** What a central's meters say it stored (new events). */
    private static long ingested(Instance c) throws Exception {
        return meter(c, "parking_central_passages_ingested_total");
    }

    private static long meter(Instance c, String name) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + c.management() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return r.body().lines().filter(l -> l.startsWith(name))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Starts a central process (without waiting for it: {@link #awaitUp}). */
    private Instance startCentral(String instance) throws Exception {
        int http = FreePorts.take();
        int management = FreePorts.take();
        Path site = dir.resolve("site-" + instance + ".yaml");
        Files.writeString(site, """
                site: { id: %s, name: 花园小区 }
                agents: { dataDir: %s }
                central:
                  mqttUrl: "%s"
                  httpPort: %d
                  database: { url: "%s", user: %s }
                tariff:
                  visitorFreeTime: 2h
                  small: { freeTime: 15min, capPer24h: 3000, day: { from: "07:00", to: "19:00", \
                  firstPeriod: { length: 1h, price: 500 }, laterPeriods: { length: 1h, price: 300 } }, \
                  night: { flat: 1000 } }
                lanes:
                  - { id: %s, name: 北门入口, direction: IN, post: %s, \
                  devices: { io: { transport: "tcp://127.0.0.1:9" }, cardReader: { transport: "tcp://127.0.0.1:7" } } }
                  - { id: %s, name: 北门出口, direction: OUT, post: %s, \
                  devices: { io: { transport: "tcp://127.0.0.1:13" }, \
                  cardReader: { transport: "tcp://127.0.0.1:17" } } }
                """.formatted(CentralFixture.SITE, dir.resolve("agents"), brokerUrl, http, db.jdbcUrl(), db.user(),
                CentralFixture.IN, CentralFixture.POST, CentralFixture.OUT, CentralFixture.POST),
                StandardCharsets.UTF_8);
        Path secrets = dir.resolve("central-" + instance + ".secrets");
        Files.writeString(secrets, String.join("\n", "manager.password=" + CentralFixture.MANAGER_PW,
                "central.mqtt.password=" + CENTRAL_PW, "central.database.password=" + db.password(),
                "lane." + CentralFixture.IN + ".mqtt.password=" + CentralFixture.PASSWORD_IN,
                "lane." + CentralFixture.IN + ".command.secret=" + CentralFixture.SECRET_IN,
                "lane." + CentralFixture.OUT + ".mqtt.password=" + CentralFixture.PASSWORD_OUT,
                "lane." + CentralFixture.OUT + ".command.secret=" + CentralFixture.SECRET_OUT, ""));
        Files.setPosixFilePermissions(secrets, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.parkgate.central.CentralMain", "--config", site.toString(),
                "--data", dir.resolve("central-" + instance).toString(), "--secrets", secrets.toString(),
                "--manager", CentralFixture.MANAGER, "--management-port", Integer.toString(management),
                "--ingest-group", GROUP, "--instance", instance)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("central-" + instance + ".log").toFile())).start();
        return new Instance(p, http, management, new Api(http));
    }

    private void awaitUp(Instance c, String instance) {
        Await.until(Duration.ofSeconds(90), "central " + instance + " up", () -> {
            if (!c.process().isAlive()) {
                throw new AssertionError("central " + instance + " stopped: " + log(instance));
            }
            try {
                return c.api().call("GET", "/api/me", null, null).status() == 401;
            } catch (AssertionError e) {
                return false;
            }
        });
    }

    private String log(String instance) {
        try {
            return Files.readString(dir.resolve("central-" + instance + ".log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }



}
