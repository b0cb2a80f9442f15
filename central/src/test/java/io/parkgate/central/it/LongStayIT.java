package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vehicle inside for more than a week becomes one exception at central, however often it is checked, and
 * whatever its entry lane's PC sends.
 */
@ExtendWith(VertxExtension.class)
class LongStayIT {

    @TempDir
    Path dir;

    /** Verifies that a stay older than the limit raises one LONG_STAY exception, and a recent stay none. */
    @Test
    void longStayBecomesOneException(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"));
             TestAgent agent = f.agent(CentralFixture.IN, dir.resolve("agent"))) {
            String supervisor = f.user("sup-long", "SUPERVISOR");
            agent.uplink.publish(new LaneEvent(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY,
                    Instant.now().minus(Duration.ofDays(9)), "粤B00LSY", null, null, null, null, "TEMPORARY",
                    "临时车入场", null, null, null, null, null));
            agent.uplink.publish(LaneEvent.of(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY,
                    Instant.now().minus(Duration.ofHours(3)), "粤B00NEW", "TEMPORARY", "临时车入场"));
            Await.until(Duration.ofSeconds(10), "entries stored", () -> agent.uplink.unconfirmed() == 0);

            assertEquals(1, f.central.longStays().scan().toCompletionStage().toCompletableFuture().get());
            assertEquals(1, f.central.longStays().scan().toCompletionStage().toCompletableFuture().get());
            Await.until(Duration.ofSeconds(10), "exception opened", () -> longStays(f, supervisor) == 1);
            long duplicates = f.central.ingest().duplicates();
            f.central.longStays().scan().toCompletionStage().toCompletableFuture().get();
            Await.until(Duration.ofSeconds(10), "the rescan's event seen as a duplicate",
                    () -> f.central.ingest().duplicates() > duplicates);
            assertEquals(1, longStays(f, supervisor), "scanning again opens no second exception");
        }
    }

    /**
     * Verifies that the entry lane's PC cannot silence the case by storing an event of its own first under the id
     * it could compute from the entry's id (as ids were once derived), nor pass a case of its own off as central's.
     */
    @Test
    void aLaneCanNeitherSilenceNorForgeTheLongStayCase(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"));
             TestAgent agent = f.agent(CentralFixture.IN, dir.resolve("agent"))) {
            String supervisor = f.user("sup-long", "SUPERVISOR");
            String entry = UUID.randomUUID().toString();
            agent.uplink.publish(LaneEvent.of(entry, CentralFixture.IN, EventType.ENTRY,
                    Instant.now().minus(Duration.ofDays(9)), "粤B00LSY", "TEMPORARY", "临时车入场"));
            String publicId = UUID.nameUUIDFromBytes(("long-stay:" + entry).getBytes(StandardCharsets.UTF_8))
                    .toString();
            agent.uplink.publish(LaneEvent.of(publicId, CentralFixture.IN, EventType.EXCEPTION,
                    Instant.now().minus(Duration.ofHours(1)), "粤B00XXX", "NO_CARD", "无卡"));
            String forged = UUID.randomUUID().toString();
            agent.uplink.publish(new LaneEvent(forged, CentralFixture.IN, EventType.EXCEPTION,
                    Instant.now().minus(Duration.ofHours(1)), "粤B00FAK", null, null, null, null, "LONG_STAY",
                    "车辆已在场30天", null, null, null, null, entry));
            Await.until(Duration.ofSeconds(10), "the lane's events answered", () -> agent.uplink.unconfirmed() == 0);

            JsonArray quarantined = f.api.ok("GET", "/api/quarantine", f.managerToken, null).array();
            assertEquals(1, quarantined.size(), quarantined.encode());
            assertEquals(forged, quarantined.getJsonObject(0).getString("eventId"), quarantined.encode());
            assertTrue(quarantined.getJsonObject(0).getString("reason").contains("never a lane's"),
                    quarantined.encode());

            assertEquals(1, f.central.longStays().scan().toCompletionStage().toCompletableFuture().get());
            Await.until(Duration.ofSeconds(10), "central's case opened", () -> longStays(f, supervisor) == 1);
        }
    }

    private static long longStays(CentralFixture f, String token) {
        JsonArray open = new JsonArray(f.api.ok("GET", "/api/exceptions", token, null).body());
        return open.stream().map(JsonObject.class::cast).filter(x -> "粤B00LSY".equals(x.getString("plate"))
                && "LONG_STAY".equals(x.getString("code"))).count();
    }
}
