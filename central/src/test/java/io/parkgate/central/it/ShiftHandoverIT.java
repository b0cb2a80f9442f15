package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.PaymentMethod;
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

    private static LaneEvent payment(long fen, PaymentMethod m, String aboutExit) {
        return new LaneEvent(UUID.randomUUID().toString(), CentralFixture.OUT, EventType.PAYMENT, Instant.now(),
                "粤B12345", null, null, null, null, "TEMPORARY", "临时车缴费", fen, m, null, null, aboutExit);
    }

    private static LaneEvent exit(long fen, PaymentMethod m) {
        return new LaneEvent(UUID.randomUUID().toString(), CentralFixture.OUT, EventType.EXIT, Instant.now(),
                "粤B54321", null, null, null, null, "TEMPORARY", "临时车辆", fen, m, null, null, null);
    }
}
