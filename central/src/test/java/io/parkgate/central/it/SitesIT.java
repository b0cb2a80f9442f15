package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.testing.BareMqtt;
import io.parkgate.config.Direction;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.PaymentMethod;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One central serving two compounds, north and south, whose lanes have the same ids ({@code in-1}, {@code out-1}):
 * through real MQTT (the embedded broker, real agents) and real HTTP, every record stays its own site's, a lane of
 * one site can neither write nor read the other's, a user's roles hold at the sites granted only, and the group
 * manager's cross-site report is the sum of the per-site ones.
 */
@ExtendWith(VertxExtension.class)
class SitesIT {

    static final String NORTH = "north";
    static final String SOUTH = "south";
    static final String IN = "in-1";
    static final String OUT = "out-1";
    static final String BOSS = "boss";
    static final String BOSS_PW = "boss-password";

    @TempDir
    Path dir;

    /** Central for north and south; the first manager is the group's. */
    private static final class Group implements AutoCloseable {
        final Central central;
        final Api api;
        final String boss;

        Group(Vertx vertx, Path dir) throws Exception {
            CentralConfig cfg = CentralConfig.defaults(NORTH, dir, lanes(NORTH),
                            new CentralConfig.Credentials(BOSS, BOSS_PW)).withTariff(CentralFixture.TARIFF)
                    .withDatabase(io.parkgate.central.db.TestDatabases.target(dir, "central.db"))
                    .withMoreSites(List.of(new CentralConfig.SiteSettings(SOUTH, ZoneId.of("Asia/Shanghai"),
                            lanes(SOUTH), CentralFixture.TARIFF, 0)));
            central = Central.start(vertx, cfg, Clock.systemUTC());
            api = new Api(central.httpPort());
            boss = api.login(BOSS, BOSS_PW);
        }

        /** A user with a role at a site ("*": every site); returns their token. */
        String user(String name, String site, String role) {
            api.ok("POST", "/api/users", boss, new JsonObject().put("username", name).put("site", site)
                    .put("role", role).put("password", name + "-password"));
            return api.login(name, name + "-password");
        }

        TestAgent agent(String site, String lane, Path agentDir) {
            return new TestAgent(List.of(central.brokerUrl()), site, lane,
                    io.parkgate.central.mqtt.LaneAcl.laneUser(site, lane), password(site, lane), secret(site, lane),
                    agentDir, Clock.systemUTC(), 0);
        }

        JsonArray passages(String token, String query) {
            return api.ok("GET", "/api/passages?" + query, token, null).array();
        }

        @Override
        public void close() {
            central.close();
        }
    }

    static List<LaneDefinition> lanes(String site) {
        return List.of(new LaneDefinition(IN, site + "-gate", Direction.IN, password(site, IN), secret(site, IN)),
                new LaneDefinition(OUT, site + "-gate", Direction.OUT, password(site, OUT), secret(site, OUT)));
    }

    static String password(String site, String lane) {
        return site + "-" + lane + "-password";
    }

