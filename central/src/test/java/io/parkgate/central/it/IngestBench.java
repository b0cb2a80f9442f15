package io.parkgate.central.it;

import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.ops.ArtemisBrokerFiles;
import io.parkgate.config.Direction;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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
            Topics t = new Topics("bench");
            List<MqttAsyncClient> clients = new ArrayList<>();
            AtomicLong acked = new AtomicLong();
            CountDownLatch allAcked = new CountDownLatch(1);
            long total = (long) lanes * perLane;
            for (int i = 0; i < lanes; i++) {
                String lane = "lane" + i;
                String url = cluster != null ? cluster.urls().get(i % cluster.urls().size())
                        : broker.equals("external") ? System.getProperty("bench.url") : central.brokerUrl();
                MqttAsyncClient c = new MqttAsyncClient(url, "agent-" + lane, new MemoryPersistence());
                MqttConnectOptions o = new MqttConnectOptions();
                o.setUserName(lane);
                o.setPassword(("lane-password-" + i).toCharArray());
                o.setMaxInflight(1000);
                c.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                    }

                    @Override
                    public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                        if (acked.addAndGet(MessageCodec.decodeAck(m.getPayload()).eventIds().size()) >= total) {
                            allAcked.countDown();
                        }
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                    }
                });
                c.connect(o).waitForCompletion(10_000);
                c.subscribe(t.lane(lane, Topics.Channel.ACK), 1).waitForCompletion(10_000);
                clients.add(c);
            }
            List<Duration> brokerCpu0 = cluster == null ? List.of() : cluster.cpu();
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long jvmCpu0 = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            long start = System.nanoTime();
            List<Thread> publishers = new ArrayList<>();
            for (int i = 0; i < lanes; i++) {
                MqttAsyncClient c = clients.get(i);
                String lane = "lane" + i;
                Thread th = new Thread(() -> {
                    try {
                        List<IMqttDeliveryToken> tokens = new ArrayList<>();
                        List<byte[]> batch = new ArrayList<>();
                        for (int k = 0; k < perLane; k++) {
                            batch.add(MessageCodec.encode(new LaneEvent(UUID.randomUUID().toString(), lane,
                                    EventType.ENTRY, Instant.now(), String.format("粤B%05d", k), null, null, 90, null,
                                    "TEMPORARY", "临时车入场", null, null, null, null, null)));
                            if (batch.size() < perMessage && k < perLane - 1) {
                                continue;
                            }
                            byte[] p = batch.size() == 1 ? batch.get(0) : MessageCodec.encodeBatch(lane, batch);
                            batch.clear();
                            tokens.add(c.publish(t.lane(lane, Topics.Channel.EVENT), p, 1, false));
                            if (tokens.size() >= 500) {
                                for (IMqttDeliveryToken tok : tokens) {
                                    tok.waitForCompletion(30_000);
                                }
                                tokens.clear();
                            }
                        }
                        for (IMqttDeliveryToken tok : tokens) {
                            tok.waitForCompletion(30_000);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                th.start();
                publishers.add(th);
            }
            Await.until(Duration.ofMinutes(5), "all stored", () -> central.ingest().stored() >= total);
            double storedSecs = (System.nanoTime() - start) / 1e9;
            allAcked.await(60, java.util.concurrent.TimeUnit.SECONDS);
            for (Thread publisher : publishers) {
                publisher.join();
            }
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
            for (MqttAsyncClient c : clients) {
                c.disconnect().waitForCompletion(5000);
                c.close();
            }
        } finally {
            central.close();
            if (cluster != null) {
                cluster.close();
            }
        }
    }
}
