package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Shift handover (form FM-RW528) with the cash the post's lanes took, through the API. */
@ExtendWith(VertxExtension.class)
class ShiftHandoverIT {

    @TempDir
    Path dir;

    /**
     * Verifies that a handover shows the difference between the cash handed over and the cash taken, that the
     * outgoing shift runs until the named incoming attendant accepts, and that a supervisor signs it.
     */
    @Test
    void handoverShowsCashDifference(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String wang = f.user("wang", "ATTENDANT");
            String li = f.user("li", "ATTENDANT");
            String zhao = f.user("zhao", "ATTENDANT");
            String sup = f.user("sup", "SUPERVISOR");
            JsonObject shift = f.api.ok("POST", "/api/shifts", wang, new JsonObject().put("post", CentralFixture.POST))
                    .json();
            assertEquals(409, f.api.call("POST", "/api/shifts", li, new JsonObject().put("post", CentralFixture.POST))
                    .status(), "a second shift opened at a running post");
            try (TestAgent out = f.agent(CentralFixture.OUT, dir.resolve("agent"))) {
                // the agent's own form: the exit carries the cash taken at the lane
                LaneEvent paidExit = exit(1000, PaymentMethod.CASH);
                out.uplink.publish(paidExit);
                // a separate payment about that exit is the same cash, not more
                out.uplink.publish(payment(1000, PaymentMethod.CASH, paidExit.eventId()));
                out.uplink.publish(exit(700, PaymentMethod.CASH));
                out.uplink.publish(payment(500, PaymentMethod.CASH, null));
                out.uplink.publish(payment(800, PaymentMethod.MOBILE, null));
                out.uplink.publish(exit(600, PaymentMethod.PREPAID));
                // the car paid for at the desk below is inside (central prices its stay)
                out.uplink.publish(new LaneEvent(UUID.randomUUID().toString(), CentralFixture.OUT, EventType.ENTRY,
                        Instant.now(), "粤B22222", null, null, null, null, "TEMPORARY", "临时车辆", null, null, null, null,
                        null));
                Await.until(Duration.ofSeconds(10), "payments stored", () -> out.uplink.unconfirmed() == 0);
            }
            f.api.ok("POST", "/api/prepayments", wang, new JsonObject().put("plate", "粤B22222").put("amountFen", 300)
                    .put("method", "CASH").put("post", CentralFixture.POST));

            JsonObject form = new JsonObject().put("toAttendant", "li").put("dutyNotes", "夜班无异常")
                    .put("walkieTalkies", 2).put("keys", 3).put("batons", 1).put("flashlights", 2).put("tickets", 150)
                    .put("cashFen", 2200).put("remarks", "少交三元待查");
            assertEquals(403, f.api.call("POST", "/api/shifts/" + shift.getString("id") + "/handover", li, form)
                    .status(), "someone else handed over wang's shift");
            JsonObject h = f.api.ok("POST", "/api/shifts/" + shift.getString("id") + "/handover", wang, form).json();
            assertEquals(1000 + 700 + 500 + 300, h.getLong("expectedCashFen"),
                    "cash exits, a cash payment not about them, and the desk's prepayment; not MOBILE or PREPAID");
            assertEquals(-300, h.getLong("differenceFen"));
            assertFalse(h.getBoolean("cashMatches"));
            assertEquals("wang", f.api.ok("GET", "/api/shifts/current?post=" + CentralFixture.POST, sup, null).json()
                    .getString("attendant"), "outgoing shift ended before acceptance");

            String hid = h.getString("id");
            assertEquals(403, f.api.call("POST", "/api/handovers/" + hid + "/accept", zhao, null).status());
            assertEquals(409, f.api.call("POST", "/api/handovers/" + hid + "/sign", sup, null).status(),
                    "signed before acceptance");
            f.api.ok("POST", "/api/handovers/" + hid + "/accept", li, null);
            assertEquals("li", f.api.ok("GET", "/api/shifts/current?post=" + CentralFixture.POST, sup, null).json()
                    .getString("attendant"));
            assertEquals(403, f.api.call("POST", "/api/handovers/" + hid + "/sign", wang, null).status());
            JsonObject signed = f.api.ok("POST", "/api/handovers/" + hid + "/sign", sup, null).json();
            assertEquals("sup", signed.getString("supervisor"));
            assertEquals(-300, signed.getLong("differenceFen"), "difference hidden after signing");
            assertEquals(true, signed.getString("formNo").startsWith("FM-RW528-"));
        }
    }

    /**
     * Verifies the JSON of shifts and handover forms, field by field (names and order, what is sent as null and
     * what is left out): the booth, the supervisor's screen and the printed form were built on it.
     */
    @Test
    void shiftsAndFormsKeepTheirJsonShape(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String wang = f.user("wang", "ATTENDANT");
            String li = f.user("li", "ATTENDANT");
            String sup = f.user("sup", "SUPERVISOR");
            JsonObject shift = f.api.ok("POST", "/api/shifts", wang, new JsonObject().put("post", CentralFixture.POST)
                    .put("shift", "EARLY")).json();
            List<String> shiftFields = List.of("id", "post", "attendant", "startedAt", "name");
            assertEquals(shiftFields, List.copyOf(shift.fieldNames()), shift.encode());
            JsonObject current = f.api.ok("GET", "/api/shifts/current?post=" + CentralFixture.POST, wang, null).json();
            assertEquals(shift.encode(), current.encode());
            try (TestAgent out = f.agent(CentralFixture.OUT, dir.resolve("agent"))) {
                out.uplink.publish(new LaneEvent(UUID.randomUUID().toString(), CentralFixture.OUT, EventType.ENTRY,
                        Instant.now(), "粤B22222", null, null, null, null, "TEMPORARY", "临时车辆", null, null, null, null,
                        null));
                String held = UUID.randomUUID().toString();
                out.uplink.publish(new LaneEvent(held, CentralFixture.OUT, EventType.EXCEPTION, Instant.now(),
                        "粤B77777", "粤B77777", null, 91, null, "NO_ENTRY_RECORD", "无入场记录", null, null, null, null,
                        null));
                Await.until(Duration.ofSeconds(10), "the case at central",
                        () -> f.api.call("GET", "/api/exceptions/X-" + held, sup, null).status() == 200);
                f.api.ok("POST", "/api/exceptions/X-" + held + "/claim", sup, null);
                f.api.ok("POST", "/api/exceptions/X-" + held + "/resolve", sup, new JsonObject().put("feeFen", 500)
                        .put("feeAction", "COLLECT").put("paymentMethod", "CASH").put("outcome", "收费放行")
                        .put("release", false));
                Await.until(Duration.ofSeconds(10), "the entry stored", () -> out.uplink.unconfirmed() == 0);
            }
            f.api.ok("POST", "/api/prepayments", wang, new JsonObject().put("plate", "粤B22222").put("amountFen", 300)
                    .put("method", "CASH").put("post", CentralFixture.POST));
            f.api.ok("POST", "/console/notes", wang, new JsonObject().put("kind", "GOODS_CHECK")
                    .put("laneId", CentralFixture.IN).put("note", "未发现危险品"));

            JsonObject h = f.api.ok("POST", "/api/shifts/" + shift.getString("id") + "/handover", wang,
                    new JsonObject().put("toAttendant", "li").put("walkieTalkies", 2).put("keys", 3).put("batons", 1)
                            .put("flashlights", 2).put("tickets", 150).put("cashFen", 300)).json();
            List<String> filed = List.of("id", "formNo", "shiftId", "post", "fromAttendant", "toAttendant",
                    "createdAt", "walkieTalkies", "keys", "batons", "flashlights", "tickets", "cashFen",
                    "expectedCashFen");
            List<String> computed = List.of("differenceFen", "cashMatches", "shiftStartedAt", "shiftName",
                    "fromName", "toName", "supervisorName");
            List<String> lists = List.of("exceptionsResolved", "notes", "payments");
            assertEquals(concat(List.of(filed, computed, lists)), List.copyOf(h.fieldNames()), h.encode());
            assertEquals(h.getLong("differenceFen") == 0, h.getValue("cashMatches"), "a JSON boolean");
            assertEquals("EARLY", h.getValue("shiftName"));
            assertEquals(null, h.getValue("supervisorName"));
            JsonObject resolved = h.getJsonArray("exceptionsResolved").getJsonObject(0);
            assertEquals(List.of("id", "laneId", "plate", "code", "outcome", "feeFen", "feeAction", "resolvedBy",
                    "resolvedAt"), List.copyOf(resolved.fieldNames()), resolved.encode());
            JsonObject note = h.getJsonArray("notes").getJsonObject(0);
            assertEquals(List.of("id", "at", "laneId", "post", "kind", "plate", "note", "from", "displayName"),
                    List.copyOf(note.fieldNames()), note.encode());
            JsonObject paid = h.getJsonArray("payments").getJsonObject(0);
            assertEquals(List.of("receiptNo", "plate", "amountFen", "method", "paidAt", "takenBy", "partial", "dueFen",
                    "creditedFen"),
                    List.copyOf(paid.fieldNames()), paid.encode());
            assertEquals(false, paid.getValue("partial"));
            current = f.api.ok("GET", "/api/shifts/current?post=" + CentralFixture.POST, wang, null).json();
            assertEquals(concat(List.of(shiftFields, List.of("handoverFormNo"))), List.copyOf(current.fieldNames()),
                    current.encode());

            JsonArray pending = f.api.ok("GET", "/api/handovers?state=PENDING", li, null).array();
            assertEquals(List.of("id", "formNo", "post", "fromAttendant", "toAttendant", "fromName", "toName",
                    "createdAt"), List.copyOf(pending.getJsonObject(0).fieldNames()), pending.encode());
            String hid = h.getString("id");
            JsonObject accepted = f.api.ok("POST", "/api/handovers/" + hid + "/accept", li, null).json();
            assertEquals(concat(List.of(filed, List.of("acceptedAt", "nextShiftId"), computed, List.of("nextShiftName"),
                    lists)), List.copyOf(accepted.fieldNames()), accepted.encode());
            JsonArray unsigned = f.api.ok("GET", "/api/handovers?state=UNSIGNED", sup, null).array();
            assertEquals(List.of("id", "formNo", "post", "fromAttendant", "toAttendant", "fromName", "toName",
                    "createdAt", "acceptedAt", "cashFen", "expectedCashFen", "differenceFen"),
                    List.copyOf(unsigned.getJsonObject(0).fieldNames()), unsigned.encode());
            JsonObject signed = f.api.ok("POST", "/api/handovers/" + hid + "/sign", sup, null).json();
            assertEquals(concat(List.of(filed, List.of("acceptedAt", "nextShiftId", "supervisor", "signedAt"), computed,
                    List.of("nextShiftName"), lists)), List.copyOf(signed.fieldNames()), signed.encode());
            JsonObject byFormNo = f.api.ok("GET", "/api/handovers/" + signed.getString("formNo"), sup, null).json();
            assertEquals(List.copyOf(signed.fieldNames()), List.copyOf(byFormNo.fieldNames()), byFormNo.encode());
        }
    }

    private static List<String> concat(List<List<String>> parts) {
        return parts.stream().flatMap(List::stream).toList();
    }

    private static LaneEvent payment(long fen, PaymentMethod m, String aboutExit) {
        return new LaneEvent(UUID.randomUUID().toString(), CentralFixture.OUT, EventType.PAYMENT, Instant.now(),
                "粤B12345", null, null, null, null, "TEMPORARY", "临时车缴费", fen, m, null, null, aboutExit);
    }

    private static LaneEvent exit(long fen, PaymentMethod m) {
        return new LaneEvent(UUID.randomUUID().toString(), CentralFixture.OUT, EventType.EXIT, Instant.now(),
                "粤B54321", null, null, null, null, "TEMPORARY", "临时车辆", fen, m, null, null, null);
    }

    /**
     * Verifies that neither party to a handover signs it, even as a supervisor: the signature approves the cash
     * difference, so the supervisor who handed the shift over (or took it) cannot approve their own.
     */
    @Test
    void aPartyToAHandoverCannotSignIt(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String sup = f.user("sup", "SUPERVISOR");
            String boss = f.user("chen", "SUPERVISOR");
            String li = f.user("li", "ATTENDANT");
            JsonObject shift = f.api.ok("POST", "/api/shifts", sup, new JsonObject().put("post", CentralFixture.POST))
                    .json();
            String hid = f.api.ok("POST", "/api/shifts/" + shift.getString("id") + "/handover", sup,
                    new JsonObject().put("toAttendant", "li").put("cashFen", 0).put("remarks", "short")).json()
                    .getString("id");
            f.api.ok("POST", "/api/handovers/" + hid + "/accept", li, null);
            Api.Response own = f.api.call("POST", "/api/handovers/" + hid + "/sign", sup, null);
            assertEquals(403, own.status(), "the outgoing supervisor signed their own handover: " + own.body());

            // li hands over to the other supervisor, who may not sign what they received either
            String next = f.api.ok("GET", "/api/shifts/current?post=" + CentralFixture.POST, li, null).json()
                    .getString("id");
            String hid2 = f.api.ok("POST", "/api/shifts/" + next + "/handover", li,
                    new JsonObject().put("toAttendant", "chen").put("cashFen", 0)).json().getString("id");
            f.api.ok("POST", "/api/handovers/" + hid2 + "/accept", boss, null);
            Api.Response received = f.api.call("POST", "/api/handovers/" + hid2 + "/sign", boss, null);
            assertEquals(403, received.status(), "the receiving supervisor signed: " + received.body());

            // a third person signs both
            assertEquals("chen", f.api.ok("POST", "/api/handovers/" + hid + "/sign", boss, null).json()
                    .getString("supervisor"));
            assertEquals("sup", f.api.ok("POST", "/api/handovers/" + hid2 + "/sign", sup, null).json()
                    .getString("supervisor"));
        }
    }

    /**
     * Verifies that a shift is handed over only to someone who can accept it: an active attendant or supervisor
     * of the site. A form to anyone else could never be accepted and would hold the post for good.
     */
    @Test
    void aHandoverToSomeoneWhoCannotTakeTheShiftIsRefused(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String wang = f.user("wang", "ATTENDANT");
            String li = f.user("li", "ATTENDANT");
            f.user("gone", "ATTENDANT");
            f.user("clerk", "CARD_CLERK");
            f.api.ok("POST", "/api/users/gone/disable", f.managerToken, null);
            String shiftId = f.api.ok("POST", "/api/shifts", wang, new JsonObject().put("post", CentralFixture.POST))
                    .json().getString("id");
            String path = "/api/shifts/" + shiftId + "/handover";
            for (String to : List.of("nobody", "gone", "clerk", "wang")) {
                Api.Response r = f.api.call("POST", path, wang,
                        new JsonObject().put("toAttendant", to).put("cashFen", 0));
                assertEquals(400, r.status(), "handed over to " + to + ": " + r.body());
                assertTrue(r.body().contains("toAttendant"), r.body());
            }
            // nothing was filed: wang hands over to li, who takes the post
            String hid = f.api.ok("POST", path, wang, new JsonObject().put("toAttendant", "li").put("cashFen", 0))
                    .json().getString("id");
            f.api.ok("POST", "/api/handovers/" + hid + "/accept", li, null);
            assertEquals("li", f.api.ok("GET", "/api/shifts/current?post=" + CentralFixture.POST, li, null).json()
                    .getString("attendant"));
        }
    }
}
