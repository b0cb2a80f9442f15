package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.central.it.TestAgent;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 4: central started on an empty database (a new store) does not wipe a lane's registry.
 * The lane refuses the new store's near-empty snapshot and keeps deciding with what it had, until a
 * manager orders an audited resync at central; then it takes the new registry.
 */
@ExtendWith(VertxExtension.class)
class RegistryOriginIT {

    @TempDir
    Path dir;

    @Test
    void anEmptyCentralDatabaseDoesNotWipeALanesRegistry(Vertx vertx) throws Exception {
        int mqttPort;
        TestAgent agent;
        try (CentralFixture first = new CentralFixture(vertx, dir.resolve("central-1"))) {
            JsonArray vehicles = new JsonArray();
            for (int i = 0; i < 40; i++) {
                vehicles.add(new JsonObject().put("plate", String.format("粤B%05d", i)));
            }
            first.api.ok("PUT", "/api/registry", first.managerToken, new JsonObject().put("vehicles", vehicles));
            mqttPort = URI.create(first.central.brokerUrl()).getPort();
            agent = new TestAgent(first.central.brokerUrl(), CentralFixture.SITE, CentralFixture.IN,
                    CentralFixture.PASSWORD_IN, CentralFixture.SECRET_IN, dir.resolve("agent"), Clock.systemUTC());
            Await.until(Duration.ofSeconds(15), "the lane has the registry", () -> agent.vehicles.size() == 40);
        }
        try (agent; CentralFixture second = new CentralFixture(vertx, dir.resolve("central-2"), c -> c.withPorts(0,
                mqttPort))) {
            Await.until(Duration.ofSeconds(30), "the lane reconnected", ()
                    -> agent.uplink.state() == DeviceState.CONNECTED);
            // the hello went out on connect; once an event sent after it is acknowledged, give the reply a moment
            agent.uplink.publish(LaneEvent.of(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY,
                    Instant.now(), "粤B77777", "TEMPORARY", "临时车"));
            Await.until(Duration.ofSeconds(15), "event acknowledged", () -> agent.uplink.unconfirmed() == 0);
            Thread.sleep(2000);
            assertEquals(40, agent.vehicles.size(), "the empty database's snapshot wiped the lane's registry");

            assertEquals(403, second.api.call("POST", "/api/registry/resync", second.user("clerk", "CARD_CLERK"),
                    new JsonObject().put("reason", "x")).status());
            second.api.ok("POST", "/api/registry/resync", second.managerToken,
                    new JsonObject().put("reason", "central.db restored from an empty backup on purpose"));
            Await.until(Duration.ofSeconds(15), "the lane took the ordered resync", () -> agent.vehicles.isEmpty());
            JsonObject audit = second.api.ok("GET", "/api/audit?action=REGISTRY_RESYNC", second.managerToken, null)
                    .array().getJsonObject(0);
            assertTrue(audit.getString("detail").contains("on purpose"), audit.encode());
        }
    }
}
