package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.it.CentralFixture;
import io.parkgate.central.testing.BareMqtt;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.Hello;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 5, through central's embedded broker with a real MQTT client: a login cannot take another
 * client's id, one bad event neither loses its batch's good events nor stalls the lane, a burst of hellos
 * costs a few snapshots, and an oversized message is refused by the broker.
 */
@ExtendWith(VertxExtension.class)
class MqttHardeningIT {

    @TempDir
    Path dir;

    private final Topics topics = new Topics(CentralFixture.SITE);

    @Test
    void aLoginCannotTakeAnotherClientsId(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String url = f.central.brokerUrl();
            assertThrows(MqttException.class, () -> BareMqtt.connect(url, "agent-" + CentralFixture.IN,
                    CentralFixture.OUT, CentralFixture.PASSWORD_OUT), "north-out's login took north-in's client id");
            assertThrows(MqttException.class, () -> BareMqtt.connect(url, "central-" + CentralFixture.SITE,
                    CentralFixture.IN, CentralFixture.PASSWORD_IN), "a lane's login took central's client id");
            MqttClient own = BareMqtt.connect(url, "agent-" + CentralFixture.IN, CentralFixture.IN,
                    CentralFixture.PASSWORD_IN);
            own.disconnect();
            own.close();
        }
    }

    @Test
    void aPoisonEventIsQuarantinedAndTheGoodOnesAreStored(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            List<String> acked = new CopyOnWriteArrayList<>();
            MqttClient lane = BareMqtt.subscribed(f.central.brokerUrl(), "agent-" + CentralFixture.IN,
                    CentralFixture.IN, CentralFixture.PASSWORD_IN, Map.of(
                            topics.lane(CentralFixture.IN, Topics.Channel.ACK),
                            (t, m) -> acked.addAll(MessageCodec.decodeAck(m.getPayload()).eventIds())));
            JsonObject good1 = event("粤B10001");
            JsonObject bad = event("粤B10002").put("occurredAt", "+999999999-01-01T00:00:00Z");
            JsonObject good2 = event("粤B10003");
            JsonObject batch = new JsonObject().put("laneId", CentralFixture.IN)
                    .put("events", new JsonArray().add(good1).add(bad).add(good2));
            lane.publish(topics.lane(CentralFixture.IN, Topics.Channel.EVENT), batch.toBuffer().getBytes(), 1, false);
            Await.until(Duration.ofSeconds(15), "both good events stored", () ->
                    stored(f, "粤B10001") && stored(f, "粤B10003"));
            Await.until(Duration.ofSeconds(10), "all three acknowledged", () -> acked.containsAll(List.of(
                    good1.getString("eventId"), bad.getString("eventId"), good2.getString("eventId"))));
            JsonArray q = f.api.ok("GET", "/api/quarantine", f.managerToken, null).array();
            assertEquals(1, q.size(), q.encode());
            assertEquals(bad.getString("eventId"), q.getJsonObject(0).getString("eventId"));
            assertTrue(q.getJsonObject(0).getString("reason").contains("occurredAt"), q.encode());
            lane.disconnect();
            lane.close();
        }
    }

    @Test
    void aBurstOfHellosCostsAFewSnapshots(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            JsonArray vehicles = new JsonArray();
            for (int i = 0; i < 200; i++) {
                vehicles.add(new JsonObject().put("plate", String.format("粤B%05d", i)));
            }
            f.api.ok("PUT", "/api/registry", f.managerToken, new JsonObject().put("vehicles", vehicles));
            AtomicInteger snapshots = new AtomicInteger();
            MqttClient lane = BareMqtt.subscribed(f.central.brokerUrl(), "agent-" + CentralFixture.IN,
                    CentralFixture.IN, CentralFixture.PASSWORD_IN, Map.of(
                            topics.lane(CentralFixture.IN, Topics.Channel.REGISTRY), (t, m) -> {
                                if (new JsonObject(io.vertx.core.buffer.Buffer.buffer(m.getPayload()))
                                        .getString("kind").equals("SNAPSHOT")) {
                                    snapshots.incrementAndGet();
                                }
                            }));
            byte[] hello = MessageCodec.encode(new Hello(CentralFixture.IN, 0, 0));
            for (int i = 0; i < 100; i++) {
                lane.publish(topics.lane(CentralFixture.IN, Topics.Channel.HELLO), hello, 0, false);
            }
            Await.until(Duration.ofSeconds(15), "a snapshot", () -> snapshots.get() > 0);
            // An upper bound needs a window to watch: every hello has long been read when an event sent after them is
            // stored.
            lane.publish(topics.lane(CentralFixture.IN, Topics.Channel.EVENT), event("粤B20001").toBuffer().getBytes(),
                    1, false);
            Await.until(Duration.ofSeconds(15), "the marker event", () -> stored(f, "粤B20001"));
            Thread.sleep(2000);
            assertTrue(snapshots.get() <= 3, snapshots.get() + " snapshots for 100 hellos");
            lane.disconnect();
            lane.close();
        }
    }

    @Test
    void anOversizedMessageIsRefusedByTheBroker(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            MqttClient lane = BareMqtt.connect(f.central.brokerUrl(), "agent-" + CentralFixture.IN,
                    CentralFixture.IN, CentralFixture.PASSWORD_IN);
            // Paho waits for a publish forever by default: bound it, the broker need not answer a refused one
            lane.setTimeToWait(10_000);
            byte[] big = new byte[40 * 1024 * 1024];
            java.util.Arrays.fill(big, (byte) ' ');
            try {
                lane.publish(topics.lane(CentralFixture.IN, Topics.Channel.STATUS), big, 0, false);
            } catch (MqttException e) {
                // the broker may drop the connection while the client is still writing: refused too
            }
            Await.until(Duration.ofSeconds(20), "the broker dropped the connection", () -> !lane.isConnected());
            lane.disconnectForcibly(0, 1000);
            lane.close(true);
        }
    }

    private boolean stored(CentralFixture f, String plate) {
        return f.api.ok("GET", "/api/passages?plate=" + URLEncoder.encode(plate, StandardCharsets.UTF_8),
                f.managerToken, null).array().size() == 1;
    }

    private static JsonObject event(String plate) {
        return MessageCodec.toJson(LaneEvent.of(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY,
                Instant.now(), plate, "TEMPORARY", "临时车"));
    }
}
