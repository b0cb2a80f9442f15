package io.parkgate.central.it;

import io.parkgate.central.mqtt.LaneAcl;
import io.parkgate.testing.MosquittoExtension;
import io.parkgate.testing.TestMosquitto;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same end-to-end checks against an external Mosquitto with per-client passwords and the ACL file
 * central generates ({@link LaneAcl#mosquittoAcl()}).
 */
@ExtendWith(VertxExtension.class)
class MosquittoIT {

    @TempDir
    Path dir;
    @RegisterExtension
    final MosquittoExtension mosquitto = MosquittoExtension.startedBeforeEach(TestMosquitto.with()
            .user("central", "central-password")
            .user(CentralFixture.IN, CentralFixture.PASSWORD_IN)
            .user(CentralFixture.OUT, CentralFixture.PASSWORD_OUT)
            .acl(new LaneAcl(new Topics(CentralFixture.SITE), "central").mosquittoAcl()));

    private CentralFixture central(Vertx vertx) throws Exception {
        return new CentralFixture(vertx, dir.resolve("central"), c -> c.withExternalBroker(mosquitto.url(), "central",
                "central-password"));
    }

    /** Verifies that a registry change reaches a running agent through Mosquitto. */
    @Test
    void registryChangeReachesAgent(Vertx vertx) throws Exception {
        try (CentralFixture f = central(vertx)) {
            Scenarios.registryReachesAgent(f, mosquitto.url(), dir.resolve("agent"));
        }
    }

    /** Verifies that a held vehicle is resolved and the agent receives a verified release through Mosquitto. */
    @Test
    void heldVehicleReleased(Vertx vertx) throws Exception {
        try (CentralFixture f = central(vertx)) {
            Scenarios.heldVehicleReleased(f, mosquitto.url(), dir.resolve("agent"));
        }
    }

    /**
     * Verifies that a replayed release, a tampered one and one for another lane, published with central's own
     * credentials, are all refused by the agent: only the original opens.
     */
    @Test
    void replayedOrForgedCommandsRefused(Vertx vertx) throws Exception {
        try (CentralFixture f = central(vertx);
             TestAgent agent = f.agent(mosquitto.url(), CentralFixture.OUT, dir.resolve("agent"))) {
            io.parkgate.testing.Await.until(Duration.ofSeconds(10), "agent connected",
                    () -> agent.uplink.state() == io.parkgate.agent.port.DeviceState.CONNECTED);
            java.util.List<byte[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            org.eclipse.paho.client.mqttv3.MqttClient spy = LaneIsolationIT.Isolation.connect(mosquitto.url(),
                    "central", "central-password");
            String cmdTopic = new Topics(CentralFixture.SITE).lane(CentralFixture.OUT, Topics.Channel.CMD);
            spy.subscribe(cmdTopic, 1, (t, m) -> seen.add(m.getPayload()));
            f.api.ok("POST", "/api/lanes/" + CentralFixture.OUT + "/open", f.managerToken,
                    new io.vertx.core.json.JsonObject().put("reason", "道闸故障，人工开闸"));
            io.parkgate.testing.Await.until(Duration.ofSeconds(5), "original accepted", () -> agent.commands.size() == 1
                    && !seen.isEmpty());
            io.parkgate.wire.Command original = io.parkgate.wire.MessageCodec.decodeCommand(seen.get(0));
            spy.publish(cmdTopic, seen.get(0), 1, false);
            io.parkgate.wire.Command tampered = new io.parkgate.wire.Command(original.commandId(), original.laneId(),
                    original.kind(), original.exceptionId(), original.plate(), original.issuedBy(), original.reason(),
                    original.issuedAt(), original.expiresAt(), "another-nonce", original.signature());
            spy.publish(cmdTopic, io.parkgate.wire.MessageCodec.encode(tampered), 1, false);
            io.parkgate.wire.Command forged = new io.parkgate.wire.CommandSigner(CentralFixture.SECRET_IN).sign(
                    tampered.withSignature(null));
            spy.publish(cmdTopic, io.parkgate.wire.MessageCodec.encode(forged), 1, false);
            spy.publish(cmdTopic, "{not json".getBytes(StandardCharsets.UTF_8), 1, false);
            // A marker that arrives after the three on the same topic: once it is accepted, the others were judged.
            f.api.ok("POST", "/api/lanes/" + CentralFixture.OUT + "/open", f.managerToken,
                    new io.vertx.core.json.JsonObject().put("reason", "第二次"));
            io.parkgate.testing.Await.until(Duration.ofSeconds(5), "marker accepted", () -> agent.commands.size() >= 2);
            org.junit.jupiter.api.Assertions.assertEquals(2, agent.commands.size(), agent.commands.toString());
            org.junit.jupiter.api.Assertions.assertEquals("第二次", agent.commands.get(1).reason());
            spy.disconnectForcibly(0, 1000);
            spy.close();
        }
    }

    /** Verifies that Mosquitto with central's ACL keeps a lane from publishing or reading as another lane. */
    @Test
    void laneCannotPublishAsAnother(Vertx vertx) throws Exception {
        try (CentralFixture f = central(vertx)) {
            LaneIsolationIT.Isolation.check(f, mosquitto.url());
        }
    }



}
