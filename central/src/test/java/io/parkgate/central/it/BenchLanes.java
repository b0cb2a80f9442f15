package io.parkgate.central.it;

import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The simulated lanes of the ingest benchmarks ({@link IngestBench}, {@link SeveralCentralsBench}): lanes
 * {@code lane0…} (user {@code laneN}, password {@code lane-password-N}) as bare MQTT clients, each publishing
 * ENTRY passages at QoS 1 on its own thread and counting central's acknowledgements.
 */
final class BenchLanes implements AutoCloseable {

    private final Topics topics;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final List<Thread> publishers = new ArrayList<>();
    private final AtomicLong acked = new AtomicLong();

    /** Connects {@code lanes} lanes, lane {@code i} to {@code urlOf.apply(i)}, each subscribed to its acks. */
    BenchLanes(Topics topics, int lanes, IntFunction<String> urlOf) throws MqttException {
        this.topics = topics;
        for (int i = 0; i < lanes; i++) {
            String lane = "lane" + i;
            MqttAsyncClient c = new MqttAsyncClient(urlOf.apply(i), "agent-" + lane, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(lane);
            o.setPassword(("lane-password-" + i).toCharArray());
            o.setMaxInflight(1000);
            c.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage m) {
                    acked.addAndGet(MessageCodec.decodeAck(m.getPayload()).eventIds().size());
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            c.connect(o).waitForCompletion(10_000);
            c.subscribe(topics.lane(lane, Topics.Channel.ACK), 1).waitForCompletion(10_000);
            clients.add(c);
        }
    }

    /** Passages acknowledged by central so far. */
    long acked() {
        return acked.get();
    }

    /** Whether {@code total} passages are acknowledged within {@code max}; false when the time ran out. */
    boolean awaitAcked(long total, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (acked.get() < total) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Every lane starts publishing {@code perLane} passages, {@code perMessage} to an MQTT message. */
    void publish(int perLane, int perMessage) {
        for (int i = 0; i < clients.size(); i++) {
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
                        tokens.add(c.publish(topics.lane(lane, Topics.Channel.EVENT), p, 1, false));
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
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-" + lane);
            th.start();
            publishers.add(th);
        }
    }

    /** Waits until every lane has published all (each message taken by the broker). */
    void awaitSent() throws InterruptedException {
        for (Thread publisher : publishers) {
            publisher.join();
        }
    }

    @Override
    public void close() throws MqttException {
        for (MqttAsyncClient c : clients) {
            c.disconnect().waitForCompletion(5000);
            c.close();
        }
    }
}