    static String secret(String site, String lane) {
        return site + "-" + lane + "-command-secret-0123456789";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static LaneEvent entry(String lane, String plate) {
        return LaneEvent.of(UUID.randomUUID().toString(), lane, EventType.ENTRY, Instant.now(), plate, "TEMPORARY",
                "临时车");
    }

    static LaneEvent paidExit(String lane, String plate, long fen) {
        return new LaneEvent(UUID.randomUUID().toString(), lane, EventType.EXIT, Instant.now(), plate, plate, null,
                95, null, "TEMPORARY", "临时车", fen, PaymentMethod.CASH, null, null, null);
    }

    static LaneEvent held(String lane, String plate) {
        return new LaneEvent(UUID.randomUUID().toString(), lane, EventType.EXCEPTION, Instant.now(), plate, plate,
                null, 91, null, "BLACKLISTED", "黑名单", null, null, null, null, null);
    }

    /**
     * Verifies that the same lane id at two sites makes two lanes: both agents are connected at once, each one's
     * events are stored under its own site, and each receives its own site's registry only.
     */
    @Test
    void sameLaneIdAtTwoSitesIsTwoLanes(Vertx vertx) throws Exception {
        try (Group g = new Group(vertx, dir)) {
            g.api.ok("PUT", "/api/registry?site=" + NORTH, g.boss, Scenarios.vehicle("粤B11111"));
            g.api.ok("PUT", "/api/registry?site=" + SOUTH, g.boss, Scenarios.vehicle("粤B22222"));
            try (TestAgent north = g.agent(NORTH, IN, dir.resolve("north-in"));
                 TestAgent south = g.agent(SOUTH, IN, dir.resolve("south-in"))) {
                Await.until(Duration.ofSeconds(15), "both registries at their agents",
                        () -> north.vehicles.containsKey("粤B11111") && south.vehicles.containsKey("粤B22222"));
                north.uplink.publish(entry(IN, "粤N00001"));
                south.uplink.publish(entry(IN, "粤S00001"));
                Await.until(Duration.ofSeconds(15), "both entries stored",
                        () -> g.passages(g.boss, "site=" + NORTH).size() == 1
                                && g.passages(g.boss, "site=" + SOUTH).size() == 1);
                assertEquals("粤N00001", g.passages(g.boss, "site=" + NORTH).getJsonObject(0).getString("plate"));
                assertEquals("粤S00001", g.passages(g.boss, "site=" + SOUTH).getJsonObject(0).getString("plate"));
                // A delta of one site's registry reaches its agents, not the other's.
                long v = g.api.ok("PUT", "/api/registry?site=" + SOUTH, g.boss, Scenarios.vehicle("粤B33333")).json()
                        .getLong("version");
                Await.until(Duration.ofSeconds(10), "delta at south", () -> south.version == v);
                assertTrue(north.uplink.connectedBroker() != null && south.uplink.connectedBroker() != null,
                        "both lanes stay connected");
                assertFalse(north.vehicles.containsKey("粤B22222") || north.vehicles.containsKey("粤B33333"),
                        "north's agent got south's registry: " + north.vehicles.keySet());
                assertFalse(south.vehicles.containsKey("粤B11111"), "south's agent got north's registry");
                JsonArray lanes = g.api.ok("GET", "/api/lanes?site=" + SOUTH, g.boss, null).array();
                assertEquals(2, lanes.size(), lanes.encode());
                // Central's meters count each site's passages under its own site tag.
                north.uplink.publish(entry(IN, "粤N00002"));
                Await.until(Duration.ofSeconds(15), "north's second entry counted",
                        () -> g.central.meters().scrape().contains(
                                "parking_central_passages_ingested_total{site=\"north\"} 2.0"));
                String meters = g.central.meters().scrape();
                assertTrue(meters.contains("parking_central_passages_ingested_total{site=\"south\"} 1.0"), meters);
                assertTrue(meters.contains("parking_central_events_committed_total{site=\"north\",type=\"ENTRY\"} 2.0"),
                        meters);
                assertTrue(meters.contains("parking_central_events_committed_total{site=\"south\",type=\"ENTRY\"} 1.0"),
                        meters);
                assertTrue(meters.contains("parking_central_ingest_lag_seconds_count{site=\"south\"} 1"), meters);
            }
        }
    }

    /**
     * Verifies that a lane of north can neither read south's registry and commands nor publish on south's topics
     * (the broker refuses it and nothing is stored at south), and that the plain lane id, which both sites have,
     * logs in nowhere.
     */
    @Test
    void laneOfOneSiteCannotWriteTheOthers(Vertx vertx) throws Exception {
        try (Group g = new Group(vertx, dir)) {
            assertThrows(MqttException.class, () -> connect(g.central.brokerUrl(), IN, password(NORTH, IN)),
                    "the lane id alone is ambiguous between north and south");
            assertThrows(MqttException.class, () -> connect(g.central.brokerUrl(),
                    io.parkgate.central.mqtt.LaneAcl.laneUser(SOUTH, IN), password(NORTH, IN)),
                    "north's password is not south's lane's");
            String user = io.parkgate.central.mqtt.LaneAcl.laneUser(NORTH, IN);
            MqttClient c = connect(g.central.brokerUrl(), user, password(NORTH, IN));
            // Reading: south's registry broadcast and south's in-1 commands are not north's in-1's to read.
            List<String> own = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<String> overheard = new java.util.concurrent.CopyOnWriteArrayList<>();
            c.subscribe(new Topics(NORTH).registryBroadcast(), 1, (topic, m) -> own.add(topic));
            for (String foreign : List.of(new Topics(SOUTH).registryBroadcast(),
                    new Topics(SOUTH).lane(IN, Topics.Channel.CMD))) {
                try {
                    c.subscribe(foreign, 1, (topic, m) -> overheard.add(topic));
                } catch (MqttException e) {
                    assertEquals(128, e.getReasonCode(), e.toString()); // refused outright: also fine
                }
            }
            g.api.ok("PUT", "/api/registry?site=" + SOUTH, g.boss, Scenarios.vehicle("粤B55555"));
            g.api.ok("POST", "/api/lanes/" + IN + "/open?site=" + SOUTH, g.boss, new JsonObject().put("reason", "测试"));
            g.api.ok("PUT", "/api/registry?site=" + NORTH, g.boss, Scenarios.vehicle("粤B66666"));
            Await.until(Duration.ofSeconds(10), "north's own registry delta", () -> !own.isEmpty());
            assertTrue(overheard.isEmpty(), "north's lane read south's topics: " + overheard);
            BareMqtt.publishQuietly(c, new Topics(SOUTH).lane(IN, Topics.Channel.EVENT),
                    MessageCodec.encode(entry(IN, "粤X00001")));
            if (!c.isConnected()) {
                c = connect(g.central.brokerUrl(), user, password(NORTH, IN));
            }
            BareMqtt.publishQuietly(c, new Topics(NORTH).lane(IN, Topics.Channel.EVENT),
                    MessageCodec.encode(entry(IN, "粤X00002")));
            Await.until(Duration.ofSeconds(10), "own event stored at north",
                    () -> g.passages(g.boss, "site=" + NORTH + "&plate=" + enc("粤X00002")).size() == 1);
            assertEquals(0, g.passages(g.boss, "site=" + SOUTH).size(), "north's lane wrote at south");
            assertEquals(0, g.passages(g.boss, "site=" + NORTH + "&plate=" + enc("粤X00001")).size());
            c.disconnectForcibly(0, 1000);
            c.close();
        }
    }

    /**
     * Verifies that a supervisor of north gets 403 for each of claiming, resolving and reading south's case by its
     * id, for manually opening south's lane and for changing south's registry, and that the case is unchanged;
     * an attendant of north sees none of south's passages, whichever way asked.
     */
    @Test
    void rolesHoldAtTheirOwnSiteOnly(Vertx vertx) throws Exception {
        try (Group g = new Group(vertx, dir)) {
            String supNorth = g.user("li", NORTH, "SUPERVISOR");
            String attNorth = g.user("wang", NORTH, "ATTENDANT");
            String mgrNorth = g.user("zhao", NORTH, "MANAGER");
            try (TestAgent south = g.agent(SOUTH, OUT, dir.resolve("south-out"));
                 TestAgent north = g.agent(NORTH, IN, dir.resolve("north-in"))) {
                LaneEvent held = held(OUT, "粤S99999");
                south.uplink.publish(held);
                south.uplink.publish(entry(OUT, "粤S88888"));
                north.uplink.publish(entry(IN, "粤N77777"));
                String id = "X-" + held.eventId();
                Await.until(Duration.ofSeconds(15), "south's case and north's entry stored",
                        () -> g.api.call("GET", "/api/exceptions/" + id, g.boss, null).status() == 200
                                && g.passages(g.boss, "site=" + NORTH).size() == 1);

                Api.Response claim = g.api.call("POST", "/api/exceptions/" + id + "/claim", supNorth, null);
                assertEquals(403, claim.status(), claim.body());
                assertTrue(claim.json().getString("message").startsWith("SITE_FORBIDDEN"), claim.body());
                JsonObject resolution = new JsonObject().put("feeFen", 0).put("feeAction", "WAIVE")
                        .put("waiveReason", "x").put("outcome", "放行");
                assertEquals(403, g.api.call("POST", "/api/exceptions/" + id + "/resolve", supNorth, resolution)
                        .status());
                assertEquals(403, g.api.call("POST", "/api/exceptions/" + id + "/correct-plate", supNorth,
                        new JsonObject().put("plate", "粤S99998")).status());
                assertEquals(403, g.api.call("GET", "/api/exceptions/" + id, supNorth, null).status());
                JsonObject after = g.api.ok("GET", "/api/exceptions/" + id, g.boss, null).json();
                assertEquals("OPEN", after.getString("status"), after.encode());
                assertNull(after.getString("claimedBy"));
                // Lists: north's supervisor sees north's queue only; asking for south's is refused.
                assertEquals(0, g.api.ok("GET", "/api/exceptions", supNorth, null).array().size());
                assertEquals(403, g.api.call("GET", "/api/exceptions?site=" + SOUTH, supNorth, null).status());
                // Manual open of south's lane (the same lane id north has) and south's registry.
                assertEquals(403, g.api.call("POST", "/api/lanes/" + OUT + "/open?site=" + SOUTH, supNorth,
                        new JsonObject().put("reason", "测试")).status());
                assertEquals(403, g.api.call("PUT", "/api/registry?site=" + SOUTH, mgrNorth,
                        Scenarios.vehicle("粤B44444")).status());
                assertEquals(0, g.api.ok("GET", "/api/registry?site=" + SOUTH, g.boss, null).json()
                        .getJsonArray("vehicles").size(), "north's manager changed south's registry");
                assertTrue(south.commands.isEmpty(), "a command reached south's lane: " + south.commands);

                // The attendant of north: north's rows only, and south's refused outright.
                JsonArray seen = g.passages(attNorth, "limit=1000");
                assertEquals(1, seen.size(), seen.encode());
                assertEquals("粤N77777", seen.getJsonObject(0).getString("plate"));
                assertEquals(403, g.api.call("GET", "/api/passages?site=" + SOUTH, attNorth, null).status());
                assertEquals(403, g.api.call("GET", "/api/register.csv?site=" + SOUTH, attNorth, null).status());
                String csv = g.api.ok("GET", "/api/passages.csv", attNorth, null).body();
                assertFalse(csv.contains("粤S"), csv);
                assertEquals(403, g.api.call("GET", "/api/notes?site=" + SOUTH, attNorth, null).status());

                // South's own supervisor resolves it, and the release reaches south's lane.
                String supSouth = g.user("chen", SOUTH, "SUPERVISOR");
                g.api.ok("POST", "/api/exceptions/" + id + "/claim", supSouth, null);
                g.api.ok("POST", "/api/exceptions/" + id + "/resolve", supSouth, resolution);
                Await.until(Duration.ofSeconds(10), "release at south's lane", () -> !south.commands.isEmpty());
                assertTrue(north.commands.isEmpty(), "north's lane of another id got south's release");
            }
        }
    }

    /**
     * Verifies that a user with roles at two sites acts at each with that site's role, that the console is told
     * the sites to switch between, and that a site's manager cannot grant roles at another site.
     */
    @Test
    void rolesDifferPerSite(Vertx vertx) throws Exception {
        try (Group g = new Group(vertx, dir)) {
            g.user("li", NORTH, "SUPERVISOR");
            g.api.ok("POST", "/api/users/li/grants", g.boss, new JsonObject().put("site", SOUTH)
                    .put("role", "ATTENDANT"));
            String li = g.api.login("li", "li-password"); // a change of roles signs the user out
            JsonObject me = g.api.ok("GET", "/api/me?site=" + SOUTH, li, null).json();
            assertEquals(new JsonArray().add(NORTH).add(SOUTH), me.getJsonArray("sites"));
            assertEquals("ATTENDANT", me.getString("role"));
            assertEquals("SUPERVISOR", g.api.ok("GET", "/api/me?site=" + NORTH, li, null).json().getString("role"));
            // Without naming a site, a user of two sites must say which.
            assertEquals(400, g.api.call("GET", "/api/passages", li, null).status());
            assertEquals(403, g.api.call("POST", "/api/lanes/" + IN + "/open?site=" + SOUTH, li,
                    new JsonObject().put("reason", "测试")).status(), "an attendant at south");
            g.api.ok("POST", "/api/lanes/" + IN + "/open?site=" + NORTH, li, new JsonObject().put("reason", "测试"));

            String mgrNorth = g.user("zhao", NORTH, "MANAGER");
            assertEquals(403, g.api.call("POST", "/api/users/li/grants", mgrNorth, new JsonObject()
                    .put("site", SOUTH).put("role", "MANAGER")).status());
            assertEquals(403, g.api.call("POST", "/api/users", mgrNorth, new JsonObject().put("username", "x1")
                    .put("site", "*").put("role", "MANAGER").put("password", "x1-password-long")).status());
            assertEquals(403, g.api.call("POST", "/api/users/li/disable", mgrNorth, null).status(),
                    "li holds a role at south too, which zhao does not manage");
            JsonArray northUsers = g.api.ok("GET", "/api/users", mgrNorth, null).array();
            assertTrue(northUsers.encode().contains("\"li\""), northUsers.encode());
        }
    }

    /**
     * Verifies that the group manager's cross-site takings are one row per site and a total equal to the sum of the
     * per-site reports, in fen; a site's supervisor gets their site's row and not the cross-site report.
     */
    @Test
    void crossSiteReportIsTheSumOfThePerSiteReports(Vertx vertx) throws Exception {
        try (Group g = new Group(vertx, dir)) {
            Instant from = Instant.now().minus(Duration.ofHours(1));
            try (TestAgent north = g.agent(NORTH, OUT, dir.resolve("north-out"));
                 TestAgent south = g.agent(SOUTH, OUT, dir.resolve("south-out"))) {
                north.uplink.publish(paidExit(OUT, "粤N10001", 500));
                north.uplink.publish(paidExit(OUT, "粤N10002", 800));
                south.uplink.publish(paidExit(OUT, "粤S10001", 1300));
                south.uplink.publish(entry(OUT, "粤S10002"));
                Await.until(Duration.ofSeconds(15), "all stored",
                        () -> g.passages(g.boss, "site=" + NORTH).size() == 2
                                && g.passages(g.boss, "site=" + SOUTH).size() == 2);
            }
            String range = "&from=" + from + "&to=" + Instant.now().plus(Duration.ofHours(1));
            JsonObject all = g.api.ok("GET", "/api/reports/takings?site=*" + range, g.boss, null).json();
            JsonObject n = g.api.ok("GET", "/api/reports/takings?site=" + NORTH + range, g.boss, null).json()
                    .getJsonArray("sites").getJsonObject(0);
            JsonObject s = g.api.ok("GET", "/api/reports/takings?site=" + SOUTH + range, g.boss, null).json()
                    .getJsonArray("sites").getJsonObject(0);
            assertEquals(1300L, n.getLong("laneFeeFen"));
            assertEquals(1300L, s.getLong("laneFeeFen"));
            assertEquals(new JsonArray().add(n).add(s), all.getJsonArray("sites"));
            JsonObject total = all.getJsonObject("total");
            for (String k : List.of("entries", "exits", "exceptions", "laneFeeFen", "deskFen", "exceptionFen",
                    "totalFen")) {
                assertEquals(n.getLong(k) + s.getLong(k), total.getLong(k), k);
            }
            assertEquals(2600L, total.getLong("totalFen"));
            String supNorth = g.user("li", NORTH, "SUPERVISOR");
            assertEquals(1300L, g.api.ok("GET", "/api/reports/takings?site=" + NORTH + range, supNorth, null).json()
                    .getJsonObject("total").getLong("totalFen"));
            assertEquals(403, g.api.call("GET", "/api/reports/takings?site=*" + range, supNorth, null).status());
            assertEquals(403, g.api.call("GET", "/api/reports/takings?site=" + SOUTH + range, supNorth, null)
                    .status());
        }
    }

    /**
     * Verifies that a central of one site started again with a second site file keeps its records and users: the
     * records are the first site's, its users keep their role there only, and the manager it is started with
     * becomes the group's manager (there was none), who reaches the new site too.
     */
    @Test
    void oneSiteCentralBecomesAGroup(Vertx vertx) throws Exception {
        io.parkgate.central.db.DatabaseTarget db = io.parkgate.central.db.TestDatabases.target(dir, "central.db");
        CentralConfig one = CentralConfig.defaults(NORTH, dir, lanes(NORTH), new CentralConfig.Credentials(BOSS,
                BOSS_PW)).withTariff(CentralFixture.TARIFF).withDatabase(db);
        try (Central central = Central.start(vertx, one, Clock.systemUTC())) {
            Api api = new Api(central.httpPort());
            String boss = api.login(BOSS, BOSS_PW);
            assertEquals(NORTH, api.ok("GET", "/api/me", boss, null).json().getString("site"));
            api.ok("POST", "/api/users", boss, new JsonObject().put("username", "li").put("role", "SUPERVISOR")
                    .put("password", "li-password"));
            api.ok("PUT", "/api/registry", boss, Scenarios.vehicle("粤B70001"));
            assertEquals(403, api.call("GET", "/api/passages?site=" + SOUTH, boss, null).status(),
                    "the first manager of one site is that site's");
        }
        CentralConfig group = one.withMoreSites(List.of(new CentralConfig.SiteSettings(SOUTH,
                ZoneId.of("Asia/Shanghai"), lanes(SOUTH), CentralFixture.TARIFF, 0)));
        try (Central central = Central.start(vertx, group, Clock.systemUTC())) {
            Api api = new Api(central.httpPort());
            String boss = api.login(BOSS, BOSS_PW);
            JsonObject me = api.ok("GET", "/api/me", boss, null).json();
            assertTrue(me.getBoolean("group"), me.encode());
            assertEquals(new JsonArray().add(NORTH).add(SOUTH), me.getJsonArray("sites"));
            assertEquals("粤B70001", api.ok("GET", "/api/registry?site=" + NORTH, boss, null).json()
                    .getJsonArray("vehicles").getJsonObject(0).getString("plate"));
            assertEquals(0, api.ok("GET", "/api/registry?site=" + SOUTH, boss, null).json()
                    .getJsonArray("vehicles").size());
            String li = api.login("li", "li-password");
            assertEquals(200, api.call("GET", "/api/exceptions", li, null).status());
            assertEquals(403, api.call("GET", "/api/exceptions?site=" + SOUTH, li, null).status());
        }
    }

    private static MqttClient connect(String url, String user, String password) throws MqttException {
        return BareMqtt.connect(url, "agent-" + user, user, password);
    }
}
