package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.Topics;
import io.parkgate.wire.Topics.Channel;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central and two lanes on a two-node Apache ActiveMQ Artemis cluster (separate broker processes, configured by
 * {@link io.parkgate.central.ops.ArtemisBrokerFiles}): the per-lane ACL holds on every node, and when the node
 * central and one lane are on is killed during traffic, everyone fails over to the other node, the lanes keep
 * journalling their passages, and central stores each exactly once.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the fault test kills a node: it runs last
class ArtemisClusterIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Topics TOPICS = new Topics(CentralFixture.SITE);

    @TempDir
    static Path dir;
    private static ArtemisCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new ArtemisCluster(dir.resolve("artemis"), 2, "256m");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Verifies on the cluster what LaneAcl holds on the embedded broker: a lane cannot publish on another lane's
     * topic (central never stores the forged passage), cannot subscribe to another lane's commands or to every
     * lane's, and a wrong password is refused; while its own passages reach central across the nodes.
     */
    @Test
    @Order(1)
    void laneRestrictedToItsOwnTopicsOnEveryNode(Vertx vertx) throws Exception {
        List<String> urls = cluster.urls();
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central-acl"), c -> c.withExternalBroker(urls,
                ArtemisCluster.CENTRAL_USER, ArtemisCluster.CENTRAL_PASSWORD))) {
            // Lane IN on node 2; central on node 1.
            MqttClient in = connect(urls.get(1), "snoop-1", CentralFixture.IN, CentralFixture.PASSWORD_IN);
            MqttException snoop = assertThrows(MqttException.class,
                    () -> in.subscribe(TOPICS.lane(CentralFixture.OUT, Channel.CMD), 1));
            assertEquals(MqttException.REASON_CODE_SUBSCRIBE_FAILED, snoop.getReasonCode(), snoop.toString());
            MqttClient in2 = connect(urls.get(0), "snoop-2", CentralFixture.IN, CentralFixture.PASSWORD_IN);
            assertThrows(MqttException.class, () -> in2.subscribe("parkgate/" + CentralFixture.SITE + "/lane/+/cmd",
                    1));
            MqttException badPassword = assertThrows(MqttException.class,
                    () -> connect(urls.get(0), CentralFixture.IN, "not-the-password"));
            assertTrue(badPassword.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || badPassword.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED, badPassword.toString());

            MqttClient forger = connect(urls.get(1), CentralFixture.IN + "-forger", CentralFixture.IN,
                    CentralFixture.PASSWORD_IN);
            forger.setTimeToWait(10_000);
            LaneEvent forged = LaneEvent.of(UUID.randomUUID().toString(), CentralFixture.OUT, EventType.EXIT,
                    Instant.now(), "粤B00001", "TEMPORARY", "forged");
            try {
                forger.publish(TOPICS.lane(CentralFixture.OUT, Channel.EVENT), MessageCodec.encode(forged), 1, false);
            } catch (MqttException e) {
                // Artemis drops a client that publishes where it may not: refused either way.
            }
            LaneEvent own = LaneEvent.of(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY,
                    Instant.now(), "粤B00002", "TEMPORARY", "own");
            MqttClient in3 = connect(urls.get(1), "own-1", CentralFixture.IN, CentralFixture.PASSWORD_IN);
            in3.publish(TOPICS.lane(CentralFixture.IN, Channel.EVENT), MessageCodec.encode(own), 1, false);
            Await.until(PATIENCE, "the lane's own passage stored", () -> f.central.ingest().stored() == 1);
            // The forged one was sent before the own one on the same node: had it passed, it would be stored first.
            assertEquals(1L, count(f), "only the lane's own passage is stored");
            for (MqttClient c : List.of(in, in2, in3)) {
                c.disconnect();
                c.close();
            }
            forger.close(true);
        }
    }

    /**
     * Verifies that killing the node central and lane IN are on, during traffic from both lanes, loses and doubles
     * no passage at central, moves everyone to the other node, and never stops a lane journalling.
     */
    /**
     * Verifies that an MQTT 3.1.1 shared subscription ({@code $share/<group>/<filter>}, what several centrals use
     * to share the ingest) works on the cluster: subscribers of one group on different nodes each get a share of
     * the lanes' passages, and every passage goes to exactly one of them.
     */
    @Test
    @Order(2)
    void sharedSubscriptionSplitsPassagesAcrossNodes() throws Exception {
        List<String> urls = cluster.urls();
        String filter = "$share/centrals/" + TOPICS.allLanes(Channel.EVENT);
        Map<String, List<String>> got = new ConcurrentHashMap<>();
        List<MqttClient> centrals = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = "central-" + (i + 1);
            MqttClient c = connect(urls.get(i), name, ArtemisCluster.CENTRAL_USER, ArtemisCluster.CENTRAL_PASSWORD);
            // The client-wide callback, as central's BrokerClient has it: Paho v3 matches a per-subscription
            // listener against the message's topic, which never matches a "$share/..." filter.
            c.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                    got.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                            .add(new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            c.subscribe(filter, 1);
            centrals.add(c);
        }
        MqttClient lane = connect(urls.get(0), "share-lane", CentralFixture.IN, CentralFixture.PASSWORD_IN);
        // Node 2's subscriber is known on node 1 once the cluster has passed its binding over: publish in rounds
        // until both have had a share (bounded), then every passage must have arrived once.
        int n = 0;
        while (n < 400 && (n == 0 || got.size() < 2)) {
            for (int i = 0; i < 20; i++, n++) {
                lane.publish(TOPICS.lane(CentralFixture.IN, Channel.EVENT), ("passage-" + n).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), 1, false);
            }
            int sent = n;
            Await.until(PATIENCE, "every passage so far delivered",
                    () -> got.values().stream().mapToInt(List::size).sum() >= sent);
        }
        List<String> all = got.values().stream().flatMap(List::stream).sorted().toList();
        System.out.printf("shared subscription over two nodes, %d passages: %s%n", n, got.entrySet().stream()
                .map(e -> e.getKey() + " got " + e.getValue().size()).sorted().toList());
        assertEquals(n, all.size(), "no passage twice");
        assertEquals(n, Set.copyOf(all).size());
        assertEquals(2, got.size(), "both subscribers got a share: " + got.keySet());
        lane.disconnect();
        lane.close();
        for (MqttClient c : centrals) {
            c.disconnect();
            c.close();
        }
    }

    @Test
    @Order(3)
    void killingABrokerNodeLosesNoPassage(Vertx vertx) throws Exception {
        List<String> urls = cluster.urls();
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central-failover"),
                c -> c.withExternalBroker(urls, ArtemisCluster.CENTRAL_USER, ArtemisCluster.CENTRAL_PASSWORD));
             TestAgent in = new TestAgent(urls, CentralFixture.SITE, CentralFixture.IN, CentralFixture.PASSWORD_IN,
                     CentralFixture.SECRET_IN, dir.resolve("agent-in"), Clock.systemUTC(), 0);
             TestAgent out = new TestAgent(List.of(urls.get(1), urls.get(0)), CentralFixture.SITE, CentralFixture.OUT,
                     CentralFixture.PASSWORD_OUT, CentralFixture.SECRET_OUT, dir.resolve("agent-out"),
                     Clock.systemUTC(), 0)) {
            Await.until(PATIENCE, "lanes connected", () -> in.uplink.state() == DeviceState.CONNECTED
                    && out.uplink.state() == DeviceState.CONNECTED);
            assertEquals(urls.get(0), in.uplink.connectedBroker());
            assertEquals(urls.get(1), out.uplink.connectedBroker());

            Set<String> sent = ConcurrentHashMap.newKeySet();
            AtomicInteger inCount = new AtomicInteger();
            AtomicInteger outCount = new AtomicInteger();
            Lane inLane = new Lane(in, CentralFixture.IN, EventType.ENTRY, sent, inCount);
            Lane outLane = new Lane(out, CentralFixture.OUT, EventType.EXIT, sent, outCount);
            inLane.start();
            outLane.start();
            Await.until(PATIENCE, "traffic flowing to central", () -> f.central.ingest().stored() >= 100);

            cluster.kill(1);
            int atKill = inCount.get() + outCount.get();
            Await.until(PATIENCE, "lane IN on node 2", () -> urls.get(1).equals(in.uplink.connectedBroker()));
            Await.until(PATIENCE, "passages sent after the kill stored",
                    () -> f.central.ingest().stored() > atKill + 100);
            inLane.finish();
            outLane.finish();
            assertTrue(inLane.error == null && outLane.error == null, "a lane failed to journal: " + inLane.error
                    + " / " + outLane.error);

            Await.until(PATIENCE, "every passage confirmed to both lanes",
                    () -> in.uplink.unconfirmed() == 0 && out.uplink.unconfirmed() == 0);
            long stored = count(f);
            System.out.printf("broker-node kill: %d passages sent (%d before the kill), %d stored, %d duplicates "
                            + "received and ignored%n", sent.size(), atKill, stored,
                    f.central.ingest().duplicates());
            assertEquals(sent.size(), stored, "each passage stored exactly once");
            assertEquals(sent.size(), f.central.ingest().stored());
            assertEquals(urls.get(1), out.uplink.connectedBroker());
        }
    }

    private static long count(CentralFixture f) {
        return f.central.passages().count().toCompletionStage().toCompletableFuture().join();
    }

    private static MqttClient connect(String url, String user, String password) throws MqttException {
        return connect(url, "agent-" + user, user, password);
    }

    private static MqttClient connect(String url, String clientId, String user, String password)
            throws MqttException {
        MqttClient c = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setConnectionTimeout(10);
        c.connect(o);
        return c;
    }

    /** A lane deciding passages at a steady pace and journalling each: it never waits for the broker. */
    private static final class Lane extends Thread {
        private final TestAgent agent;
        private final String lane;
        private final EventType type;
        private final Set<String> sent;
        private final AtomicInteger count;
        private volatile boolean running = true;
        volatile Throwable error;

        Lane(TestAgent agent, String lane, EventType type, Set<String> sent, AtomicInteger count) {
            super("lane-" + lane);
            this.agent = agent;
            this.lane = lane;
            this.type = type;
            this.sent = sent;
            this.count = count;
        }

        @Override
        public void run() {
            try {
                while (running) {
                    String id = UUID.randomUUID().toString();
                    agent.uplink.publish(LaneEvent.of(id, lane, type, Instant.now(),
                            String.format("粤B%05d", count.get() % 100_000), "TEMPORARY", "临时车"));
                    sent.add(id);
                    count.incrementAndGet();
                    Thread.sleep(10); // a busy lane's pace, not a wait for anything
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                error = e;
            }
        }

        void finish() throws InterruptedException {
            running = false;
            join(10_000);
        }
    }
}
