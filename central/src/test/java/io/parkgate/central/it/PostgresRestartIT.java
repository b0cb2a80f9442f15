package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.central.db.TestPostgres;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central on PostgreSQL while the server crashes and comes back: events arriving meanwhile are neither lost
 * nor quarantined nor doubled; central keeps running and stores them when the agent sends them again.
 */
@ExtendWith(VertxExtension.class)
class PostgresRestartIT {

    @TempDir
    Path dir;

    /** Verifies that 500 passages, 300 of them sent while PostgreSQL is down, are stored exactly once. */
    @Test
    void postgresqlRestartLosesAndDoublesNothing(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"),
                c -> c.withDatabase(TestPostgres.newDatabase()));
             TestAgent agent = f.agent(CentralFixture.IN, dir.resolve("agent"))) {
            Await.until(Duration.ofSeconds(10), "agent connected", () -> agent.uplink.state() == DeviceState.CONNECTED);
            for (int i = 0; i < 200; i++) {
                agent.uplink.publish(entry(i));
            }
            Await.until(Duration.ofSeconds(30), "first 200 confirmed", () -> agent.uplink.unconfirmed() == 0);

            TestPostgres.shared().stopNow();
            try {
                for (int i = 200; i < 500; i++) {
                    agent.uplink.publish(entry(i));
                }
                Await.until(Duration.ofSeconds(30), "central fails to store while the server is down",
                        () -> f.central.ingest().failed() > 0);
            } finally {
                TestPostgres.shared().restart();
            }

            Await.until(Duration.ofSeconds(60), "all confirmed", () -> agent.uplink.unconfirmed() == 0);
            assertEquals(500L, f.central.passages().count().toCompletionStage().toCompletableFuture().join());
            assertEquals(500L, f.central.ingest().stored());
            assertEquals(0, f.api.ok("GET", "/api/quarantine", f.managerToken, null).array().size(),
                    "nothing quarantined for the outage");
            System.out.printf("batches failed during the outage: %d, duplicates ignored: %d%n",
                    f.central.ingest().failed(), f.central.ingest().duplicates());
        }
    }

    private static LaneEvent entry(int i) {
        return LaneEvent.of(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY, Instant.now(),
                String.format("粤B%05d", i), "TEMPORARY", "临时车入场");
    }
}
