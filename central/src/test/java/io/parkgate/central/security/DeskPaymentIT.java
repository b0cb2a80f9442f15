package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.central.it.Api;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.central.it.TestAgent;
import io.parkgate.testing.Await;
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
 * Desk cash lands in the handover that must account for it (docs/security.md, "Prepayments"), and a lane's
 * ENTRY dated ahead cannot price a stay at nothing.
 */
@ExtendWith(VertxExtension.class)
class DeskPaymentIT {

    @TempDir
    Path dir;

    /** Cash an attendant takes is booked to their shift's post, whatever post the request names. */
    @Test
    void cashTakenByAnAttendantCountsInTheirShiftsHandover(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String wang = f.user("wang", "ATTENDANT");
            f.user("li", "ATTENDANT");
            entry(f, "粤B00001", Instant.now().minus(Duration.ofMinutes(179)));
            Api.Response off = f.api.call("POST", "/api/prepayments", wang, cash("粤B00001", 1100, CentralFixture.POST));
            assertEquals(409, off.status(), "an attendant took cash without a running shift: " + off.body());
            JsonObject shift = f.api.ok("POST", "/api/shifts", wang, new JsonObject().put("post", CentralFixture.POST))
                    .json();
            Api.Response elsewhere = f.api.call("POST", "/api/prepayments", wang, cash("粤B00001", 1100, "nowhere"));
            assertEquals(409, elsewhere.status(), "cash booked under a post not the shift's: " + elsewhere.body());
            assertTrue(elsewhere.json().getString("message").contains(CentralFixture.POST), elsewhere.body());
            // no post named: the shift's
            JsonObject paid = f.api.ok("POST", "/api/prepayments", wang, cash("粤B00001", 1100, null)).json();
            assertEquals(CentralFixture.POST, paid.getString("post"));
            JsonObject h = f.api.ok("POST", "/api/shifts/" + shift.getString("id") + "/handover", wang,
                    new JsonObject().put("toAttendant", "li").put("cashFen", 0)).json();
            assertEquals(1100, h.getLong("expectedCashFen"),
                    "wang took 1100 fen in cash during the shift, yet the handover expects: " + h.encode());
        }
    }

    /**
     * A supervisor need not run a shift: their cash goes to a post on duty they name (its handover expects it)
     * or, with none named, to the supervisor's desk, listed and audited under their name.
     */
    @Test
    void aSupervisorsCashGoesToAPostOnDutyOrTheirOwnDesk(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String sup = f.user("sup", "SUPERVISOR");
            String wang = f.user("wang", "ATTENDANT");
            f.user("li", "ATTENDANT");
            entry(f, "粤B00001", Instant.now().minus(Duration.ofMinutes(179)));
            entry(f, "粤B00002", Instant.now().minus(Duration.ofMinutes(179)));
            assertEquals(400, f.api.call("POST", "/api/prepayments", sup, cash("粤B00001", 1100, "nowhere")).status());
            assertEquals(409, f.api.call("POST", "/api/prepayments", sup, cash("粤B00001", 1100, CentralFixture.POST))
                    .status(), "cash booked to a post where no shift runs");
            JsonObject shift = f.api.ok("POST", "/api/shifts", wang, new JsonObject().put("post", CentralFixture.POST))
                    .json();
            assertEquals(CentralFixture.POST, f.api.ok("POST", "/api/prepayments", sup,
                    cash("粤B00001", 1100, CentralFixture.POST)).json().getString("post"));
            JsonObject desk = f.api.ok("POST", "/api/prepayments", sup, cash("粤B00002", 1100, null)).json();
            assertNull(desk.getString("post"));
            assertTrue(f.api.ok("GET", "/api/audit?action=PREPAYMENT", sup, null).body()
                    .contains("supervisor's desk"));
            JsonObject h = f.api.ok("POST", "/api/shifts/" + shift.getString("id") + "/handover", wang,
                    new JsonObject().put("toAttendant", "li").put("cashFen", 1100)).json();
            assertEquals(1100, h.getLong("expectedCashFen"), h.encode());
        }
    }

    /**
     * A lane PC's word is believed for an hour of a stay at most (docs/security.md). A later ENTRY of the plate
     * dated ahead (within the day of clock skew central accepts) is not the stay being paid for.
     */
    @Test
    void anEntryDatedAheadDoesNotEraseTheStay(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String desk = f.user("desk", "ATTENDANT");
            f.api.ok("POST", "/api/shifts", desk, new JsonObject().put("post", CentralFixture.POST));
            entry(f, "粤B00002", Instant.now().minus(Duration.ofMinutes(179)));
            Api.Response before = f.api.call("POST", "/api/prepayments", desk, cash("粤B00002", 0, CentralFixture.POST));
            assertEquals(409, before.status(), before.body());
            // the entry lane's PC sends a second ENTRY of the plate, dated 20 h ahead
            entry(f, "粤B00002", Instant.now().plus(Duration.ofHours(20)));
            Api.Response r = f.api.call("POST", "/api/prepayments", desk, cash("粤B00002", 0, CentralFixture.POST));
            assertEquals(409, r.status(), "a three-hour stay prepaid with 0 fen after a lane's ENTRY: " + r.body());
            assertTrue(r.json().getString("message").contains("应收 11.00 元"), r.body());
            // a plate whose only open entry lies ahead is refused, not let out for nothing
            entry(f, "粤B00003", Instant.now().plus(Duration.ofHours(20)));
            Api.Response ahead = f.api.call("POST", "/api/prepayments", desk, cash("粤B00003", 0, CentralFixture.POST));
            assertEquals(409, ahead.status(), ahead.body());
            assertTrue(ahead.json().getString("message").contains("after now"), ahead.body());
        }
    }

    private static JsonObject cash(String plate, long fen, String post) {
        JsonObject b = new JsonObject().put("plate", plate).put("amountFen", fen).put("method", "CASH");
        return post == null ? b : b.put("post", post);
    }

    private void entry(CentralFixture f, String plate, Instant at) throws Exception {
        try (TestAgent in = f.agent(CentralFixture.IN, dir.resolve("in-" + UUID.randomUUID()))) {
            Await.until(Duration.ofSeconds(10), "connected", () -> in.uplink.state() == DeviceState.CONNECTED);
            in.uplink.publish(new LaneEvent(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY, at,
                    plate, null, null, null, null, "TEMPORARY", "临时车辆", null, null, null, null, null));
            Await.until(Duration.ofSeconds(10), "entry stored", () -> in.uplink.unconfirmed() == 0);
        }
    }
}
