package io.parkgate.central.mqtt;

import io.parkgate.central.lane.LaneService;
import io.parkgate.central.passage.PaymentService;
import io.parkgate.central.passage.Quarantine;
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
import io.parkgate.wire.SnapshotChunks;
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

    private final long maxFen;
    private final Topics topics;
    private final LaneService lanes;
    private final RegistryService registry;
    private final EventIngest ingest;
    private final ExecutorService replies = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "central-registry-replies");
        t.setDaemon(true);
        return t;
    });
    private final BrokerClient broker;
    private final java.util.List<java.util.function.Consumer<String>> helloListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final PaymentService payments;
    private final java.time.Clock clock;
    private final Quarantine quarantine;
    /** Per lane: when it was last sent a snapshot or its prepayments again, and whether a reply is on its way. */
    private final ReplyAllowance snapshots;
    private final ReplyAllowance resends;
    private final java.util.Set<String> replying = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Event messages wait here to be decoded and checked on {@link #eventReader}, so that Paho's thread returns,
     * and acknowledges the message to the broker, at once. The embedded broker lets only 10 QoS 1 messages be
     * in flight to central, so with one event per message that round trip bounds ingestion. Nothing is lost by
     * acknowledging first: a lane's event is confirmed to the lane only once committed, and resent until then.
     * Bounded, so a central that falls behind slows the broker (Paho's thread waits) instead of dropping.
     */
    private final java.util.concurrent.BlockingQueue<Runnable> eventMessages =
            new java.util.concurrent.ArrayBlockingQueue<>(EVENT_BACKLOG);
    private final Thread eventReader = new Thread(this::readEvents, "central-lane-events");
    /** Event messages received and not yet decoded; about a second of traffic at the goal rate. */
    static final int EVENT_BACKLOG = 4096;
    private final SnapshotSender snapshotSender = new SnapshotSender(SnapshotChunks.CHUNK_BYTES);

    /** Snapshots (and resent prepayments and stays) per lane within {@link #REPLY_WINDOW}; deltas are not limited. */
    public static final int REPLY_BURST = 3;
    public static final java.time.Duration REPLY_WINDOW = java.time.Duration.ofSeconds(60);
    /** Nothing a lane sends is this big; larger messages are dropped unread. */
    public static final int MAX_LANE_MESSAGE = 2 * 1024 * 1024;

    /**
     * @param payments when given, prepayments are broadcast to the lanes, and a lane's hello is also
     *                 answered with the prepayments of the last 24 h (what it may have missed offline)
     * @param maxFen   the largest fee an event may carry (the site's {@code tariff.maxAmountFen})
     * @param broker   the client it publishes through; its messages come back here once the client is
     *                 started with {@link #onMessage}
     */
    public AgentGateway(Topics topics, LaneService lanes, RegistryService registry, EventIngest ingest,
                        PaymentService payments, Quarantine quarantine, java.time.Clock clock, long maxFen,
                        BrokerClient broker) {
        this.maxFen = maxFen;
        this.broker = broker;
        this.payments = payments;
        this.quarantine = quarantine;
        this.snapshots = new ReplyAllowance(clock, REPLY_BURST, REPLY_WINDOW);
        this.resends = new ReplyAllowance(clock, REPLY_BURST, REPLY_WINDOW);
        this.clock = clock;
        if (payments != null) {
            payments.onPrepaid(p -> publish(topics.prepaidBroadcast(), MessageCodec.encode(p)));
        }
        this.topics = topics;
        this.lanes = lanes;
        this.registry = registry;
        this.ingest = ingest;
        registry.onChange(this::broadcast);
        eventReader.setDaemon(true);
        eventReader.start();
        // Every lane will ask for the registry: it is encoded once, on the reply thread, before their hellos.
        registry.onForcedResync(v -> {
            replies.execute(() -> prepareSnapshot(v));
            publish(topics.registryBroadcast(), RegistryCodec.encodeForcedResync(v, registry.storeId()));
        });
        registry.onBulkChange(v -> {
            replies.execute(() -> prepareSnapshot(v));
            publish(topics.registryBroadcast(), RegistryCodec.encodeResync(v));
        });
    }

    /** The subscriptions central needs. */
    public static String[] filters(Topics topics) {
        return filters(topics, null);
    }

    /**
     * The subscriptions central needs; with an ingest group, events and hellos are read through the broker's
     * shared subscription {@code $share/<group>/...}, so that each reaches one of several centrals (it stores and
     * acknowledges the event, or answers the hello). Lane status still reaches every central: each shows it.
     */
    public static String[] filters(Topics topics, String ingestGroup) {
        String shared = ingestGroup == null ? "" : "$share/" + ingestGroup + "/";
        return new String[] {shared + topics.allLanes(Channel.EVENT), topics.allLanes(Channel.STATUS),
            shared + topics.allLanes(Channel.HELLO)};
    }

    /** Paho's callback thread: decode, check, hand off. */
    public void onMessage(String topic, byte[] payload) {
        var parsed = topics.parse(topic);
        if (parsed.isEmpty()) {
            LOG.warn("message on unexpected topic {} ignored", topic);
            return;
        }
        String lane = parsed.get().laneId();
        if (lanes.lane(lane).isEmpty()) {
            // Not a lane of this site: whatever the broker let through (e.g. a group's broker ACL that lets a lane
            // id of one compound write under another's topics), nothing is stored or answered under its name here.
            LOG.warn("refused: message on {} from lane {}, which is not a lane of site {}", topic, lane,
                    topics.siteId());
            return;
        }
        if (payload.length > MAX_LANE_MESSAGE) {
            LOG.warn("dropped a {}-byte message from lane {} on {}: over {} bytes", payload.length, lane, topic,
                    MAX_LANE_MESSAGE);
            return;
        }
        try {
            switch (parsed.get().channel()) {
                case EVENT -> queueEvents(lane, topic, payload);
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
                        if (h.sentAt() != null) {
                            // The lane's clock check: it knows when it sent and when it had this back.
                            sendAck(new EventAck(lane, java.util.List.of(),
                                    new EventAck.ClockEcho(h.sentAt(), clock.instant())));
                        }
                        // One reply on its way per lane at a time: a burst of hellos costs one answer.
                        if (replying.add(lane)) {
                            replies.execute(() -> answerHello(h));
                        }
                        if (resends.take(lane)) {
                            resendPrepayments(h.laneId());
                            helloListeners.forEach(l -> l.accept(h.laneId()));
                        }
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
        sendAck(topics, broker, ack);
    }

    /** For the ingest, which acknowledges what it committed and is built before the gateway it feeds. */
    public static void sendAck(Topics topics, BrokerClient broker, EventAck ack) {
        broker.publish(topics.lane(ack.laneId(), Channel.ACK), MessageCodec.encode(ack), false);
    }

    public void sendCommand(Command c) {
        if (!publish(topics.lane(c.laneId(), Channel.CMD), MessageCodec.encode(c))) {
            LOG.warn("command {} to lane {} not sent: broker unreachable", c.commandId(), c.laneId());
        }
    }

    private void queueEvents(String lane, String topic, byte[] payload) {
        try {
            eventMessages.put(() -> events(lane, topic, payload));
        } catch (InterruptedException e) {
            // Closing: the lane resends what central did not acknowledge.
            Thread.currentThread().interrupt();
        }
    }

    /** One thread, so each lane's events are offered to the ingest in the order they arrived. */
    private void readEvents() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                eventMessages.take().run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("an event message could not be handled", e);
            }
        }
    }

    /**
     * Events are checked one by one: a good event is stored (and acknowledged once committed); an event central
     * cannot take is quarantined with the reason and acknowledged, so it neither fails the batch nor stalls the
     * lane's outbox.
     */
    private void events(String lane, String topic, byte[] payload) {
        io.vertx.core.json.JsonObject o;
        try {
            o = new io.vertx.core.json.JsonObject(io.vertx.core.buffer.Buffer.buffer(payload));
        } catch (RuntimeException e) {
            LOG.warn("rejected message from lane {} on {}: not JSON", lane, topic);
            return;
        }
        if (o.containsKey("events") && !lane.equals(o.getValue("laneId"))) {
            LOG.warn("refused: batch on {} claims to be from lane {}", topic, o.getValue("laneId"));
            return;
        }
        io.vertx.core.json.JsonArray all = o.containsKey("events") && o.getValue("events") instanceof
                io.vertx.core.json.JsonArray a ? a : new io.vertx.core.json.JsonArray().add(o);
        java.time.Instant now = clock.instant();
        for (int i = 0; i < all.size(); i++) {
            Object item = all.getValue(i);
            String id = item instanceof io.vertx.core.json.JsonObject j && j.getValue("eventId") instanceof String x
                    && x.length() <= 64 ? x : null;
            String problem;
            LaneEvent e = null;
            try {
                if (!(item instanceof io.vertx.core.json.JsonObject j)) {
                    throw new WireFormatException("events[" + i + "] is not an object");
                }
                e = MessageCodec.eventFromJson(j);
                problem = !lane.equals(e.laneId()) ? "claims to be from lane " + e.laneId()
                        : io.parkgate.central.validate.EventRules.problem(e, now, maxFen);
            } catch (RuntimeException ex) {
                problem = "undecodable: " + ex.getMessage();
            }
            if (problem == null) {
                ingest.offer(e);
            } else if (e != null && !lane.equals(e.laneId())) {
                // Not acknowledged on the other lane's behalf, and nothing is stored under its name.
                LOG.warn("refused: event on {} claims to be from lane {}", topic, e.laneId());
            } else {
                quarantine(lane, id, problem, String.valueOf(item));
            }
        }
    }

    private void quarantine(String lane, String eventId, String reason, String payload) {
        LOG.warn("quarantined event {} of lane {}: {}", eventId, lane, reason);
        if (quarantine == null) {
            return;
        }
        quarantine.put(lane, eventId, reason, payload).onSuccess(v -> {
            if (eventId != null) {
                sendAck(new EventAck(lane, java.util.List.of(eventId)));
            }
        }).onFailure(e -> LOG.error("quarantining event {} of lane {} failed", eventId, lane, e));
    }

    private void answerHello(Hello h) {
        try {
            answerHelloOnce(h);
        } catch (RuntimeException e) {
            replying.remove(h.laneId());
            throw e;
        }
    }

    private void answerHelloOnce(Hello h) {
        boolean chunked = h.snapshotFormat() >= SnapshotChunks.FORMAT;
        long now = registry.version();
        var kept = chunked && (h.registryVersion() <= 0 || h.registryVersion() > now) ? snapshotSender.cached(now)
                : java.util.Optional.<SnapshotSender.Body>empty();
        if (kept.isPresent()) {
            // The whole registry at the version already encoded: no need to read the database again.
            try {
                if (mayTakeSnapshot(h)) {
                    sendChunked(h, kept.get());
                }
            } finally {
                replying.remove(h.laneId());
            }
            return;
        }
        // Encode and publish on this thread, not the database thread that completes the future.
        long asked = System.nanoTime(); // for the log only
        registry.updateFor(h.registryVersion()).toCompletionStage().thenAcceptAsync(u -> u.ifPresent(x -> {
            if (x instanceof RegistrySnapshot && !mayTakeSnapshot(h)) {
                return;
            }
            if (x instanceof RegistrySnapshot s && chunked) {
                LOG.info("lane {}: registry version {} read for its snapshot in {} ms", h.laneId(), s.version(),
                        (System.nanoTime() - asked) / 1_000_000);
                sendChunked(h, snapshotSender.body(s));
                return;
            }
            // An agent that reads only JSON (an older one) gets the snapshot in one message, as before.
            byte[] payload = x instanceof RegistrySnapshot s
                    ? RegistryCodec.encode(s, registry.storeId(), registry.forcing())
                    : RegistryCodec.encode((RegistryDelta) x, registry.storeId());
            publish(topics.lane(h.laneId(), Channel.REGISTRY), payload);
            LOG.info("lane {} at registry version {}: sent {} ({} bytes)", h.laneId(), h.registryVersion(),
                    x instanceof RegistrySnapshot ? "snapshot" : "delta", payload.length);
        }), replies).whenComplete((v, e) -> replying.remove(h.laneId())).exceptionally(e -> {
            LOG.error("registry update for lane {} failed", h.laneId(), e);
            return null;
        });
    }

    /** Encodes the registry of {@code version} for the lanes' snapshots, unless a later change is already known. */
    private void prepareSnapshot(long version) {
        if (registry.version() != version || snapshotSender.cached(version).isPresent()) {
            return;
        }
        try {
            snapshotSender.body(registry.snapshot().toCompletionStage().toCompletableFuture().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // Not fatal: the lanes' hellos read the registry themselves.
            LOG.warn("registry version {} not prepared for the lanes: {}", version, e.getCause().toString());
        }
    }

    private boolean mayTakeSnapshot(Hello h) {
        if (snapshots.take(h.laneId())) {
            return true;
        }
        LOG.warn("lane {} asked for more than {} snapshots within {} s: not sent", h.laneId(), REPLY_BURST,
                REPLY_WINDOW.toSeconds());
        return false;
    }

    /** The registry in signed chunks, for an agent that said it reads them. */
    private void sendChunked(Hello h, SnapshotSender.Body body) {
        var secret = lanes.lane(h.laneId()).map(LaneService.Lane::commandSecret);
        if (secret.isEmpty()) {
            LOG.warn("lane {} is not defined at central: no snapshot sent", h.laneId());
            return;
        }
        int sent = snapshotSender.send(this::publish, topics.lane(h.laneId(), Channel.REGISTRY), h.laneId(),
                secret.get(), body, registry.storeId(), registry.forcing());
        LOG.info("lane {} at registry version {}: sent snapshot version {} in {} chunks ({} bytes)", h.laneId(),
                h.registryVersion(), body.version(), sent, body.bytes().length);
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
        publish(topics.registryBroadcast(), RegistryCodec.encode(d, registry.storeId()));
    }

    private boolean publish(String topic, byte[] payload) {
        return broker.publish(topic, payload, false);
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
        eventReader.interrupt();
    }
}
