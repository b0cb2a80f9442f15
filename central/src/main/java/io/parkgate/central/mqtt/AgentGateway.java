package io.parkgate.central.mqtt;

import io.parkgate.central.lane.LaneService;
import io.parkgate.central.passage.PaymentService;
import io.parkgate.central.registry.RegistryService;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.wire.Command;
import io.parkgate.wire.EventAck;
import io.parkgate.wire.Hello;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.LaneStatus;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.RegistryCodec;
import io.parkgate.wire.Topics;
import io.parkgate.wire.Topics.Channel;
import io.parkgate.wire.WireFormatException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central's MQTT door (docs/mqtt.md): routes what agents publish to the services and publishes what
 * agents must receive. A message whose payload names another lane than its topic is refused, so even a
 * misconfigured broker cannot make one lane speak for another.
 */
public final class AgentGateway {

    private static final Logger LOG = LoggerFactory.getLogger(AgentGateway.class);

    private final Topics topics;
    private final LaneService lanes;
    private final RegistryService registry;
    private final EventIngest ingest;
    private final ExecutorService replies = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "central-registry-replies");
        t.setDaemon(true);
        return t;
    });
    private volatile BrokerClient broker;
    private final java.util.List<java.util.function.Consumer<String>> helloListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final PaymentService payments;
    private final java.time.Clock clock;

    public AgentGateway(Topics topics, LaneService lanes, RegistryService registry, EventIngest ingest) {
        this(topics, lanes, registry, ingest, null, java.time.Clock.systemUTC());
    }

    /**
     * @param payments when given, prepayments are broadcast to the lanes, and a lane's hello is also
     *                 answered with the prepayments of the last 24 h (what it may have missed offline)
     */
    public AgentGateway(Topics topics, LaneService lanes, RegistryService registry, EventIngest ingest,
                        PaymentService payments, java.time.Clock clock) {
        this.payments = payments;
        this.clock = clock;
        if (payments != null) {
            payments.onPrepaid(p -> publish(topics.prepaidBroadcast(), MessageCodec.encode(p)));
        }
        this.topics = topics;
        this.lanes = lanes;
        this.registry = registry;
        this.ingest = ingest;
        registry.onChange(this::broadcast);
        registry.onBulkChange(v -> publish(topics.registryBroadcast(), RegistryCodec.encodeResync(v)));
    }

    /** The subscriptions central needs. */
    public String[] filters() {
        return new String[] {topics.allLanes(Channel.EVENT), topics.allLanes(Channel.STATUS),
            topics.allLanes(Channel.HELLO)};
    }

    public void attach(BrokerClient client) {
        this.broker = client;
    }

    /** Paho's callback thread: decode, check, hand off. */
    public void onMessage(String topic, byte[] payload) {
        var parsed = topics.parse(topic);
        if (parsed.isEmpty()) {
            LOG.warn("message on unexpected topic {} ignored", topic);
            return;
        }
        String lane = parsed.get().laneId();
        try {
            switch (parsed.get().channel()) {
                case EVENT -> {
                    for (LaneEvent e : MessageCodec.decodeEvents(payload)) {
                        if (sameLane(lane, e.laneId(), topic)) {
                            ingest.offer(e);
                        }
                    }
                }
                case STATUS -> {
                    LaneStatus s = MessageCodec.decodeStatus(payload);
                    if (sameLane(lane, s.laneId(), topic)) {
                        LOG.info("lane {} is {}", lane, s.online() ? "online" : "OFFLINE");
                        lanes.updateStatus(s);
                    }
                }
                case HELLO -> {
                    Hello h = MessageCodec.decodeHello(payload);
                    if (sameLane(lane, h.laneId(), topic)) {
                        replies.execute(() -> answerHello(h));
                        resendPrepayments(h.laneId());
                        helloListeners.forEach(l -> l.accept(h.laneId()));
                    }
                }
                default -> LOG.warn("central does not read {}", topic);
            }
        } catch (WireFormatException e) {
            LOG.warn("rejected message from lane {} on {}: {}", lane, topic, e.getMessage());
        }
    }

    /** Acks go to the lane's own ack topic. */
    public void sendAck(EventAck ack) {
        publish(topics.lane(ack.laneId(), Channel.ACK), MessageCodec.encode(ack));
    }

    public void sendCommand(Command c) {
        if (!publish(topics.lane(c.laneId(), Channel.CMD), MessageCodec.encode(c))) {
            LOG.warn("command {} to lane {} not sent: broker unreachable", c.commandId(), c.laneId());
        }
    }

    private void answerHello(Hello h) {
        // Encode and publish on this thread, not the database thread that completes the future.
        registry.updateFor(h.registryVersion()).toCompletionStage().thenAcceptAsync(u -> u.ifPresent(x -> {
            byte[] payload = x instanceof RegistrySnapshot s ? RegistryCodec.encode(s)
                    : RegistryCodec.encode((RegistryDelta) x);
            publish(topics.lane(h.laneId(), Channel.REGISTRY), payload);
            LOG.info("lane {} at registry version {}: sent {} ({} bytes)", h.laneId(), h.registryVersion(),
                    x instanceof RegistrySnapshot ? "snapshot" : "delta", payload.length);
        }), replies).exceptionally(e -> {
            LOG.error("registry update for lane {} failed", h.laneId(), e);
            return null;
        });
    }

    /** Called with the lane id of every valid hello, after the registry reply is on its way. */
    public void onHello(java.util.function.Consumer<String> listener) {
        helloListeners.add(listener);
    }

    private void resendPrepayments(String laneId) {
        if (payments == null) {
            return;
        }
        payments.since(clock.instant().minus(java.time.Duration.ofHours(24))).onSuccess(list -> list.forEach(
                p -> publish(topics.lane(laneId, Channel.PREPAID), MessageCodec.encode(p))));
    }

    private void broadcast(RegistryDelta d) {
        publish(topics.registryBroadcast(), RegistryCodec.encode(d));
    }

    private boolean publish(String topic, byte[] payload) {
        BrokerClient b = broker;
        return b != null && b.publish(topic, payload, false);
    }

    private static boolean sameLane(String topicLane, String payloadLane, String topic) {
        if (!topicLane.equals(payloadLane)) {
            LOG.warn("refused: message on {} claims to be from lane {}", topic, payloadLane);
            return false;
        }
        return true;
    }

    public void close() {
        replies.shutdownNow();
    }
}
