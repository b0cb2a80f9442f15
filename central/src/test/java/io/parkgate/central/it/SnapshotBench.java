package io.parkgate.central.it;

import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.uplink.LaneUplink;
import io.parkgate.agent.uplink.Outbox;
import io.parkgate.agent.uplink.RegistrySink;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not part of the build (run: {@code mvn -pl central verify -Dit.test=SnapshotBench}): time for a
 * 100,000-vehicle registry snapshot to reach an agent through the broker and be persisted in its lane store.
 */
@ExtendWith(VertxExtension.class)
class SnapshotBench {

    @TempDir
    Path dir;

    /** Verifies nothing: measures first-contact snapshot delivery and persistence at an agent. */
    @Test
    void snapshot(Vertx vertx) throws Exception {
        int n = Integer.getInteger("bench.vehicles", 100_000);
        CentralFixture f = new CentralFixture(vertx, dir.resolve("central"));
        try {
            List<Vehicle> vehicles = new ArrayList<>(n);
            List<Card> cards = new ArrayList<>(n);
            List<Pass> passes = new ArrayList<>(n);
            Instant from = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < n; i++) {
                String plate = String.format("粤B%05d", i);
                vehicles.add(new Vehicle(plate, "o" + i, PlateColour.BLUE, VehicleClass.SMALL));
                cards.add(new Card(String.format("%010X", i), "o" + i, plate, Card.Status.ACTIVE));
                passes.add(new Pass("p" + i, plate, Pass.Type.ANNUAL, from, from.plus(Duration.ofDays(365))));
            }
            long t0 = System.nanoTime();
            // One kind per call: central takes at most 100,000 records in one request.
            Principal boss = new Principal("boss", "boss", Role.MANAGER);
            for (RegistrySnapshot part : List.of(
                    new RegistrySnapshot(0, List.of(), vehicles, List.of(), List.of(), List.of(), List.of(), List.of()),
                    new RegistrySnapshot(0, List.of(), List.of(), cards, List.of(), List.of(), List.of(), List.of()),
                    new RegistrySnapshot(0, List.of(), List.of(), List.of(), passes, List.of(), List.of(),
                            List.of()))) {
                f.central.registry().upsert(boss, part).toCompletionStage().toCompletableFuture().join();
            }
            System.out.printf("BENCH registry import at central: %d vehicles + cards + passes in %d ms%n", n,
                    (System.nanoTime() - t0) / 1_000_000);

            // The import is announced as a resync, and central encodes the registry for the lanes then: the first
            // lane may still wait for that; the second gets the body kept for the version at once. Central's log
            // lines ("sent snapshot", "received", "registry replaced") split the time between the parts.
            long cold = deliver(f, CentralFixture.IN, CentralFixture.PASSWORD_IN, CentralFixture.SECRET_IN, "a");
            long warm = deliver(f, CentralFixture.OUT, CentralFixture.PASSWORD_OUT, CentralFixture.SECRET_OUT, "a");
            System.out.printf("BENCH snapshot of %d vehicles (+%d cards, +%d passes), hello to persisted in the "
                    + "agent's lane store: first lane after the import %d ms, next lane %d ms%n", n, n, n, cold, warm);

            // Central restarts with the registry unchanged, and a lane with an empty store (a new lane PC) asks.
            f.close();
            f = new CentralFixture(vertx, dir.resolve("central"));
            long restarted = deliver(f, CentralFixture.IN, CentralFixture.PASSWORD_IN, CentralFixture.SECRET_IN, "b");
            System.out.printf("BENCH snapshot of %d vehicles, first lane after central restarted: hello to persisted "
                    + "%d ms%n", n, restarted);
        } finally {
            f.close();
        }
    }

    /** One agent connects with an empty store; milliseconds from its connect to the snapshot persisted. */
    private long deliver(CentralFixture f, String lane, String password, String secret, String pc) throws Exception {
        Path agentDir = dir.resolve("agent-" + lane + "-" + pc);
        try (AgentStore store = AgentStore.open(agentDir, lane, Clock.systemUTC());
             Outbox outbox = Outbox.open(agentDir, Clock.systemUTC())) {
            long[] persistedAt = new long[1];
            RegistrySink sink = new RegistrySink() {
                @Override
                public long registryVersion() {
                    return store.registryVersion();
                }

                @Override
                public void snapshot(RegistrySnapshot s) {
                    store.replaceRegistry(s);
                    persistedAt[0] = System.nanoTime();
                }

                @Override
                public void delta(RegistryDelta d) {
                    store.applyDelta(d);
                }
            };
            long start = System.nanoTime();
            try (LaneUplink up = new LaneUplink(UplinkConfig.of(f.central.brokerUrl(), CentralFixture.SITE, lane, lane,
                    password, secret, agentDir), Clock.systemUTC(), outbox, sink, c -> { }).start()) {
                Await.until(Duration.ofMinutes(5), "snapshot persisted", () -> persistedAt[0] != 0);
                long ms = (persistedAt[0] - start) / 1_000_000;
                System.out.printf("BENCH lane %s: connect to persisted %d ms; store at version %d with %d vehicles%n",
                        lane, ms, store.registryVersion(), store.loadRegistry().vehicles().size());
                return ms;
            }
        }
    }
}
