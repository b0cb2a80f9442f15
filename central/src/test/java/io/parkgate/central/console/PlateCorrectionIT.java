package io.parkgate.central.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.it.Api;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.central.it.TestAgent;
import io.parkgate.testing.Await;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandKind;
import io.parkgate.wire.CommandSigner;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booth corrects a held vehicle's misread plate through the real HTTP API; the lane receives, over the
 * broker, a command signed with its secret that its own uplink verified, and the correction is audited.
 */
@ExtendWith(VertxExtension.class)
class PlateCorrectionIT {

    @TempDir
    Path dir;

    /** Verifies who may correct, what a correction must be, that it reaches the lane signed, and is audited. */
    @Test
    void theBoothCorrectsAMisreadPlate(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"));
             TestAgent out = f.agent(CentralFixture.OUT, dir.resolve("agent"))) {
            String attendant = f.user("att1", "ATTENDANT");
            String clerk = f.user("clerk1", "CARD_CLERK");
            String eventId = UUID.randomUUID().toString();
            out.uplink.publish(new LaneEvent(eventId, CentralFixture.OUT, EventType.EXCEPTION, Instant.now(),
                    "粤B8B88B", "粤B8B88B", null, 71, null, "NO_ENTRY_RECORD", "无入场记录", null, null, null, null,
                    null));
            String id = "X-" + eventId;
            Await.until(Duration.ofSeconds(10), "case at central",
                    () -> f.api.call("GET", "/api/exceptions/" + id, attendant, null).status() == 200);
            String path = "/api/exceptions/" + id + "/correct-plate";

            assertEquals(403, f.api.call("POST", path, clerk, new JsonObject().put("plate", "粤B88888")).status());
            assertEquals(400, f.api.call("POST", path, attendant, new JsonObject().put("plate", "88888")).status());
            assertEquals(400, f.api.call("POST", path, attendant, new JsonObject().put("plate", "粤B8B88B")).status(),
                    "the plate the camera read already is no correction");
            assertEquals(400, f.api.call("POST", path, attendant, new JsonObject()).status());
            assertTrue(out.commands.isEmpty(), "nothing refused reached the lane");

            JsonObject done = f.api.ok("POST", path, attendant, new JsonObject().put("plate", "粤B88888")).json();
            assertEquals("RESOLVED", done.getString("status"));
            assertEquals("att1", done.getString("resolvedBy"));
            assertTrue(done.getString("outcome").contains("粤B8B88B") && done.getString("outcome").contains("粤B88888"),
                    done.encode());

            Await.until(Duration.ofSeconds(10), "command at the lane", () -> !out.commands.isEmpty());
            Command c = out.commands.get(0);
            assertEquals(CommandKind.CORRECT_PLATE, c.kind());
            assertEquals("粤B88888", c.plate());
            assertEquals(id, c.exceptionId());
            assertEquals("att1", c.issuedBy());
            assertTrue(new CommandSigner(CentralFixture.SECRET_OUT).verify(c));

            assertEquals(409, f.api.call("POST", path, attendant, new JsonObject().put("plate", "粤B88889")).status(),
                    "a case is corrected once");
            String audit = f.api.ok("GET", "/api/audit?limit=50", f.managerToken, null).body();
            assertTrue(audit.contains("PLATE_CORRECTED") && audit.contains(id), audit);
        }
    }

    /**
     * Verifies that a plate is corrected only on a held vehicle's case: an alarm (here a rammed barrier) and a long
     * stay are the supervisor's to claim and resolve, and a correction by the booth would close them.
     */
    @Test
    void onlyAHeldVehiclesPlateIsCorrected(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"));
             TestAgent in = f.agent(CentralFixture.IN, dir.resolve("agent"))) {
            String attendant = f.user("att1", "ATTENDANT");
            String alarm = UUID.randomUUID().toString();
            in.uplink.publish(new LaneEvent(alarm, CentralFixture.IN, EventType.ALARM, Instant.now(), "粤B00003",
                    null, null, null, null, "BARRIER_FORCED", "道闸被撞", null, null, null, null, null));
            // Central's own long-stay case: an entry nine days ago, found by the scan.
            in.uplink.publish(LaneEvent.of(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY,
                    Instant.now().minus(Duration.ofDays(9)), "粤B00004", "TEMPORARY", "临时车入场"));
            Await.until(Duration.ofSeconds(10), "events stored", () -> in.uplink.unconfirmed() == 0);
            f.central.longStays().scan().toCompletionStage().toCompletableFuture().get();
            Await.until(Duration.ofSeconds(10), "cases at central",
                    () -> f.api.call("GET", "/api/exceptions/X-" + alarm, attendant, null).status() == 200
                            && longStayCase(f, attendant) != null);
            String longStay = longStayCase(f, attendant);
            for (String id : new String[] {"X-" + alarm, longStay}) {
                Api.Response r = f.api.call("POST", "/api/exceptions/" + id + "/correct-plate", attendant,
                        new JsonObject().put("plate", "粤B12345"));
                assertEquals(409, r.status(), id + " closed by a correction: " + r.body());
                assertTrue(r.body().contains("held vehicle"), r.body());
                assertEquals("OPEN", f.api.ok("GET", "/api/exceptions/" + id, attendant, null).json()
                        .getString("status"));
            }
            assertTrue(in.commands.isEmpty(), "nothing refused reached the lane");
        }
    }

    /** The id of central's long-stay case, or null while there is none. */
    private static String longStayCase(CentralFixture f, String token) {
        return f.api.ok("GET", "/api/exceptions", token, null).array().stream().map(JsonObject.class::cast)
                .filter(x -> "LONG_STAY".equals(x.getString("code"))).map(x -> x.getString("id")).findFirst()
                .orElse(null);
    }
}
