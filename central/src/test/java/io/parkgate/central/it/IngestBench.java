package io.parkgate.central.it;

import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.ops.ArtemisBrokerFiles;
import io.parkgate.config.Direction;
import io.parkgate.testing.Await;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not part of the build (run: {@code mvn -pl central verify -Dit.test=IngestBench
 * -Dbench.lanes=50 -Dbench.events=400}): passages per second from many lanes through the broker into
 * central's SQLite register, acks back to every lane included. {@code -Dbench.broker=artemis
 * -Dbench.nodes=2} runs it through an Artemis cluster of that many broker processes instead of the embedded
 * broker (lanes spread over the nodes, central on the first; {@code -Dbench.sync=true}: journal synced to disk);
 * {@code -Dbench.broker=external -Dbench.url=tcp://HOST:PORT} through a broker started by hand, with the users
 * {@code central} / {@code central-password-1} and {@code laneN} / {@code lane-password-N}.
 */
@ExtendWith(VertxExtension.class)
class IngestBench {

    @TempDir
    Path dir;

    /** Verifies nothing: measures ingest throughput from simulated lanes. */
    @Test
    void ingest(Vertx vertx) throws Exception {
        int lanes = Integer.getInteger("bench.lanes", 50);
        int perLane = Integer.getInteger("bench.events", 400);
        // The uplink sends a backlog 100 events per message; 1 = every event its own message.
        int perMessage = Integer.getInteger("bench.perMessage", 100);
        List<LaneDefinition> defs = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            defs.add(new LaneDefinition("lane" + i, "post" + (i / 2), Direction.IN, "lane-password-" + i,
                    "lane-secret-0123456789-" + i));
        }
        String broker = System.getProperty("bench.broker", "embedded");
        ArtemisCluster cluster = null;
        CentralConfig cfg = CentralConfig.defaults("bench", dir, defs, null);
        if (broker.equals("artemis")) {
            java.util.Map<String, String> passwords = new java.util.LinkedHashMap<>();
            defs.forEach(d -> passwords.put(d.laneId(), d.mqttPassword()));
            boolean sync = Boolean.getBoolean("bench.sync");
            cluster = new ArtemisCluster(dir.resolve("artemis"), Integer.getInteger("bench.nodes", 2),
                    System.getProperty("bench.brokerHeap", "512m"), (c, nodes, self, etc) -> ArtemisBrokerFiles.write(
                    "bench", passwords, "central", "central-password-1", "cluster-password-1", nodes, self, sync,
                    etc));
            cfg = cfg.withExternalBroker(cluster.urls(), "central", "central-password-1");
            System.out.printf("BENCH broker: Artemis, %d node(s), journal sync %s%n", cluster.urls().size(), sync);
        } else if (broker.equals("external")) {
            // A broker run by hand (e.g. RabbitMQ with its MQTT plugin) with central's and laneN's users.
            cfg = cfg.withExternalBroker(System.getProperty("bench.url"), "central", "central-password-1");
            System.out.printf("BENCH broker: external %s%n", System.getProperty("bench.url"));
        } else {
            System.out.println("BENCH broker: embedded Moquette");
        }
        Central central = Central.start(vertx, cfg, Clock.systemUTC());
        try {
            long total = (long) lanes * perLane;
            List<String> urls = cluster != null ? cluster.urls()
                    : List.of(broker.equals("external") ? System.getProperty("bench.url") : central.brokerUrl());
            BenchLanes benchLanes = new BenchLanes(new Topics("bench"), lanes, i -> urls.get(i % urls.size()));
            List<Duration> brokerCpu0 = cluster == null ? List.of() : cluster.cpu();
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long jvmCpu0 = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            long start = System.nanoTime();
            benchLanes.publish(perLane, perMessage);
            Await.until(Duration.ofMinutes(5), "all stored", () -> central.ingest().stored() >= total);
            double storedSecs = (System.nanoTime() - start) / 1e9;
            benchLanes.awaitAcked(total, Duration.ofSeconds(60));
            benchLanes.awaitSent();
            double ackedSecs = (System.nanoTime() - start) / 1e9;
            double jvmMs = (((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - jvmCpu0) / 1e6;
            System.out.printf("BENCH CPU: this JVM (central and the %d lanes' clients) %.3f ms per passage%n", lanes,
                    jvmMs / total);
            if (cluster != null) {
                List<Duration> cpu = cluster.cpu();
                for (int n = 0; n < cpu.size(); n++) {
                    System.out.printf("BENCH CPU: broker node %d %.3f ms per passage%n", n + 1,
                            (cpu.get(n).toNanos() - brokerCpu0.get(n).toNanos()) / 1e6 / total);
                }
            }
            System.out.printf("BENCH batches: %d (%.1f events per transaction)%n", central.ingest().batches(),
                    (double) total / central.ingest().batches());
            System.out.printf("BENCH %d events per message%n", perMessage);
            System.out.printf(
                    "BENCH ingest: %d lanes x %d events = %d stored in %.2f s (%.0f/s), all acked after %.2f s"
                            + " (%.0f/s)%n", lanes, perLane, total, storedSecs, total / storedSecs, ackedSecs,
                    total / ackedSecs);
            benchLanes.close();
        } finally {
            central.close();
            if (cluster != null) {
                cluster.close();
            }
        }
    }
}
