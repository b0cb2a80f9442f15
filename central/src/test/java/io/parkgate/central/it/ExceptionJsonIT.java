package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.PlateColour;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.PaymentMethod;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exception cases as the supervisor console and the booth are sent them, field by field: the service hands
 * the door cases and files, and the door keeps the shape the console was built on (the table's columns in
 * camelCase and in their order, times as ISO-8601 instants, what was not recorded left out, an empty part of
 * the vehicle file sent as null).
 */
@ExtendWith(VertxExtension.class)
class ExceptionJsonIT {

    private static final String PLATE = "粤B77777";
    private static final String CARD = "0E00A35C21";

    @TempDir
    Path dir;

    /** Verifies the fields of a case and its file through list, get, claim, resolve and a plate correction. */
    @Test
    void casesKeepTheirJsonShape(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"));
             TestAgent out = f.agent(CentralFixture.OUT, dir.resolve("agent"))) {
            String supervisor = f.user("sup1", "SUPERVISOR");
            String clerk = f.user("clerk1", "CARD_CLERK");
            f.api.ok("PUT", "/api/registry", clerk, new JsonObject()
                    .put("owners", new JsonArray().add(new JsonObject().put("id", "o1").put("name", "李四")
                            .put("unit", "3-201").put("phone", "13800000000")))
                    .put("vehicles", new JsonArray().add(new JsonObject().put("plate", PLATE).put("ownerId", "o1")
                            .put("colour", "BLUE").put("vehicleClass", "SMALL")))
                    .put("cards", new JsonArray().add(new JsonObject().put("number", CARD).put("ownerId", "o1")
                            .put("plate", PLATE).put("status", "ACTIVE")))
                    .put("passes", new JsonArray().add(new JsonObject().put("id", "p1").put("plate", PLATE)
                            .put("type", "MONTHLY").put("validFrom", "2026-01-01T00:00:00Z")
                            .put("validUntil", "2026-02-01T00:00:00Z")))
                    .put("blacklist", new JsonArray().add(new JsonObject().put("plate", PLATE).put("reason", "欠费"))));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String entry = UUID.randomUUID().toString();
            out.uplink.publish(new LaneEvent(entry, CentralFixture.OUT, EventType.EXIT, now.minusSeconds(60), PLATE,
                    PLATE, PlateColour.BLUE, 93, null, "PAID", "缴费出场", 500L, PaymentMethod.CASH, "备注", "snap/1.jpg",
                    null));
            String held = UUID.randomUUID().toString();
            out.uplink.publish(new LaneEvent(held, CentralFixture.OUT, EventType.EXCEPTION, now, PLATE, PLATE, null,
                    91, CARD, "CARD_PLATE_MISMATCH", "卡与车牌不符", null, null, null, "snap/77777.jpg", null));
            String other = UUID.randomUUID().toString();
            out.uplink.publish(new LaneEvent(other, CentralFixture.OUT, EventType.EXCEPTION, now, null, null, null,
                    null, null, "PLATELESS", "无牌车", null, null, null, null, null));
            String id = "X-" + held;
            Await.until(Duration.ofSeconds(10), "cases at central",
                    () -> f.api.call("GET", "/api/exceptions/" + id, supervisor, null).status() == 200
                            && f.api.call("GET", "/api/exceptions/X-" + other, supervisor, null).status() == 200);

            List<String> open = List.of("id", "eventId", "laneId", "code", "plate", "plateAsRead", "card", "reason",
                    "snapshotRef", "openedAt", "status");
            JsonObject x = f.api.ok("GET", "/api/exceptions/" + id, supervisor, null).json();
            assertEquals(concat(open, List.of("cardFile", "vehicleFile", "previousPassages")),
                    List.copyOf(x.fieldNames()), x.encode());
            assertEquals(now.toString(), x.getString("openedAt"));
            assertEquals("OPEN", x.getString("status"));
            JsonObject owner = new JsonObject().put("id", "o1").put("name", "李四").put("unit", "3-201")
                    .put("phone", "13800000000");
            JsonObject card = new JsonObject().put("number", CARD).put("ownerId", "o1").put("plate", PLATE)
                    .put("status", "ACTIVE");
            assertEquals(new JsonObject().put("card", card).put("owner", owner).encode(),
                    x.getJsonObject("cardFile").encode());
            JsonObject vehicleFile = new JsonObject()
                    .put("vehicle", new JsonObject().put("plate", PLATE).put("ownerId", "o1").put("colour", "BLUE")
                            .put("vehicleClass", "SMALL"))
                    .put("owner", owner).put("cards", new JsonArray().add(card))
                    .put("passes", new JsonArray().add(new JsonObject().put("id", "p1").put("plate", PLATE)
                            .put("type", "MONTHLY").put("validFrom", Instant.parse("2026-01-01T00:00:00Z")
                                    .toEpochMilli()).put("validUntil", Instant.parse("2026-02-01T00:00:00Z")
                                    .toEpochMilli())))
                    .putNull("visitor")
                    .put("blacklist", new JsonObject().put("plate", PLATE).put("reason", "欠费"));
            assertEquals(vehicleFile.encode(), x.getJsonObject("vehicleFile").encode());
            JsonArray previous = x.getJsonArray("previousPassages");
            assertEquals(1, previous.size(), previous.encode());
            JsonObject passage = previous.getJsonObject(0);
            assertEquals(List.of("eventId", "laneId", "type", "occurredAt", "receivedAt", "plate", "plateAsRead",
                    "colour", "confidence", "code", "reason", "feeFen", "paymentMethod", "remark", "snapshotRef"),
                    List.copyOf(passage.fieldNames()), passage.encode());
            assertEquals(new JsonObject().put("eventId", entry).put("laneId", CentralFixture.OUT).put("type", "EXIT")
                    .put("occurredAt", now.minusSeconds(60).toString()).encode(),
                    new JsonObject().put("eventId", passage.getValue("eventId"))
                            .put("laneId", passage.getValue("laneId")).put("type", passage.getValue("type"))
                            .put("occurredAt", passage.getValue("occurredAt")).encode());
            assertEquals("[\"BLUE\",93,\"PAID\",\"缴费出场\",500,\"CASH\",\"备注\",\"snap/1.jpg\"]",
                    new JsonArray().add(passage.getValue("colour")).add(passage.getValue("confidence"))
                            .add(passage.getValue("code")).add(passage.getValue("reason"))
                            .add(passage.getValue("feeFen")).add(passage.getValue("paymentMethod"))
                            .add(passage.getValue("remark")).add(passage.getValue("snapshotRef")).encode());
            Instant.parse(passage.getString("receivedAt"));

            // a plateless case has no file: only what the lane reported
            JsonObject plateless = f.api.ok("GET", "/api/exceptions/X-" + other, supervisor, null).json();
            assertEquals(List.of("id", "eventId", "laneId", "code", "reason", "openedAt", "status"),
                    List.copyOf(plateless.fieldNames()), plateless.encode());

            JsonArray all = f.api.ok("GET", "/api/exceptions", supervisor, null).array();
            assertEquals(2, all.size(), all.encode());
            for (Object o : all) {
                JsonObject c = (JsonObject) o;
                assertEquals(c.getString("id").equals(id) ? open
                        : List.of("id", "eventId", "laneId", "code", "reason", "openedAt", "status"),
                        List.copyOf(c.fieldNames()), c.encode());
            }

            JsonObject claimed = f.api.ok("POST", "/api/exceptions/" + id + "/claim", supervisor, null).json();
            List<String> claimedFields = concat(open, List.of("claimedBy", "claimedAt", "claimedByName",
                    "secondsToClaim"));
            assertEquals(claimedFields, List.copyOf(claimed.fieldNames()), claimed.encode());
            assertEquals("CLAIMED", claimed.getString("status"));
            assertEquals("sup1", claimed.getString("claimedBy"));
            assertTrue(claimed.getValue("secondsToClaim") instanceof Number, claimed.encode());

            JsonObject resolution = new JsonObject().put("licenceNo", "440301199001011234").put("idCardNo",
                    "440301199001011234").put("statement", "车主本人").put("signatureRef", "sig/1.png")
                    .put("feeFen", 1500).put("feeAction", "WAIVE").put("waiveReason", "业主核实，免收")
                    .put("outcome", "核实为业主，放行");
            JsonObject done = f.api.ok("POST", "/api/exceptions/" + id + "/resolve", supervisor, resolution).json();
            assertEquals(List.of("id", "eventId", "laneId", "code", "plate", "plateAsRead", "card", "reason",
                    "snapshotRef", "openedAt", "status", "claimedBy", "claimedAt", "licenceNo", "idCardNo", "statement",
                    "signatureRef", "feeFen", "feeAction", "waiveReason", "outcome", "resolvedBy", "resolvedAt",
                    "commandId", "claimedByName", "resolvedByName", "secondsToClaim", "secondsToResolve"),
                    List.copyOf(done.fieldNames()), done.encode());
            assertEquals(1500, done.getValue("feeFen"));
            assertEquals("WAIVE", done.getString("feeAction"));
            assertEquals("RESOLVED", done.getString("status"));
            JsonObject resolved = f.api.ok("GET", "/api/exceptions/" + id, supervisor, null).json();
            assertEquals(concat(List.copyOf(done.fieldNames()).subList(0, 26),
                    List.of("cardFile", "vehicleFile", "previousPassages", "secondsToClaim", "secondsToResolve")),
                    List.copyOf(resolved.fieldNames()), resolved.encode());

            JsonObject corrected = f.api.ok("POST", "/api/exceptions/X-" + other + "/correct-plate", supervisor,
                    new JsonObject().put("plate", "粤B12345")).json();
            assertEquals(List.of("id", "eventId", "laneId", "code", "reason", "openedAt", "status", "outcome",
                    "resolvedBy", "resolvedAt", "commandId", "resolvedByName", "secondsToResolve"),
                    List.copyOf(corrected.fieldNames()), corrected.encode());
            assertEquals("车牌更正：未识别 → 粤B12345", corrected.getString("outcome"));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
