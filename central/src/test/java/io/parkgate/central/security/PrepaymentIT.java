package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 3: an attendant cannot make an exit free. A prepayment must cover what central computes
 * the stay owes with the site's tariff, only cash is typed in at a desk, and the answer says who took it.
 */
@ExtendWith(VertxExtension.class)
class PrepaymentIT {

    @TempDir
    Path dir;

    @Test
    void anAttendantCannotMakeAnExitFree(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String desk = f.user("desk", "ATTENDANT");
            f.api.ok("POST", "/api/shifts", desk, new JsonObject().put("post", CentralFixture.POST));
            try (TestAgent in = f.agent(CentralFixture.IN, dir.resolve("in"))) {
                Await.until(Duration.ofSeconds(10), "connected", () -> in.uplink.state() == DeviceState.CONNECTED);
                // in for three hours: 500 + 300 + 300 fen with the fixture's tariff
                in.uplink.publish(new LaneEvent(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY,
                        Instant.now().minus(Duration.ofMinutes(179)), "粤B00001", null, null, null, null, "TEMPORARY",
                        "临时车辆", null, null, null, null, null));
                Await.until(Duration.ofSeconds(10), "entry stored", () -> in.uplink.unconfirmed() == 0);
            }
            Api.Response r = f.api.call("POST", "/api/prepayments", desk, pay("粤B00001", 0, "MOBILE"));
            assertEquals(400, r.status(), "an attendant typed in a mobile payment: " + r.body());
            r = f.api.call("POST", "/api/prepayments", desk, pay("粤B00001", 0, "CASH"));
            assertEquals(409, r.status(), "a free exit for nothing: " + r.body());
            assertTrue(r.json().getString("message").contains("应收 11.00 元"), r.body());
            r = f.api.call("POST", "/api/prepayments", desk, pay("粤B00001", 1099, "CASH"));
            assertEquals(409, r.status(), r.body());
            assertEquals(409, f.api.call("POST", "/api/prepayments", desk, pay("粤B99999", 5000, "CASH")).status(),
                    "a plate with no stay was prepaid");
            JsonObject ok = f.api.ok("POST", "/api/prepayments", desk, pay("粤B00001", 1100, "CASH")).json();
            assertEquals(1100, ok.getLong("feeDueFen"));
            assertEquals("desk", ok.getString("takenBy"));
            assertEquals("CASH", ok.getString("method"));
            assertTrue(ok.getBoolean("free"));
            // The service hands the door records; the door keeps the JSON the booths were built on (plus the post
            // the cash was booked to).
            assertEquals(List.of("plate", "prepaid", "paidAt", "freeUntil", "exitAt", "free", "remark", "id",
                    "receiptNo", "amountFen", "feeDueFen", "partial", "paidTowardFen", "remainingFen", "method",
                    "takenBy", "post"),
                    List.copyOf(ok.fieldNames()), ok.encode());
            JsonObject row = f.api.ok("GET", "/api/payments?receipt=" + ok.getString("receiptNo"), desk, null).array()
                    .getJsonObject(0);
            assertEquals(List.of("id", "receiptNo", "plate", "amountFen", "method", "paidAt", "post", "takenBy",
                    "partial", "dueFen", "creditedFen"), List.copyOf(row.fieldNames()), row.encode());
            assertEquals(false, row.getValue("partial"), "partial is a JSON boolean");
            assertEquals(ok.getString("paidAt"), row.getString("paidAt"));
        }
    }

    private static JsonObject pay(String plate, long fen, String method) {
        return new JsonObject().put("plate", plate).put("amountFen", fen).put("method", method)
                .put("post", CentralFixture.POST);
    }
}
