package io.parkgate.central.it;

import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.cluster.Cluster;
import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.db.TestPostgres;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.ops.ArtemisBrokerFiles;
import io.parkgate.config.Direction;
import io.parkgate.testing.Await;
import io.parkgate.testing.TestMosquitto;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not part of the build (run: {@code mvn -pl central -am verify -Dit.test=SeveralCentralsBench
 * -Dbench.centrals=2 -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false}): passages per second, one event per
 * MQTT message, from many lanes through Mosquitto (or, with {@code -Dbench.broker=artemis -Dbench.nodes=2}, an
 * Artemis cluster with the lanes spread over its nodes and the journal synced) into one or several centrals (in
 * this JVM) sharing the lanes' events on one PostgreSQL database; acks back to every lane included. Prints CPU
 * milliseconds per passage for this JVM (centrals and the simulated lanes), the broker and PostgreSQL.
 */
class SeveralCentralsBench {

    @TempDir
    Path dir;

    /** Verifies nothing: measures ingest throughput with one or several centrals. */
    @Test
    void ingest() throws Exception {
        int centrals = Integer.getInteger("bench.centrals", 2);
        int lanes = Integer.getInteger("bench.lanes", 20);
        int perLane = Integer.getInteger("bench.events", 500);
        DatabaseTarget.Postgres db = TestPostgres.newDatabase();
        List<LaneDefinition> defs = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            defs.add(new LaneDefinition("lane" + i, "post" + (i / 2), Direction.IN, "lane-password-" + i,
                    "lane-secret-0123456789-" + i));
        }
        // -Dbench.broker=artemis -Dbench.nodes=N: through an Artemis cluster, lanes spread over its nodes
        boolean artemis = System.getProperty("bench.broker", "mosquitto").equals("artemis");
        TestMosquitto mosquitto = null;
        ArtemisCluster cluster = null;
        List<String> urls;
        String brokerName;
        if (artemis) {
            java.util.Map<String, String> passwords = new java.util.LinkedHashMap<>();
            defs.forEach(d -> passwords.put(d.laneId(), d.mqttPassword()));
            cluster = new ArtemisCluster(dir.resolve("artemis"), Integer.getInteger("bench.nodes", 2),
                    System.getProperty("bench.brokerHeap", "512m"), (c, nodes, self, etc) -> ArtemisBrokerFiles
                    .write("bench", passwords, "central", "central-password", "cluster-password-1", nodes, self,
                            true, etc));
            urls = cluster.urls();
            brokerName = "an Artemis cluster of " + urls.size() + " node(s)";
        } else {
            mosquitto = TestMosquitto.with().line("max_inflight_messages 1000").line("max_queued_messages 100000")
                    .start(dir.resolve("mosquitto"));
            urls = List.of(mosquitto.url());
            brokerName = "Mosquitto";
        }
        Vertx vertx = Vertx.vertx();
        List<Central> running = new ArrayList<>();
        try {
            for (int n = 0; n < centrals; n++) {
                CentralConfig cfg = CentralConfig.defaults("bench", dir.resolve("central-" + n), defs, null)
                        .withExternalBroker(urls, "central", "central-password").withDatabase(db);
                running.add(Central.start(vertx, cfg, Clock.systemUTC(), Central.Service.none(),
                        Cluster.several("bench", "c" + n)));
            }
            long total = (long) lanes * perLane;
            BenchLanes benchLanes = new BenchLanes(new Topics("bench"), lanes, i -> urls.get(i % urls.size()));
            long cpuBefore = jvmCpuNanos();
            long brokerBefore = brokerCpuMs(mosquitto, cluster);
            long pgBefore = postgresTicks();
            long start = System.nanoTime();
            benchLanes.publish(perLane, 1);
            Await.until(Duration.ofMinutes(5), "all acked", () -> benchLanes.acked() >= total);
            double secs = (System.nanoTime() - start) / 1e9;
            benchLanes.awaitSent();
            double jvmMs = (jvmCpuNanos() - cpuBefore) / 1e6;
            double brokerMs = brokerCpuMs(mosquitto, cluster) - brokerBefore;
            double pgMs = (postgresTicks() - pgBefore) * 10.0;
            StringBuilder split = new StringBuilder();
            for (Central c : running) {
                split.append(' ').append(c.ingest().stored());
            }
            System.out.printf("BENCH several centrals: %d central(s) on PostgreSQL behind %s, %d lanes x %d "
                    + "events, one per message = %d acked in %.2f s (%.0f/s); stored per central:%s%n", centrals,
                    brokerName, lanes, perLane, total, secs, total / secs, split);
            System.out.printf("BENCH CPU ms per passage: this JVM (centrals + lanes) %.3f, broker %.3f, "
                    + "postgresql %.3f%n", jvmMs / total, brokerMs / total, pgMs / total);
            benchLanes.close();
        } finally {
            running.forEach(Central::close);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (mosquitto != null) {
                mosquitto.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** CPU milliseconds the broker's process(es) have used so far. */
    private static long brokerCpuMs(TestMosquitto mosquitto, ArtemisCluster cluster) {
        if (cluster != null) {
            return cluster.cpu().stream().mapToLong(java.time.Duration::toMillis).sum();
        }
        return cpuTicks(mosquitto.pid()) * 10; // USER_HZ = 100
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** User and system clock ticks of a process, from /proc. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // gone
        }
    }

    /** Clock ticks of every PostgreSQL server process on the machine (the test server is the one at work). */
    private static long postgresTicks() throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return Files.readString(p.resolve("comm")).trim().equals("postgres");
                } catch (IOException e) {
                    return false;
                }
            }).mapToLong(p -> cpuTicks(Long.parseLong(p.getFileName().toString()))).sum();
        }
    }

}
