package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.testing.Await;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandKind;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The end-to-end checks, shared by the embedded-broker and Mosquitto runs. */
final class Scenarios {

    private Scenarios() {
    }

    static JsonObject vehicle(String plate) {
        return new JsonObject().put("vehicles", new JsonArray().add(new JsonObject().put("plate", plate)
                .put("ownerId", "o1").put("colour", "BLUE").put("vehicleClass", "SMALL")));
    }

    /** A registry change made through the API reaches a running agent: snapshot first, then a delta. */
    static void registryReachesAgent(CentralFixture f, String brokerUrl, Path agentDir) {
        String clerk = f.user("clerk1", "CARD_CLERK");
        f.api.ok("PUT", "/api/registry", clerk, vehicle("粤B10001"));
        try (TestAgent agent = f.agent(brokerUrl, CentralFixture.IN, agentDir)) {
            // The stand-in agent fills its map before it counts the snapshot: wait for both, never for a time.
            Await.until(Duration.ofSeconds(10), "snapshot at agent",
                    () -> agent.snapshots == 1 && agent.vehicles.containsKey("粤B10001"));
            long before = System.nanoTime();
            long v = f.api.ok("PUT", "/api/registry", clerk, vehicle("粤B10002")).json().getLong("version");
            Await.until(Duration.ofSeconds(10), "delta at agent",
                    () -> agent.version == v && agent.vehicles.containsKey("粤B10002"));
            System.out.printf("registry change reached the agent in %d ms%n", (System.nanoTime() - before) / 1_000_000);
            assertEquals(1, agent.snapshots, "a change arrives as a delta, not another snapshot");
            assertTrue(agent.deltas >= 1);
            f.api.ok("DELETE", "/api/registry/vehicle/" + "粤B10001", clerk, null);
            Await.until(Duration.ofSeconds(10), "removal at agent", () -> !agent.vehicles.containsKey("粤B10001"));
        }
    }

    /**
     * A held vehicle becomes an exception; an attendant may not resolve it; a supervisor claims and
     * resolves it through the API and the agent receives a release it verified.
     */
    static void heldVehicleReleased(CentralFixture f, String brokerUrl, Path agentDir) {
        String attendant = f.user("att1", "ATTENDANT");
        String supervisor = f.user("sup1", "SUPERVISOR");
        try (TestAgent agent = f.agent(brokerUrl, CentralFixture.OUT, agentDir)) {
            String eventId = UUID.randomUUID().toString();
            agent.uplink.publish(new LaneEvent(eventId, CentralFixture.OUT, EventType.EXCEPTION, Instant.now(),
                    "粤B77777", "粤B77777", null, 91, "0E00A35C21", "CARD_PLATE_MISMATCH", "卡与车牌不符", null, null,
                    null, "snap/77777.jpg", null));
            String id = "X-" + eventId;
            Await.until(Duration.ofSeconds(10), "exception at central",
                    () -> f.api.call("GET", "/api/exceptions/" + id, supervisor, null).status() == 200);
            JsonObject x = f.api.ok("GET", "/api/exceptions/" + id, supervisor, null).json();
            assertEquals("OPEN", x.getString("status"));
            assertEquals("snap/77777.jpg", x.getString("snapshotRef"));
            assertTrue(x.containsKey("vehicleFile"), x.encode());

            assertEquals(403, f.api.call("POST", "/api/exceptions/" + id + "/claim", attendant, null).status());
            f.api.ok("POST", "/api/exceptions/" + id + "/claim", supervisor, null);
            JsonObject resolution = new JsonObject().put("licenceNo", "440301199001011234").put("idCardNo",
                    "440301199001011234").put("statement", "车主本人，换了新车未登记").put("signatureRef", "sig/1.png")
                    .put("feeFen", 1500).put("feeAction", "WAIVE").put("waiveReason", "业主核实，免收")
                    .put("outcome", "核实为业主，放行");
            assertEquals(403, f.api.call("POST", "/api/exceptions/" + id + "/resolve", attendant, resolution)
                    .status());
            JsonObject done = f.api.ok("POST", "/api/exceptions/" + id + "/resolve", supervisor, resolution).json();
            assertEquals("RESOLVED", done.getString("status"));
            assertTrue(done.containsKey("secondsToResolve"));
            Await.until(Duration.ofSeconds(5), "release at agent", () -> !agent.commands.isEmpty());
            Command c = agent.commands.get(0);
            assertEquals(CommandKind.RELEASE, c.kind());
            assertEquals(id, c.exceptionId());
            assertEquals(done.getString("commandId"), c.commandId());
            JsonArray audit = f.api.ok("GET", "/api/audit?limit=50", supervisor, null).array();
            assertTrue(audit.encode().contains("\"RELEASE\"") && audit.encode().contains("\"FEE_WAIVED\""),
                    audit.encode());
        }
    }
}
