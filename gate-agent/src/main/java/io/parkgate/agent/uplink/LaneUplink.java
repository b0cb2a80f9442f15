package io.parkgate.agent.uplink;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.retry.Backoff;
import io.parkgate.retry.BrokerRotation;
import io.parkgate.wire.EventAck;
import io.parkgate.wire.Hello;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.LaneStatus;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.SnapshotChunks;
import io.parkgate.wire.Topics;
import io.parkgate.wire.Topics.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane's link to central over MQTT (docs/mqtt.md). {@link #publish} journals an event in the outbox
 * and returns; a drainer thread owns the connection: it connects (Paho's automatic reconnect is off,
 * the back-off is ours), sends due events at QoS 1, resends what central did not acknowledge in time,
 * and trims what it did. Given the nodes of a broker cluster it goes round them ({@link BrokerRotation}): a
 * broker that fails hands over to the next at once. What central sends ({@link InboundMessages}) is handled
 * on a second thread so a slow registry write never stalls the connection.
 */
public final class LaneUplink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LaneUplink.class);
    private static final Duration TICK = Duration.ofMillis(500);
    private static final Duration CHECKPOINT_EVERY = Duration.ofMinutes(5);
    /**
     * How long a stop lets what is in flight finish before it says goodbye: above all the broker's PUBACKs of
     * the last statuses (each device closed by the stop sends one). Without it Paho sends DISCONNECT at once
     * and closes the socket, the broker then writes its PUBACKs to a closed connection and Moquette logs
     * "Broken pipe" at ERROR. Paho stops waiting as soon as nothing is in flight: a stop is not slower.
     */
    private static final Duration STOP_QUIESCE = Duration.ofSeconds(1);
    /** How long a disconnect may take beyond its quiesce (DISCONNECT written, socket closed). */
    private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** A backlog goes out in batches of this many events per message (one message when there is one). */
    static final int EVENTS_PER_MESSAGE = 100;

    private final UplinkConfig config;
    private final Clock clock;
    private final Outbox outbox;
    private final RegistrySink registry;
    private final InboundMessages messages;
    private final Topics topics;
    private final Semaphore wake = new Semaphore(0);
    /** Released once by close(): the reconnect back-off waits on it, so new events do not cut it short. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService inbound;
    private final Thread drainer;
    private final AtomicReference<DeviceState> state = new AtomicReference<>(DeviceState.CONNECTING);
    private final AtomicReference<LaneStatus> status;
    private final ClockCheck clockCheck;
    private volatile boolean running = true;
    private volatile boolean helloDue;
    private volatile MqttAsyncClient client;
    /** Built once at construction, so a bad CA or key file stops the agent at start, naming the file. */
    private final javax.net.ssl.SSLSocketFactory tls;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile String refused;
    /** The broker the lane is connected to now, or null. */
    private volatile String connectedBroker;
    /** The broker the lane was last connected to, for the log line of a loss. */
    private volatile String lastBroker;

    public LaneUplink(UplinkConfig config, Clock clock, Outbox outbox, RegistrySink registry, CommandSink commands) {
        this(config, clock, outbox, registry, commands, p -> { });
    }

    /** As above, also receiving payments made away from the lane. */
    public LaneUplink(UplinkConfig config, Clock clock, Outbox outbox, RegistrySink registry, CommandSink commands,
                      PrepaymentSink prepayments) {
        this(config, clock, outbox, registry, commands, prepayments, StaySink.IGNORE);
    }

    /** As above, also receiving the stays other lanes open and close (relayed by central). */
    public LaneUplink(UplinkConfig config, Clock clock, Outbox outbox, RegistrySink registry, CommandSink commands,
                      PrepaymentSink prepayments, StaySink stays) {
        this(config, clock, outbox, registry, commands, prepayments, stays, SpaceSink.IGNORE);
    }

    /** As above, also receiving the car park's free spaces as central counts them. */
    public LaneUplink(UplinkConfig config, Clock clock, Outbox outbox, RegistrySink registry, CommandSink commands,
                      PrepaymentSink prepayments, StaySink stays, SpaceSink spaces) {
        this.config = config;
        this.clock = clock;
        this.outbox = outbox;
        this.registry = registry;
        this.topics = new Topics(config.siteId());
        this.clockCheck = new ClockCheck(config.laneId(), clock);
        this.messages = new InboundMessages(config, clockCheck.centralClock(), outbox, registry, commands,
                p -> prepayments.prepaid(clockCheck.inLaneTime(p)), stays, spaces, this::requestResync,
                this::clockEchoed);
        this.status = new AtomicReference<>(new LaneStatus(config.laneId(), true, null, null, List.of(), 0));
        this.inbound = Executors.newSingleThreadExecutor(r -> new Thread(r, "uplink-in-" + config.laneId()));
        this.drainer = new Thread(this::drainLoop, "uplink-" + config.laneId());
        this.tls = config.tls() == null ? null : config.tls().socketFactory();
    }

    /** Starts connecting and draining; returns at once. */
    public LaneUplink start() {
        drainer.start();
        return this;
    }

    /**
     * Journals the event (durably) and wakes the drainer. Never blocks on the network.
     *
     * @throws UplinkException when the outbox cannot be written (disk full, file gone): the event is not journalled
     */
    public void publish(LaneEvent event) {
        if (!event.laneId().equals(config.laneId())) {
            throw new IllegalArgumentException("event of lane " + event.laneId() + " on uplink of " + config.laneId());
        }
        outbox.append(event);
        wake.release();
    }

    /**
     * Replaces the lane's status (keeping the last clock check's result); published retained now when connected,
     * else after the next connect.
     */
    public void updateStatus(LaneStatus s) {
        status.updateAndGet(was -> new LaneStatus(config.laneId(), true, clock.instant(), s.barrier(), s.devices(),
                s.queue(), s.waiting(), was.clock()));
        publishStatusIfConnected();
    }

    /** The last clock check's result (null before the first), as it goes to central in the lane's status. */
    public LaneStatus.ClockOffset clockOffset() {
        return status.get().clock();
    }

    private void clockEchoed(EventAck.ClockEcho echo) {
        LaneStatus.ClockOffset offset = clockCheck.echo(echo);
        if (offset != null) {
            status.updateAndGet(was -> new LaneStatus(was.laneId(), true, clock.instant(), was.barrier(),
                    was.devices(), was.queue(), was.waiting(), offset));
            publishStatusIfConnected();
        }
    }

    private void publishStatusIfConnected() {
        MqttAsyncClient c = client;
        if (c != null && c.isConnected()) {
            publishStatus(c);
        }
    }

    /**
     * The PC's clock was stepped: a hello measures it against central's again now rather than at the next
     * reconnect, so that a clock set right clears the lane's warning and one set wrong raises it. Central answers
     * the hello as after a reconnect (prepayments, open stays): a step is rare enough for that. Until its echo,
     * central's commands are judged on the PC's own clock (the offset measured before the step no longer holds).
     */
    public void recheckClock() {
        LOG.info("lane {}: the PC's clock was stepped; checking it against central's again", config.laneId());
        clockCheck.forgetOffset();
        requestResync();
    }

    /** Asks central for the registry again (e.g. after the agent's store was rebuilt). */
    public void requestResync() {
        helloDue = true;
        wake.release();
    }

    public DeviceState state() {
        return state.get();
    }

    public long unconfirmed() {
        return outbox.unconfirmed();
    }

    /** When the oldest event not yet confirmed by central was journalled, or null. */
    public Instant oldestUnconfirmed() {
        return outbox.oldestUnconfirmed();
    }

    /**
     * Why the broker refused this lane's user name or password at the last attempt, or null when it has not
     * (a refused login is a configuration error, unlike an unreachable broker).
     */
    public String credentialsRefused() {
        return refused;
    }

    /** The URL of the broker the lane is connected to now, or null while it is not connected. */
    public String connectedBroker() {
        return connectedBroker;
    }

    /** Waits until the first connection attempt has succeeded or failed; false when it is still running. */
    public boolean awaitFirstAttempt(Duration wait) throws InterruptedException {
        return firstAttempt.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running = false;
        closing.countDown();
        wake.release();
        try {
            drainer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inbound.shutdown();
        try {
            inbound.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        state.set(DeviceState.CLOSED);
    }

    private void drainLoop() {
        BrokerRotation brokers = new BrokerRotation(config.brokerUrls(),
                new Backoff(config.retryMin(), config.retryMax()));
        Instant nextCheckpoint = clock.instant().plus(CHECKPOINT_EVERY);
        while (running) {
            try {
                if (client == null || !client.isConnected()) {
                    if (!connect(brokers.current())) {
                        Duration wait = brokers.failed();
                        if (!wait.isZero()) { // every broker failed this round
                            firstAttempt.countDown();
                            state.set(DeviceState.WAITING_FOR_RETRY);
                            closing.await(wait.toMillis(), TimeUnit.MILLISECONDS);
                        }
                        continue;
                    }
                    brokers.connected();
                }
                if (helloDue) {
                    helloDue = false;
                    sendHello();
                }
                int sent = drainOnce();
                outbox.trimConfirmed(clock.instant().minus(config.keepConfirmed()));
                if (clock.instant().isAfter(nextCheckpoint)) {
                    outbox.checkpoint();
                    nextCheckpoint = clock.instant().plus(CHECKPOINT_EVERY);
                }
                if (sent < config.drainBatch()) {
                    wake.tryAcquire(TICK.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.warn("lane {}: uplink round failed: {}", config.laneId(), e.toString());
                disconnectQuietly();
            }
        }
        disconnectQuietly(STOP_QUIESCE);
    }

    private boolean connect(String url) {
        state.set(DeviceState.CONNECTING);
        try {
            // A client is bound to one broker: after a loss (client closed) the next attempt may be on another.
            if (client == null || !client.getServerURI().equals(url)) {
                disconnectQuietly();
                // agent-<user>: the lane id, or <lane>@<site> where a central serves sites whose lane ids repeat.
                client = new MqttAsyncClient(url, "agent-" + (config.username() != null ? config.username()
                        : config.laneId()), new MemoryPersistence());
                client.setCallback(new Callback());
            }
            MqttConnectOptions o = new MqttConnectOptions();
            o.setAutomaticReconnect(false);
            o.setCleanSession(true);
            o.setConnectionTimeout(10);
            o.setKeepAliveInterval(10);
            o.setMaxInflight(Math.max(config.drainBatch(), 10));
            if (tls != null) {
                o.setSocketFactory(tls);
            }
            if (config.username() != null) {
                o.setUserName(config.username());
                o.setPassword(config.password() == null ? new char[0] : config.password().toCharArray());
            }
            o.setWill(topics.lane(config.laneId(), Channel.STATUS),
                    MessageCodec.encode(LaneStatus.offline(config.laneId())), 1, true);
            client.connect(o).waitForCompletion(15_000);
            String[] subs = messages.subscriptions().toArray(String[]::new);
            int[] qos = new int[subs.length];
            Arrays.fill(qos, 1);
            client.subscribe(subs, qos).waitForCompletion(10_000);
            // What was in flight when the link dropped may be lost: send it again (central dedups).
            outbox.resendUnconfirmed();
            publishStatus(client);
            sendHello();
            state.set(DeviceState.CONNECTED);
            connectedBroker = url;
            lastBroker = url;
            LOG.info("lane {}: connected to broker {} ({} events to deliver)", config.laneId(), url,
                    outbox.unconfirmed());
            refused = null;
            firstAttempt.countDown();
            return true;
        } catch (MqttException e) {
            int code = e.getReasonCode();
            if (code == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || code == MqttException.REASON_CODE_NOT_AUTHORIZED) {
                boolean first = refused == null;
                refused = "broker " + url + " refused user '" + config.username() + "': "
                        + e.getMessage();
                if (first) {
                    LOG.error("lane {}: {}; check mqtt.password in the lane's secrets file", config.laneId(), refused);
                }
            } else {
                LOG.info("lane {}: cannot connect to {}: {}{}", config.laneId(), url, e.getMessage(),
                        e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
            }
            disconnectQuietly();
            return false;
        }
    }

    private int drainOnce() {
        Instant now = clock.instant();
        List<Outbox.Pending> due = outbox.due(now.minus(config.ackTimeout()), config.drainBatch());
        if (due.isEmpty()) {
            return 0;
        }
        String topic = topics.lane(config.laneId(), Channel.EVENT);
        List<IMqttDeliveryToken> tokens = new ArrayList<>(due.size());
        List<Outbox.Pending> sent = new ArrayList<>(due.size());
        try {
            for (int i = 0; i < due.size(); i += EVENTS_PER_MESSAGE) {
                List<Outbox.Pending> chunk = due.subList(i, Math.min(due.size(), i + EVENTS_PER_MESSAGE));
                byte[] payload = chunk.size() == 1 ? chunk.get(0).payload()
                        : MessageCodec.encodeBatch(config.laneId(), chunk.stream().map(Outbox.Pending::payload)
                                .toList());
                tokens.add(client.publish(topic, payload, 1, false));
                sent.addAll(chunk);
            }
            for (IMqttDeliveryToken t : tokens) {
                t.waitForCompletion(10_000);
            }
        } catch (MqttException e) {
            LOG.info("lane {}: publishing stopped after {} of {}: {}", config.laneId(), sent.size(), due.size(),
                    e.getMessage());
            disconnectQuietly();
            return 0;
        }
        outbox.markPublished(sent);
        LOG.debug("lane {}: published {} events", config.laneId(), sent.size());
        return sent.size();
    }

    private void sendHello() {
        try {
            Hello h = new Hello(config.laneId(), registry.registryVersion(), outbox.unconfirmed(),
                    SnapshotChunks.FORMAT, clockCheck.helloSent());
            client.publish(topics.lane(config.laneId(), Channel.HELLO), MessageCodec.encode(h), 1, false);
        } catch (MqttException e) {
            LOG.info("lane {}: hello not sent: {}", config.laneId(), e.getMessage());
        }
    }

    private void publishStatus(MqttAsyncClient c) {
        try {
            c.publish(topics.lane(config.laneId(), Channel.STATUS), MessageCodec.encode(status.get()), 1, true);
        } catch (MqttException e) {
            LOG.info("lane {}: status not sent: {}", config.laneId(), e.getMessage());
        }
    }

    /** Drops the link at once: it failed or is suspect, so nothing in flight is waited for. */
    private void disconnectQuietly() {
        disconnectQuietly(Duration.ZERO);
    }

    /**
     * Disconnects and closes the client.
     *
     * @param quiesce how long in-flight messages may take to complete before DISCONNECT is sent
     */
    private void disconnectQuietly(Duration quiesce) {
        connectedBroker = null;
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(quiesce.toMillis()).waitForCompletion(quiesce.plus(DISCONNECT_TIMEOUT).toMillis());
            }
        } catch (MqttException e) {
            LOG.debug("lane {}: disconnect: {}", config.laneId(), e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("lane {}: close: {}", config.laneId(), e.getMessage());
        }
        client = null;
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // connect() itself finishes the set-up (subscriptions, hello) on the drainer thread.
        }

        @Override
        public void connectionLost(Throwable cause) {
            state.set(DeviceState.WAITING_FOR_RETRY);
            LOG.info("lane {}: connection to central through broker {} lost: {}", config.laneId(), lastBroker,
                    cause == null ? "closed" : cause.getMessage());
            connectedBroker = null;
            wake.release();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            inbound.execute(() -> messages.handle(topic, payload));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // QoS 1 PUBACK only means the broker has it; the outbox waits for central's ack.
        }
    }
}
