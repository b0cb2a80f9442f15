package io.parkgate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.uplink.LaneUplink;
import io.parkgate.agent.uplink.Outbox;
import io.parkgate.agent.uplink.RegistrySink;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.testing.Await;
import io.parkgate.testing.FreePorts;
import io.parkgate.testing.MosquittoExtension;
import io.parkgate.testing.TestMosquitto;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lane's uplink given two brokers (two Mosquitto processes standing in for the nodes of a cluster): it skips a
 * broker that is down, and when the one it is on dies it carries on through the other, delivering what it had
 * journalled. Central is not here: the events are read off the brokers by a plain subscriber.
 */
class BrokerFailoverIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String TOPIC = "parkgate/testsite/lane/lane-1/event";

    @TempDir
    Path dir;
    @RegisterExtension
    final MosquittoExtension brokers = MosquittoExtension.startedByTheTest();

    /** Verifies failover past a dead first broker, then from a killed broker to the other one. */
    @Test
    void laneFailsOverBetweenBrokers() throws Exception {
        int portA = FreePorts.take();
        int portB = FreePorts.take();
        String a = "tcp://127.0.0.1:" + portA;
        String b = "tcp://127.0.0.1:" + portB;
        TestMosquitto brokerB = brokers.start(TestMosquitto.with().port(portB));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        MqttClient onB = subscriber(b, seen);

        UplinkConfig cfg = UplinkConfig.of(List.of(a, b), "testsite", "lane-1", "lane-1", "pw",
                "lane-1-secret-0123456789", dir.resolve("lane")).withTiming(Duration.ofSeconds(2),
                Duration.ofMillis(100), Duration.ofMillis(400));
        try (Outbox outbox = Outbox.open(cfg.dataDir(), Clock.systemUTC());
             LaneUplink uplink = new LaneUplink(cfg, Clock.systemUTC(), outbox, new NoRegistry(), c -> { })
                     .start()) {
            // A is down from the start: the lane goes on to B.
            Await.until(PATIENCE, "lane on broker B", () -> b.equals(uplink.connectedBroker()));
            uplink.publish(event("e-1"));
            Await.until(PATIENCE, "e-1 through B", () -> seen.contains("e-1"));

            // A comes up, B dies: the lane moves to A, and what it journals meanwhile arrives there.
            brokers.start(TestMosquitto.with().port(portA));
            Set<String> seenOnA = ConcurrentHashMap.newKeySet();
            MqttClient onA = subscriber(a, seenOnA);
            brokerB.kill();
            abandon(onB);
            uplink.publish(event("e-2"));
            Await.until(PATIENCE, "lane on broker A", () -> a.equals(uplink.connectedBroker()));
            Await.until(PATIENCE, "e-2 through A", () -> seenOnA.contains("e-2"));
            assertEquals(DeviceState.CONNECTED, uplink.state());
            onA.disconnect();
            onA.close();
        }
    }

    private static LaneEvent event(String id) {
        return LaneEvent.of(id, "lane-1", EventType.ENTRY, java.time.Instant.parse("2026-01-01T00:00:00Z"), "粤B12345",
                "TEMPORARY", "临时车");
    }

    private static MqttClient subscriber(String url, Set<String> seen) throws Exception {
        MqttClient c = new MqttClient(url, "watch-" + url.hashCode(), new MemoryPersistence());
        c.connect(new MqttConnectOptions());
        c.subscribe(TOPIC, 1, (t, m) -> {
            String body = new String(m.getPayload(), StandardCharsets.UTF_8);
            for (String id : List.of("e-1", "e-2")) {
                if (body.contains("\"" + id + "\"")) {
                    seen.add(id);
                }
            }
        });
        return c;
    }

    /**
     * Drops a client whose broker was killed. Paho refuses {@code close} while it still believes it is connected,
     * which it may for a while after the kill, so the connection is torn down first without waiting for the broker.
     */
    private static void abandon(MqttClient c) throws MqttException {
        try {
            c.disconnectForcibly(0, 100);
        } catch (MqttException e) {
            // The broker is gone; the client's side of the connection is shut either way.
        }
        c.close(true);
    }

    /** The lane has no registry here; none arrives without central. */
    private static final class NoRegistry implements RegistrySink {
        @Override
        public long registryVersion() {
            return 0;
        }

        @Override
        public void snapshot(RegistrySnapshot snapshot) {
        }

        @Override
        public void delta(RegistryDelta delta) {
        }
    }
}
