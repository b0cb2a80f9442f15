package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.mqtt.LaneAcl;
import io.parkgate.config.Direction;
import io.parkgate.testing.Await;
import io.parkgate.testing.MosquittoExtension;
import io.parkgate.testing.TestMosquitto;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group of two sites on an external Mosquitto whose ACL lets a lane id publish under either site's topics (each
 * site's pattern file, simply put together): central itself refuses what a lane of one site publishes under the
 * other's topics, so nothing is stored there.
 */
@ExtendWith(VertxExtension.class)
class SitesMosquittoIT {

    @TempDir
    Path dir;
    @RegisterExtension
    final MosquittoExtension mosquitto = MosquittoExtension.startedBeforeEach(TestMosquitto.with()
            .user("central", "central-password").user("gate-9", "gate-9-password")
            .user("in-1", "south-in-password")
            .acl(new LaneAcl(new Topics("north"), "central").mosquittoAcl() + "\n"
                    + new LaneAcl(new Topics("south"), "central").mosquittoAcl()));

    /** Verifies that north's lane publishing under south's topics, let through by the broker, is not stored. */
    @Test
    void centralRefusesALaneOfAnotherSite(Vertx vertx) throws Exception {
        CentralConfig cfg = CentralConfig.defaults("north", dir.resolve("central"),
                        List.of(new LaneDefinition("gate-9", "north-gate", Direction.IN, "gate-9-password",
                                "gate-9-command-secret-0123456789")),
                        new CentralConfig.Credentials("boss", "boss-password"))
                .withDatabase(io.parkgate.central.db.TestDatabases.target(dir, "central.db"))
                .withExternalBroker(mosquitto.url(), "central", "central-password")
                .withMoreSites(List.of(new CentralConfig.SiteSettings("south", ZoneId.of("Asia/Shanghai"),
                        List.of(new LaneDefinition("in-1", "south-gate", Direction.IN, "south-in-password",
                                "south-in-command-secret-0123456789")), null, 0)));
        Central central = Central.start(vertx, cfg, Clock.systemUTC());
        try {
            Api api = new Api(central.httpPort());
            String boss = api.login("boss", "boss-password");
            MqttClient lane = connect(mosquitto.url(), "gate-9", "gate-9-password");
            // The broker lets it through (south's pattern block matches user gate-9 too) ...
            lane.publish(new Topics("south").lane("gate-9", Topics.Channel.EVENT), entry("gate-9", "粤X00001"), 1,
                    false);
            lane.publish(new Topics("north").lane("gate-9", Topics.Channel.EVENT), entry("gate-9", "粤X00002"), 1,
                    false);
            // South's own lane after it: south's events are read and stored in order, so once this one is
            // stored, the one before it was either stored too or refused.
            MqttClient southLane = connect(mosquitto.url(), "in-1", "south-in-password");
            southLane.publish(new Topics("south").lane("in-1", Topics.Channel.EVENT), entry("in-1", "粤S00001"), 1,
                    false);
            Await.until(Duration.ofSeconds(15), "own events stored at north and south",
                    () -> api.ok("GET", "/api/passages?site=north", boss, null).array().size() == 1
                            && api.ok("GET", "/api/passages?site=south&plate=" + java.net.URLEncoder.encode(
                                    "粤S00001", java.nio.charset.StandardCharsets.UTF_8), boss, null)
                            .array().size() == 1);
            // ... central does not: gate-9 is no lane of south.
            assertEquals(1, api.ok("GET", "/api/passages?site=south", boss, null).array().size(),
                    "north's lane's event was stored at south");
            lane.disconnect();
            lane.close();
            southLane.disconnect();
            southLane.close();
        } finally {
            central.close();
        }
    }

    private static byte[] entry(String laneId, String plate) {
        return MessageCodec.encode(LaneEvent.of(UUID.randomUUID().toString(), laneId, EventType.ENTRY,
                Instant.now(), plate, "TEMPORARY", "临时车"));
    }

    private static MqttClient connect(String url, String user, String password) throws Exception {
        MqttClient c = new MqttClient(url, "agent-" + user, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        c.connect(o);
        return c;
    }
}
