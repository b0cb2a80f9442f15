package io.parkgate.central.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.it.Api;
import io.parkgate.central.it.ArtemisCluster;
import io.parkgate.central.it.TestAgent;
import io.parkgate.central.testing.BareMqtt;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.testing.Await;
import io.parkgate.testing.FreePorts;
import io.parkgate.testing.MosquittoExtension;
import io.parkgate.testing.TestMosquitto;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes credentials} for a group of two sites whose lanes have the same ids, as an operator runs it: the
 * group's Mosquitto password file and ACL, each site's secrets and agents' secrets; Mosquitto started on those
 * files, one central on both site files, an agent of each site with its generated secrets. Both agents are
 * connected at once, each one's events are stored under its own site, and the generated ACL refuses a lane of one
 * site on the other's topics.
 */
@ExtendWith(VertxExtension.class)
class GroupCredentialsIT {

    @TempDir
    Path dir;

    @RegisterExtension
    final MosquittoExtension mosquitto = MosquittoExtension.startedByTheTest();

    /** Verifies the generated group files end to end through a real Mosquitto. */
    @Test
    void groupCredentialsKeepTheSitesApartOnMosquitto(Vertx vertx) throws Exception {
        int port = FreePorts.take();
        SiteConfig north = SiteConfigLoader.load(site("north", "北苑", port));
        SiteConfig south = SiteConfigLoader.load(site("south", "南苑", port));
        Path creds = dir.resolve("creds");
        List<String> written = LaneCredentials.writeGroup(List.of(north, south), "central", creds);
        assertTrue(written.stream().anyMatch(w -> w.contains("mosquitto/acl")), written.toString());
        String acl = Files.readString(creds.resolve("mosquitto/acl"));
        assertTrue(acl.contains("user in-1@south\ntopic write parkgate/south/lane/in-1/event\n"), acl);
        assertTrue(Files.readString(creds.resolve("north/agents/in-1.secrets")).contains("mqtt.username=in-1@north"));
        mosquitto.start(TestMosquitto.with().port(port).passwordFile(creds.resolve("mosquitto/passwd"))
                .aclFile(creds.resolve("mosquitto/acl")));

        SecretsFile northSecrets = SecretsFile.load(creds.resolve("north/central.secrets"), k -> null);
        SecretsFile southSecrets = SecretsFile.load(creds.resolve("south/central.secrets"), k -> null);
        CentralConfig cfg = CentralConfig.fromSite(north, dir.resolve("central"), northSecrets, "boss", "central")
                .withPorts(0, 0).withDatabase(io.parkgate.central.db.TestDatabases.target(dir, "central.db"))
                .withMoreSites(List.of(CentralConfig.SiteSettings.of(CentralConfig.fromSite(south,
                        dir.resolve("central"), southSecrets, null, "central"))));
        try (Central central = Central.start(vertx, cfg, Clock.systemUTC());
             TestAgent northIn = agent(port, creds, "north"); TestAgent southIn = agent(port, creds, "south")) {
            Api api = new Api(central.httpPort());
            String boss = api.login("boss", northSecrets.required(LaneCredentials.MANAGER_PASSWORD, null));
            northIn.uplink.publish(entry("粤N00001"));
            southIn.uplink.publish(entry("粤S00001"));
            Await.until(Duration.ofSeconds(20), "each entry at its own site",
                    () -> api.ok("GET", "/api/passages?site=north", boss, null).array().size() == 1
                            && api.ok("GET", "/api/passages?site=south", boss, null).array().size() == 1);
            assertEquals("粤N00001", api.ok("GET", "/api/passages?site=north", boss, null).array().getJsonObject(0)
                    .getString("plate"));
            assertTrue(northIn.uplink.connectedBroker() != null && southIn.uplink.connectedBroker() != null,
                    "both in-1 lanes connected at once");
            // north's in-1, with its own credentials, on south's topics: Mosquitto refuses (drops) it.
            MqttClient raw = new MqttClient("tcp://127.0.0.1:" + port, "raw-in-1-north", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName("in-1@north");
            o.setPassword(northSecrets.required(LaneCredentials.laneMqttPassword("in-1"), null).toCharArray());
            raw.connect(o);
            raw.publish(new Topics("south").lane("in-1", Topics.Channel.EVENT),
                    MessageCodec.encode(entry("粤X00001")), 1, false);
            raw.disconnectForcibly(0, 1000);
            raw.close();
            southIn.uplink.publish(entry("粤S00002"));
            Await.until(Duration.ofSeconds(20), "south's own second entry",
                    () -> api.ok("GET", "/api/passages?site=south", boss, null).array().size() >= 2);
            assertEquals(2, api.ok("GET", "/api/passages?site=south", boss, null).array().size(),
                    "north's lane wrote at south");
            // The bare lane id is no user of the group's broker.
            MqttClient bare = new MqttClient("tcp://127.0.0.1:" + port, "agent-in-1", new MemoryPersistence());
            MqttConnectOptions b = new MqttConnectOptions();
            b.setUserName("in-1");
            b.setPassword(northSecrets.required(LaneCredentials.laneMqttPassword("in-1"), null).toCharArray());
            assertThrows(MqttException.class, () -> bare.connect(b));
            bare.close();
        }
    }

    /**
     * Verifies the group's files for an Artemis node ({@code broker artemis} with both site files): on a real
     * Artemis broker, both sites' {@code in-1} are connected at once as {@code in-1@<site>}, each one's events reach
     * central's user on its own site's topics, north's lane can neither publish on south's topics nor subscribe to
     * south's broadcasts, and the bare lane id logs in nowhere.
     */
    @Test
    void groupFilesKeepTheSitesApartOnArtemis() throws Exception {
        Path home = ArtemisCluster.home();
        assertTrue(Files.isDirectory(home));
        int unused = FreePorts.take(); // the site files' broker; the node's own ports are chosen by the cluster
        List<SiteConfig> sites = List.of(SiteConfigLoader.load(site("north", "北苑", unused)),
                SiteConfigLoader.load(site("south", "南苑", unused)));
        Path creds = dir.resolve("creds");
        LaneCredentials.writeGroup(sites, "central", creds);
        List<SecretsFile> secrets = List.of(SecretsFile.load(creds.resolve("north/central.secrets"), k -> null),
                SecretsFile.load(creds.resolve("south/central.secrets"), k -> null));
        try (ArtemisCluster node = new ArtemisCluster(dir.resolve("artemis"), 1, "256m",
                (c, nodes, self, etc) -> ArtemisBrokerFiles.write(sites, secrets, "central", nodes, self, false,
                        etc))) {
            String url = node.urls().get(0);
            Map<String, List<String>> heard = Map.of("north", new CopyOnWriteArrayList<>(), "south",
                    new CopyOnWriteArrayList<>());
            MqttClient central = BareMqtt.subscribed(url, "central-north", "central",
                    secrets.get(0).required(LaneCredentials.CENTRAL_MQTT_PASSWORD, null), Map.of(
                            new Topics("north").allLanes(Topics.Channel.EVENT), (t, m) -> heard(heard, "north", m),
                            new Topics("south").allLanes(Topics.Channel.EVENT), (t, m) -> heard(heard, "south", m)));
            String northPw = secrets.get(0).required(LaneCredentials.laneMqttPassword("in-1"), null);
            String southPw = secrets.get(1).required(LaneCredentials.laneMqttPassword("in-1"), null);
            MqttClient north = BareMqtt.connect(url, "agent-in-1@north", "in-1@north", northPw);
            MqttClient south = BareMqtt.connect(url, "agent-in-1@south", "in-1@south", southPw);
            BareMqtt.publishQuietly(north, new Topics("south").lane("in-1", Topics.Channel.EVENT),
                    MessageCodec.encode(entry("粤X00001")));
            if (!north.isConnected()) {
                BareMqtt.abandon(north);
                north = BareMqtt.connect(url, "agent-in-1@north", "in-1@north", northPw);
            }
            north.publish(new Topics("north").lane("in-1", Topics.Channel.EVENT),
                    MessageCodec.encode(entry("粤N00001")), 1, false);
            south.publish(new Topics("south").lane("in-1", Topics.Channel.EVENT),
                    MessageCodec.encode(entry("粤S00001")), 1, false);
            Await.until(Duration.ofSeconds(20), "each lane's own entry at central",
                    () -> heard.get("north").contains("粤N00001") && heard.get("south").contains("粤S00001"));
            // The forged one went before the own ones on the same node: had it passed, it would be here by now.
            assertEquals(List.of("粤S00001"), heard.get("south"), "north's lane published on south's topics");
            assertEquals(List.of("粤N00001"), heard.get("north"));

            boolean refused;
            try {
                north.subscribe(new Topics("south").registryBroadcast(), 1);
                refused = !north.isConnected();
            } catch (MqttException e) {
                refused = true; // 0x80 from the broker, or the connection dropped: either way nothing is read
            }
            assertTrue(refused, "north's lane subscribed to south's registry broadcast");
            assertThrows(MqttException.class, () -> BareMqtt.connect(url, "agent-in-1", "in-1", northPw),
                    "the bare lane id logged in");
            for (MqttClient c : List.of(central, south)) {
                c.disconnect();
                c.close();
            }
            BareMqtt.abandon(north);
        }
    }

    private static void heard(Map<String, List<String>> heard, String site, MqttMessage m) {
        MessageCodec.decodeEvents(m.getPayload()).forEach(e -> heard.get(site).add(e.plate()));
    }

    private TestAgent agent(int port, Path creds, String site) throws Exception {
        SecretsFile s = SecretsFile.load(creds.resolve(site + "/agents/in-1.secrets"), k -> null);
        return new TestAgent(List.of("tcp://127.0.0.1:" + port), site, "in-1", s.required("mqtt.username", null),
                s.required("mqtt.password", null), s.required("command.secret", null), dir.resolve("agent-" + site),
                Clock.systemUTC(), 0);
    }

    private static LaneEvent entry(String plate) {
        return LaneEvent.of(UUID.randomUUID().toString(), "in-1", EventType.ENTRY, Instant.now(), plate,
                "TEMPORARY", "临时车");
    }

    private Path site(String id, String name, int port) throws Exception {
        return site(dir, id, name, port);
    }

    /** A site file of one lane, {@code in-1}, whose broker is at {@code port}. */
    static Path site(Path dir, String id, String name, int port) throws Exception {
        Path site = dir.resolve(id + ".yaml");
        Files.writeString(site, """
                site: { id: %s, name: %s }
                agents: { dataDir: %s }
                central: { mqttUrl: "tcp://127.0.0.1:%d", httpPort: 0 }
                tariff:
                  visitorFreeTime: 2h
                  small: { freeTime: 15min, capPer24h: 3000, day: { from: "07:00", to: "19:00", \
                  firstPeriod: { length: 1h, price: 500 }, laterPeriods: { length: 1h, price: 300 } }, \
                  night: { flat: 1000 } }
                  large: { freeTime: 15min, capPer24h: 6000, day: { from: "07:00", to: "19:00", \
                  firstPeriod: { length: 1h, price: 1000 }, laterPeriods: { length: 1h, price: 600 } }, \
                  night: { flat: 2000 } }
                lanes:
                  - { id: in-1, name: 入口, direction: IN, post: gate, \
                  devices: { io: { transport: "tcp://127.0.0.1:9" }, cardReader: { transport: "tcp://127.0.0.1:7" } } }
                """.formatted(id, name, dir.resolve("agents-" + id), port), StandardCharsets.UTF_8);
        return site;
    }
}
