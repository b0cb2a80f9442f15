package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.testing.BareMqtt;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One lane's credentials cannot speak or listen for another lane. */
@ExtendWith(VertxExtension.class)
class LaneIsolationIT {

    @TempDir
    Path dir;

    /** Verifies that a lane cannot publish as another lane (topic or payload) and a wrong password is refused. */
    @Test
    void laneCannotPublishAsAnother(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir)) {
            Isolation.check(f, f.central.brokerUrl());
        }
    }

    /** The checks, shared with the Mosquitto run. */
    static final class Isolation {
        private Isolation() {
        }

        static void check(CentralFixture f, String url) throws Exception {
            Topics t = new Topics(CentralFixture.SITE);
            // Mosquitto answers "not authorised"; Moquette 0.17 just closes the connection. Either way: no session.
            assertThrows(MqttException.class, () -> connect(url, CentralFixture.IN, "wrong-password"));

            MqttClient in = connect(url, CentralFixture.IN, CentralFixture.PASSWORD_IN);
            List<String> overheard = new CopyOnWriteArrayList<>();
            try {
                in.subscribe(t.lane(CentralFixture.OUT, Topics.Channel.CMD), 1, (topic, m) -> overheard.add(topic));
            } catch (MqttException e) {
                // refused with return code 0x80 (Paho throws): also fine, nothing can be overheard
                assertEquals(128, e.getReasonCode(), e.toString());
            }
            // 1) on the other lane's topic: the broker must refuse it.
            BareMqtt.publishQuietly(in, t.lane(CentralFixture.OUT, Topics.Channel.EVENT),
                    event(CentralFixture.OUT, "粤X00001"));
            // 2) on its own topic, claiming to be the other lane: central must refuse it.
            if (!in.isConnected()) {
                in = connect(url, CentralFixture.IN, CentralFixture.PASSWORD_IN);
            }
            BareMqtt.publishQuietly(in, t.lane(CentralFixture.IN, Topics.Channel.EVENT),
                    event(CentralFixture.OUT, "粤X00002"));
            // 3) a proper event of its own lane, after the others: once stored, the others had their chance.
            BareMqtt.publishQuietly(in, t.lane(CentralFixture.IN, Topics.Channel.EVENT),
                    event(CentralFixture.IN, "粤X00003"));
            Await.until(Duration.ofSeconds(10), "own event stored", () -> f.api.ok("GET",
                    "/api/passages?plate=" + enc("粤X00003"), f.managerToken, null).array().size() == 1);
            assertEquals(0, f.api.ok("GET", "/api/passages?lane=" + CentralFixture.OUT, f.managerToken, null)
                    .array().size(), "an event published as another lane was stored");
            // 4) a manual open for the other lane must not reach this lane's client.
            f.api.ok("POST", "/api/lanes/" + CentralFixture.OUT + "/open", f.managerToken,
                    new JsonObject().put("reason", "测试"));
            f.api.ok("POST", "/api/lanes/" + CentralFixture.IN + "/open", f.managerToken,
                    new JsonObject().put("reason", "测试"));
            List<String> own = new CopyOnWriteArrayList<>();
            if (!in.isConnected()) {
                in = connect(url, CentralFixture.IN, CentralFixture.PASSWORD_IN);
            }
            in.subscribe(t.lane(CentralFixture.IN, Topics.Channel.CMD), 1, (topic, m) -> own.add(topic));
            f.api.ok("POST", "/api/lanes/" + CentralFixture.IN + "/open", f.managerToken,
                    new JsonObject().put("reason", "测试"));
            Await.until(Duration.ofSeconds(5), "own command", () -> !own.isEmpty());
            assertTrue(overheard.isEmpty(), "lane read another lane's commands: " + overheard);
            // No quiesce: the refused QoS 1 publish is never acknowledged and would hold disconnect() for 30 s.
            in.disconnectForcibly(0, 1000);
            in.close();
        }

        private static String enc(String s) {
            return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
        }

        private static byte[] event(String lane, String plate) {
            return MessageCodec.encode(LaneEvent.of(UUID.randomUUID().toString(), lane, EventType.ENTRY,
                    Instant.now(), plate, "TEMPORARY", "临时车"));
        }

        static MqttClient connect(String url, String user, String password) throws MqttException {
            return BareMqtt.connect(url, "agent-" + user, user, password);
        }
    }
}
