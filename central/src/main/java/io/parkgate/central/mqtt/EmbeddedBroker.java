package io.parkgate.central.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moquette inside central, used when no external broker is configured. Agents authenticate with their
 * lane id and password (checked against central's lanes), central with a password made at start; the
 * {@link LaneAcl} decides every publish and subscribe.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /**
     * The largest message anyone may publish (Moquette has one limit for every client): central's registry
     * snapshot of a 100 000-vehicle estate with its cards and passes (28 MB, docs/benchmarks.md) fits. A
     * lane's own messages are far smaller, and central drops any lane message over
     * {@link AgentGateway#MAX_LANE_MESSAGE} unread.
     */
    static final int MAX_MESSAGE = 32 * 1024 * 1024;
    /** Refused publishes are logged once per user and topic, not once per message. */
    private static final int MAX_LOGGED_REFUSALS = 1000;

    private final Server server = new Server();
    private final AcceptedSessions accepted = new AcceptedSessions();
    private final String host;
    private final int port;
    private volatile boolean started;

    private EmbeddedBroker(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Starts on {@code port} (0 = any free port) and returns once the port is known. */
    /**
     * @param lanePasswords   checks a lane's user name (its lane id, or {@code <lane>@<site>} at a central of
     *                        several sites) and password
     * @param centralClientId the only client id central's user may connect with; a lane's user may connect
     *                        only as {@link #agentClientId} of its lane, so no login can take over (and so
     *                        disconnect) another client's session
     */
    public static EmbeddedBroker start(String host, int port,
                                       java.util.function.BiPredicate<String, byte[]> lanePasswords, String centralUser,
                                       String centralPassword, String centralClientId, LaneAcl acl) throws IOException {
        // Moquette's getPort() reads a plain HashMap that its bind listener writes: polling it while the broker
        // binds can lose the port for good. So a free port is chosen here and readiness is a TCP connect.
        int chosen = port != 0 ? port : freePort(host);
        EmbeddedBroker b = new EmbeddedBroker(host, chosen);
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(chosen));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE));
        p.setProperty("session_queue_size", "65536");
        // Flush every write at once: buffered flushing adds milliseconds to each QoS 1 round trip.
        p.setProperty("immediate_buffer_flush", "true");
        byte[] centralPw = centralPassword.getBytes(StandardCharsets.UTF_8);
        IAuthenticator auth = (clientId, user, password) -> {
            boolean ok;
            if (centralUser.equals(user)) {
                ok = password != null && MessageDigest.isEqual(centralPw, password) && centralClientId.equals(clientId);
            } else {
                ok = user != null && agentClientId(user).equals(clientId) && lanePasswords.test(user, password);
            }
            if (!ok) {
                LOG.warn("MQTT login refused for user {} (client {})", user, clientId);
            }
            return ok;
        };
        java.util.Set<String> refusals = java.util.concurrent.ConcurrentHashMap.newKeySet();
        IAuthorizatorPolicy policy = new IAuthorizatorPolicy() {
            @Override
            public boolean canWrite(Topic topic, String user, String client) {
                boolean ok = acl.canWrite(user, topic.toString());
                if (!ok && refusals.size() < MAX_LOGGED_REFUSALS && refusals.add(user + " " + topic)) {
                    LOG.warn("MQTT publish refused: user {} on {} (logged once)", user, topic);
                }
                return ok;
            }

            @Override
            public boolean canRead(Topic topic, String user, String client) {
                return acl.canRead(user, topic.toString());
            }
        };
        b.server.startServer(new MemoryConfig(p), List.of(b.accepted), null, auth, policy);
        b.started = true;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!b.accepting()) {
            if (System.nanoTime() > deadline) {
                b.close();
                throw new IOException("embedded MQTT broker not accepting on " + host + ":" + chosen + " within 10 s");
            }
            LockSupport.parkNanos(5_000_000);
        }
        LOG.info("embedded MQTT broker listening on {}:{}", host, chosen);
        return b;
    }

    /**
     * The client id a lane's agent connects with: {@code agent-} and its MQTT user name (the lane id, or
     * {@code <lane>@<site>}, so that the same lane id at two compounds makes two clients, not one taking over).
     */
    public static String agentClientId(String laneUser) {
        return "agent-" + laneUser;
    }

    /** When a client's session is accepted, so that central subscribes only after (see {@link SessionGate}). */
    public SessionGate sessionGate() {
        return accepted;
    }

    public int port() {
        return port;
    }

    private boolean accepting() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(connectHost(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String connectHost() {
        return host.equals("0.0.0.0") ? "127.0.0.1" : host;
    }

    private static int freePort(String host) throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    public String url() {
        return "tcp://" + connectHost() + ":" + port;
    }

    @Override
    public void close() {
        if (started) {
            started = false;
            server.stopServer();
        }
    }

    /**
     * Counts accepted sessions per client id. Moquette calls its interceptors' {@code onConnect} only after it
     * has marked the connection connected, which is the moment a SUBSCRIBE is safe.
     */
    private static final class AcceptedSessions extends AbstractInterceptHandler implements SessionGate {

        private final java.util.Map<String, Long> counts = new java.util.HashMap<>();

        @Override
        public String getID() {
            return "parkgate-accepted-sessions";
        }

        @Override
        public Class<?>[] getInterceptedMessageTypes() {
            // Only CONNECT: publishes must not pay for an interceptor.
            return new Class<?>[] {InterceptConnectMessage.class};
        }

        @Override
        public synchronized void onConnect(InterceptConnectMessage msg) {
            counts.merge(msg.getClientID(), 1L, Long::sum);
            notifyAll();
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            LOG.warn("embedded MQTT broker: session loop failed: {}", error.toString());
        }

        @Override
        public synchronized long mark(String clientId) {
            return counts.getOrDefault(clientId, 0L);
        }

        @Override
        public synchronized boolean await(String clientId, long mark, java.time.Duration max)
                throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (counts.getOrDefault(clientId, 0L) <= mark) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }
}
