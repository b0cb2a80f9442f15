package io.parkgate.central.it;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end through central's embedded Moquette broker. */
@ExtendWith(VertxExtension.class)
class EmbeddedBrokerIT {

    @TempDir
    Path dir;

    /** Verifies that a registry change reaches a running agent within a second, after its first snapshot. */
    @Test
    void registryChangeReachesAgent(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            Scenarios.registryReachesAgent(f, f.central.brokerUrl(), dir.resolve("agent"));
        }
    }

    /**
     * Verifies that a stay paid at the desk reaches a running lane at once and a lane that connects later
     * on its hello, and that the API prices an exit beyond the grace period from its end.
     */
    @Test
    void prepaymentReachesLanes(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String att = f.user("desk", "ATTENDANT");
            f.api.ok("POST", "/api/shifts", att, new io.vertx.core.json.JsonObject().put("post", CentralFixture.POST));
            try (TestAgent out = f.agent(CentralFixture.OUT, dir.resolve("out"))) {
                io.parkgate.testing.Await.until(java.time.Duration.ofSeconds(10), "connected",
                        () -> out.uplink.state() == io.parkgate.agent.port.DeviceState.CONNECTED);
                // central prices the stay from the register: the car entered first
                out.uplink.publish(new io.parkgate.wire.LaneEvent(java.util.UUID.randomUUID().toString(),
                        CentralFixture.OUT, io.parkgate.wire.EventType.ENTRY, java.time.Instant.now(), "粤B66666", null,
                        null, null, null, "TEMPORARY", "临时车辆", null, null, null, null, null));
                io.parkgate.testing.Await.until(java.time.Duration.ofSeconds(10), "entry stored",
                        () -> out.uplink.unconfirmed() == 0);
                io.vertx.core.json.JsonObject paid = f.api.ok("POST", "/api/prepayments", att,
                        new io.vertx.core.json.JsonObject().put("plate", "粤B66666").put("amountFen", 1200)
                                .put("method", "CASH").put("post", CentralFixture.POST)).json();
                io.parkgate.testing.Await.until(java.time.Duration.ofSeconds(5), "prepayment at the lane",
                        () -> !out.prepayments.isEmpty());
                io.parkgate.wire.Prepayment p = out.prepayments.get(0);
                org.junit.jupiter.api.Assertions.assertEquals("粤B66666", p.plate());
                org.junit.jupiter.api.Assertions.assertEquals(java.time.Duration.ofMinutes(15),
                        java.time.Duration.between(p.paidAt(), p.freeUntil()));
                String later = p.paidAt().plus(java.time.Duration.ofMinutes(40)).toString();
                io.vertx.core.json.JsonObject quote = f.api.ok("GET", "/api/prepayments/"
                        + java.net.URLEncoder.encode("粤B66666", java.nio.charset.StandardCharsets.UTF_8)
                        + "?exitAt=" + later, att, null).json();
                org.junit.jupiter.api.Assertions.assertEquals(false, quote.getBoolean("free"));
                org.junit.jupiter.api.Assertions.assertEquals(paid.getString("freeUntil"), quote.getString(
                        "chargeFrom"));
            }
            try (TestAgent in = f.agent(CentralFixture.IN, dir.resolve("in"))) {
                io.parkgate.testing.Await.until(java.time.Duration.ofSeconds(10), "prepayment after hello",
                        () -> !in.prepayments.isEmpty());
            }
        }
    }

    /** Verifies that a held vehicle is resolved through the API and the agent receives a verified release. */
    @Test
    void heldVehicleReleased(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            Scenarios.heldVehicleReleased(f, f.central.brokerUrl(), dir.resolve("agent"));
        }
    }
}
