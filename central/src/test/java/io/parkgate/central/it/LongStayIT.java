package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A vehicle inside for more than a week becomes one exception at central, however often it is checked. */
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

    private static long longStays(CentralFixture f, String token) {
        JsonArray open = new JsonArray(f.api.ok("GET", "/api/exceptions", token, null).body());
        return open.stream().map(JsonObject.class::cast).filter(x -> "粤B00LSY".equals(x.getString("plate"))
                && "LONG_STAY".equals(x.getString("code"))).count();
    }
}
