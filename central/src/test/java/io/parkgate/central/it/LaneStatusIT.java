package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.testing.Await;
import io.parkgate.testing.CuttableLink;
import io.parkgate.wire.BarrierState;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.LaneStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lane online/offline at central from the agent's retained status and its MQTT last will. */
@ExtendWith(VertxExtension.class)
class LaneStatusIT {

    @TempDir
    Path dir;

    /** Verifies that a lane shows online with its devices, and offline once its link dies without a goodbye. */
    @Test
    void lastWillMarksLaneOffline(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            URI broker = URI.create(f.central.brokerUrl());
            try (CuttableLink proxy = new CuttableLink(broker.getHost(), broker.getPort());
                 TestAgent agent = f.agent(proxy.url(), CentralFixture.IN, dir.resolve("agent"))) {
                Await.until(Duration.ofSeconds(10), "lane online", () -> "true".equals(lane(f).getValue("online")
                        .toString()));
                agent.uplink.updateStatus(new LaneStatus(CentralFixture.IN, true, null, BarrierState.OPEN,
                        List.of(new LaneStatus.DeviceStatus("CAMERA", "FAULT", "no answer")), 2));
                Await.until(Duration.ofSeconds(10), "status update", () -> "OPEN".equals(lane(f).getString("barrier")));
                JsonObject l = lane(f);
                assertEquals(2, l.getInteger("queue"));
                assertEquals("FAULT", l.getJsonArray("devices").getJsonObject(0).getString("state"));
                assertEquals(CentralFixture.POST, l.getString("post"));
                proxy.cut();
                proxy.close();
                // The broker notices the dead link at the keep-alive (10 s x 1.5) and publishes the will.
                Await.until(Duration.ofSeconds(30), "lane offline by last will",
                        () -> !lane(f).getBoolean("online"));
            }
        }
    }

    /**
     * Verifies the clock check end to end, through central and its broker: a lane PC three hours behind learns so
     * from central's echo of its hello and reports it in its status, so the console and central's log show it;
     * a lane whose clock agrees reports that, and neither is wrong for the other.
     */
    @Test
    void aLaneWhoseClockIsBehindSaysSo(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"));
             TestAgent behind = f.agent(CentralFixture.IN, dir.resolve("in"), pcClock(Duration.ofHours(-3)));
             TestAgent right = f.agent(CentralFixture.OUT, dir.resolve("out"))) {
            Await.until(Duration.ofSeconds(15), "both lanes' clocks checked", () -> lane(f, CentralFixture.IN)
                    .getJsonObject("clock") != null && lane(f, CentralFixture.OUT).getJsonObject("clock") != null);
            JsonObject in = lane(f, CentralFixture.IN).getJsonObject("clock");
            assertTrue(in.getBoolean("wrong"), in.encode());
            assertTrue(Math.abs(in.getLong("aheadSeconds") + 10_800) <= 2, in.encode());
            assertTrue(behind.uplink.clockOffset().wrong());
            JsonObject out = lane(f, CentralFixture.OUT).getJsonObject("clock");
            assertFalse(out.getBoolean("wrong"), out.encode());
            assertTrue(Math.abs(out.getLong("aheadSeconds")) <= 2, out.encode());
            assertFalse(right.uplink.clockOffset().wrong());
        }
    }

    /**
     * Verifies that a supervisor's remote open reaches lanes whose PC clocks are three hours behind and three hours
     * ahead of central's, through central and its broker: each lane judges the signed command on central's clock as
     * its clock check measured it. Before, the one behind refused the open as issued in its future and the one
     * ahead as expired, so a held driver waited for someone to walk to the booth.
     */
    @Test
    void aLaneWhoseClockIsOffStillTakesTheSupervisorsOpen(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"));
             TestAgent behind = f.agent(CentralFixture.IN, dir.resolve("in"), pcClock(Duration.ofHours(-3)));
             TestAgent ahead = f.agent(CentralFixture.OUT, dir.resolve("out"), pcClock(Duration.ofHours(3)))) {
            Await.until(Duration.ofSeconds(15), "both lanes' clocks found wrong",
                    () -> foundWrong(behind) && foundWrong(ahead));
            String supervisor = f.user("sup1", "SUPERVISOR");
            for (String lane : List.of(CentralFixture.IN, CentralFixture.OUT)) {
                f.api.ok("POST", "/api/lanes/" + lane + "/open", supervisor, new JsonObject().put("reason", "车主忘带卡"));
            }
            Await.until(Duration.ofSeconds(10), "the open at both lanes",
                    () -> behind.commands.size() == 1 && ahead.commands.size() == 1);
            assertEquals(CentralFixture.IN, behind.commands.get(0).laneId());
            assertEquals(CentralFixture.OUT, ahead.commands.get(0).laneId());
        }
    }

    /**
     * Verifies that a payment made at the desk reaches lanes whose PC clocks are three hours behind and ahead with its
     * times moved into each lane's clock, as the lane's own stamps are: the lane three hours fast would otherwise
     * take the grace as long over and charge the driver who just paid again, and the one three hours slow would let
     * the car out free for three hours more.
     */
    @Test
    void aPrepaymentReachesLanesWhoseClocksAreOffInTheirOwnTime(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"));
             TestAgent behind = f.agent(CentralFixture.IN, dir.resolve("in"), pcClock(Duration.ofHours(-3)));
             TestAgent ahead = f.agent(CentralFixture.OUT, dir.resolve("out"), pcClock(Duration.ofHours(3)))) {
            Await.until(Duration.ofSeconds(15), "both lanes' clocks found wrong",
                    () -> foundWrong(behind) && foundWrong(ahead));
            // In for three hours by central's clock: 500 + 300 + 300 fen with the fixture's tariff.
            behind.uplink.publish(new LaneEvent(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY,
                    Instant.now().minus(Duration.ofMinutes(179)), "粤B00001", null, null, null, null, "TEMPORARY",
                    "临时车辆", null, null, null, null, null));
            Await.until(Duration.ofSeconds(10), "entry stored", () -> behind.uplink.unconfirmed() == 0);
            String desk = f.user("desk", "ATTENDANT");
            f.api.ok("POST", "/api/shifts", desk, new JsonObject().put("post", CentralFixture.POST));
            JsonObject paid = f.api.ok("POST", "/api/prepayments", desk, new JsonObject().put("plate", "粤B00001")
                    .put("amountFen", 1100).put("method", "CASH").put("post", CentralFixture.POST)).json();
            Instant freeUntil = Instant.parse(paid.getString("freeUntil"));
            Await.until(Duration.ofSeconds(10), "the payment at both lanes",
                    () -> !behind.prepayments.isEmpty() && !ahead.prepayments.isEmpty());
            assertNear(freeUntil.minus(Duration.ofHours(3)), behind.prepayments.get(0).freeUntil());
            assertNear(freeUntil.plus(Duration.ofHours(3)), ahead.prepayments.get(0).freeUntil());
            assertNear(Instant.parse(paid.getString("paidAt")).plus(Duration.ofHours(3)),
                    ahead.prepayments.get(0).paidAt());
        }
    }

    /** A lane PC's clock {@code off} central's (which is this machine's). */
    private static Clock pcClock(Duration off) {
        return Clock.offset(Clock.systemUTC(), off);
    }

    private static boolean foundWrong(TestAgent agent) {
        return agent.uplink.clockOffset() != null && agent.uplink.clockOffset().wrong();
    }

    /** Within the clock check's precision (half the echo's round trip), and far from the three hours moved. */
    private static void assertNear(Instant expected, Instant actual) {
        assertTrue(Duration.between(expected, actual).abs().compareTo(Duration.ofSeconds(5)) < 0,
                "expected about " + expected + ", was " + actual);
    }

    private static JsonObject lane(CentralFixture f) {
        return lane(f, CentralFixture.IN);
    }

    private static JsonObject lane(CentralFixture f, String laneId) {
        JsonArray all = f.api.ok("GET", "/api/lanes", f.managerToken, null).array();
        for (int i = 0; i < all.size(); i++) {
            if (laneId.equals(all.getJsonObject(i).getString("laneId"))) {
                return all.getJsonObject(i);
            }
        }
        throw new AssertionError("lane missing from " + all.encode());
    }
}
