package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.testing.BareMqtt;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.testing.Await;
import io.parkgate.wire.Hello;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.RegistryBody;
import io.parkgate.wire.RegistryCodec;
import io.parkgate.wire.SnapshotChunks;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central answers each agent in the snapshot format its hello names, through the embedded broker: an agent
 * from before the chunked format (its hello has no {@code snapshotFormat}) gets the one-message JSON snapshot,
 * a current one gets chunks signed for its lane that make the same registry.
 */
@ExtendWith(VertxExtension.class)
class SnapshotCompatibilityIT {

    @TempDir
    Path dir;

    /** Verifies the JSON answer to an old hello and the chunked answer to a new one, with the same records. */
    @Test
    void eachAgentGetsTheFormatItReads(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            JsonArray vehicles = new JsonArray();
            for (int i = 0; i < 50; i++) {
                vehicles.add(new JsonObject().put("plate", String.format("粤B%05d", i)));
            }
            f.api.ok("PUT", "/api/registry", f.managerToken, new JsonObject().put("vehicles", vehicles));
            Topics topics = new Topics(CentralFixture.SITE);
            List<byte[]> received = new CopyOnWriteArrayList<>();
            MqttClient lane = BareMqtt.subscribed(f.central.brokerUrl(), "agent-" + CentralFixture.IN,
                    CentralFixture.IN, CentralFixture.PASSWORD_IN, Map.of(
                            topics.lane(CentralFixture.IN, Topics.Channel.REGISTRY),
                            (t, m) -> received.add(m.getPayload())));
            String hello = topics.lane(CentralFixture.IN, Topics.Channel.HELLO);

            lane.publish(hello, "{\"laneId\":\"north-in\",\"registryVersion\":0,\"outboxPending\":0}"
                    .getBytes(StandardCharsets.UTF_8), 1, false);
            Await.until(Duration.ofSeconds(30), "the JSON snapshot", () -> !received.isEmpty());
            byte[] json = received.remove(0);
            assertFalse(SnapshotChunks.isChunk(json));
            RegistrySnapshot fromJson = RegistryCodec.decode(json).snapshot();
            assertEquals(50, fromJson.vehicles().size());

            lane.publish(hello, MessageCodec.encode(new Hello(CentralFixture.IN, 0, 0, SnapshotChunks.FORMAT)), 1,
                    false);
            Await.until(Duration.ofSeconds(30), "the chunked snapshot", () -> !received.isEmpty()
                    && SnapshotChunks.parse(received.get(0)).header().count() == received.size());
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] m : received) {
                SnapshotChunks.Chunk c = SnapshotChunks.parse(m);
                assertTrue(SnapshotChunks.signedFor(c.header(), CentralFixture.IN, CentralFixture.SECRET_IN));
                assertFalse(SnapshotChunks.signedFor(c.header(), CentralFixture.OUT, CentralFixture.SECRET_OUT));
                body.write(c.data());
            }
            assertEquals(fromJson, RegistryBody.decode(body.toByteArray()));
            lane.disconnect();
            lane.close();
        }
    }
}
