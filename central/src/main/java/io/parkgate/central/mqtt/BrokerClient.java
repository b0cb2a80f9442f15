package io.parkgate.central.mqtt;

import io.parkgate.retry.Backoff;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central's own MQTT connection (Paho; embedded or external broker alike). Reconnection is ours, with
 * back-off; after each connect the subscriptions are made again. Given the nodes of a broker cluster, each
 * attempt goes round them in order (Paho's server URI list) before the back-off is waited. Incoming messages
 * go to one handler on Paho's thread, which must hand off quickly.
 */
public final class BrokerClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerClient.class);

    private final String url;
    private final String[] urls;
    private final javax.net.ssl.SSLSocketFactory tls;
    private final String user;
    private final String password;
    private final String[] filters;
    private final String clientId;
    private final SessionGate gate;
    private final ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "central-mqtt-reconnect");
        t.setDaemon(true);
        return t;
    });
    private final MqttAsyncClient client;
    private volatile boolean running = true;
    /** Until start() has connected once, a lost connection is start()'s to retry, not the reconnector's. */
    private volatile boolean started;
    /** 250 ms, 500 ms … 30 s between attempts to reach the broker. */
    private static final Backoff RECONNECT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
    private final AtomicInteger failures = new AtomicInteger();
    /**
     * How long a stop lets what is in flight finish before it says goodbye: above all the broker's PUBACKs of
     * central's last publishes (acks, commands, counts). Without it Paho sends DISCONNECT at once and closes the
     * socket, the broker then writes its PUBACKs to a closed connection and Moquette logs "Broken pipe" at ERROR.
     * Paho stops waiting as soon as nothing is in flight: a stop is not slower. As the agent's uplink stops
     * (LaneUplink.STOP_QUIESCE); the two programs share no MQTT client code to keep one constant in.
     */
    private static final Duration STOP_QUIESCE = Duration.ofSeconds(1);
    /** How long a disconnect may take beyond its quiesce (DISCONNECT written, socket closed). */
    private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(2);

    public BrokerClient(String url, String clientId, String user, String password, String[] filters)
            throws MqttException {
        this(url, clientId, user, password, filters, null);
    }

    /** @param tls for an {@code ssl://} broker: trusts its CA (and presents a client certificate), or null */
    public BrokerClient(String url, String clientId, String user, String password, String[] filters,
                        javax.net.ssl.SSLSocketFactory tls) throws MqttException {
        this(java.util.List.of(url), clientId, user, password, filters, tls, SessionGate.NONE);
    }

    /** As above with the nodes of a broker cluster, {@code urls}, tried in order at every (re)connect. */
    public BrokerClient(java.util.List<String> urls, String clientId, String user, String password, String[] filters,
                        javax.net.ssl.SSLSocketFactory tls, SessionGate gate) throws MqttException {
        this.tls = tls;
        this.gate = gate;
        this.clientId = clientId;
        this.urls = urls.toArray(String[]::new);
        this.url = String.join(", ", urls);
        this.user = user;
        this.password = password;
        this.filters = filters.clone();
        this.client = new MqttAsyncClient(this.urls[0], clientId, new MemoryPersistence());
    }

    /**
     * Connects now (waiting up to 15 s) and hands every message on the filters to {@code handler}; later losses
     * reconnect in the background. The handler comes here, not to the constructor, because what handles the
     * messages (the agent gateway) publishes through this client and so is built after it.
     */
    public void start(BiConsumer<String, byte[]> handler) throws MqttException {
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                String why = cause == null ? "closed" : cause.getMessage();
                if (!started) {
                    LOG.info("central's first connection was dropped ({}); start retries it", why);
                    return;
                }
                LOG.warn("central lost its broker connection: {}", why);
                scheduleConnect(Duration.ZERO);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                handler.accept(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // QoS 1 PUBACKs need no action: acks and commands are idempotent for the agent.
            }
        });
        // A broker that has just bound its port may accept TCP and still drop the first MQTT connection
        // (seen with the embedded broker under load): retry briefly before giving up on start.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        for (int attempt = 1; ; attempt++) {
            try {
                connectOnce();
                started = true;
                if (!client.isConnected()) {
                    scheduleConnect(Duration.ZERO); // lost between the first subscribe and now
                }
                return;
            } catch (MqttException e) {
                if (refusedLogin(e)) {
                    throw new MqttException(e.getReasonCode(), new IllegalStateException("broker " + url
                            + " refused central's user '" + user + "' (" + e.getMessage()
                            + "); check central.mqtt.password in central's secrets file against the broker's "
                            + "password file"));
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.info("central's first connection to {} failed ({}), attempt {}; retrying", url, e.getMessage(),
                        attempt);
                if (client.isConnected()) {
                    try {
                        client.disconnectForcibly(1000);
                    } catch (MqttException ignored) {
                        // the next connect attempt reports what is wrong
                    }
                }
                try {
                    Thread.sleep(Math.min(1000, 100L * attempt)); // back-off at start-up, not polling
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A wrong user name or password is configuration, not a network hiccup: retrying will not help. */
    static boolean refusedLogin(MqttException e) {
        return e.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                || e.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED;
    }

    /** The broker central is connected to now (one of the cluster's nodes), or null. */
    public String connectedBroker() {
        return client.isConnected() ? client.getCurrentServerURI() : null;
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Publishes at QoS 1; false (logged) when not connected: callers resend on the agent's next hello. */
    public boolean publish(String topic, byte[] payload, boolean retained) {
        try {
            client.publish(topic, payload, 1, retained);
            return true;
        } catch (MqttException e) {
            LOG.warn("central could not publish on {}: {}", topic, e.getMessage());
            return false;
        }
    }

    private void connectOnce() throws MqttException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setAutomaticReconnect(false);
        o.setCleanSession(true);
        o.setKeepAliveInterval(10);
        o.setConnectionTimeout(10);
        o.setMaxInflight(65_535);
        if (urls.length > 1) {
            o.setServerURIs(urls);
        }
        if (tls != null) {
            o.setSocketFactory(tls);
        }
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        long mark = gate.mark(clientId);
        client.connect(o).waitForCompletion(15_000);
        try {
            gate.await(clientId, mark, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqttException(MqttException.REASON_CODE_CLIENT_EXCEPTION, e);
        }
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, 1);
        client.subscribe(filters, qos).waitForCompletion(10_000);
        failures.set(0);
        LOG.info("central connected to broker {}", client.getCurrentServerURI());
    }

    @SuppressWarnings("FutureReturnValueIgnored") // each attempt schedules the next one itself
    private void scheduleConnect(Duration delay) {
        if (!running) {
            return;
        }
        reconnector.schedule(() -> {
            if (!running || client.isConnected()) {
                return;
            }
            try {
                connectOnce();
            } catch (MqttException | RuntimeException e) {
                // Any failure, not only the client's own, must lead to the next attempt, or central stays cut off.
                Duration next = RECONNECT.delayAfter(failures.incrementAndGet());
                LOG.info("central cannot reach {}: {}; retry in {} ms", url, e.getMessage(), next.toMillis());
                scheduleConnect(next);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running = false;
        reconnector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(STOP_QUIESCE.toMillis())
                        .waitForCompletion(STOP_QUIESCE.plus(DISCONNECT_TIMEOUT).toMillis());
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing broker client: {}", e.getMessage());
        }
    }
}
