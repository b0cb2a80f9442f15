package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.testing.Await;
import io.parkgate.testing.CuttableLink;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** An agent cut off from the broker keeps journalling and delivers everything once when the link returns. */
@ExtendWith(VertxExtension.class)
class OfflineBurstIT {

    @TempDir
    Path dir;

    /** Verifies that 3,000 events journalled while offline all reach central exactly once after reconnecting. */
    @Test
    void offlineBurstDeliveredExactlyOnce(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            URI broker = URI.create(f.central.brokerUrl());
            try (CuttableLink proxy = new CuttableLink(broker.getHost(), broker.getPort());
                 TestAgent agent = f.agent(proxy.url(), CentralFixture.IN, dir.resolve("agent"))) {
                Await.until(Duration.ofSeconds(10), "agent connected",
                        () -> agent.uplink.state() == DeviceState.CONNECTED);
                for (int i = 0; i < 100; i++) {
                    agent.uplink.publish(entry(i));
                }
                proxy.cut();
                Await.until(Duration.ofSeconds(10), "agent notices the cut",
                        () -> agent.uplink.state() != DeviceState.CONNECTED);
                for (int i = 100; i < 3000; i++) {
                    agent.uplink.publish(entry(i));
                }
                proxy.restore();
                Await.until(Duration.ofSeconds(60), "all confirmed", () -> agent.uplink.unconfirmed() == 0);
                assertEquals(3000L, f.central.passages().count().toCompletionStage().toCompletableFuture().join());
                assertEquals(3000L, f.central.ingest().stored());
                System.out.printf("duplicates received and ignored by central: %d%n", f.central.ingest().duplicates());
            }
        }
    }

    private static LaneEvent entry(int i) {
        return LaneEvent.of(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY, Instant.now(),
                String.format("粤B%05d", i), "TEMPORARY", "临时车入场");
    }
}
