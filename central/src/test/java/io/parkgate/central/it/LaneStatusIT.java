package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.testing.Await;
import io.parkgate.testing.CuttableLink;
import io.parkgate.wire.BarrierState;
import io.parkgate.wire.LaneStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private static JsonObject lane(CentralFixture f) {
        JsonArray all = f.api.ok("GET", "/api/lanes", f.managerToken, null).array();
        for (int i = 0; i < all.size(); i++) {
            if (CentralFixture.IN.equals(all.getJsonObject(i).getString("laneId"))) {
                return all.getJsonObject(i);
            }
        }
        throw new AssertionError("lane missing from " + all.encode());
    }
}
