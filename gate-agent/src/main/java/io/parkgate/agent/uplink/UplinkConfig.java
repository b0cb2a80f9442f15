package io.parkgate.agent.uplink;

import io.parkgate.config.BrokerTls;
import io.parkgate.wire.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one lane's agent reaches central.
 *
 * @param brokerUrls     e.g. {@code tcp://10.0.0.2:1883}; the nodes of a broker cluster, tried in turn
 * @param username       the lane's own MQTT user (the broker lets it publish only under its lane)
 * @param commandSecret  the lane's HMAC secret for release commands (at least 16 characters)
 * @param dataDir        the lane's data directory; the outbox is {@code <dataDir>/outbox.db}
 * @param ackTimeout     an event published but not acknowledged for this long is sent again
 * @param retryMin       first reconnect delay; doubled after each failure up to {@code retryMax}
 * @param drainBatch     events read from the outbox and published per round
 * @param keepConfirmed  how long acknowledged events stay in the outbox before they are trimmed
 * @param tls            CA and client certificate for an {@code ssl://} broker, or null for the JVM's defaults
 */
public record UplinkConfig(List<String> brokerUrls, String siteId, String laneId, String username, String password,
                           String commandSecret, Path dataDir, Duration ackTimeout, Duration retryMin,
                           Duration retryMax, int drainBatch, Duration keepConfirmed, BrokerTls tls) {

    public UplinkConfig {
        brokerUrls = List.copyOf(brokerUrls);
        if (brokerUrls.isEmpty()) {
            throw new IllegalArgumentException("lane " + laneId + " needs at least one broker URL");
        }
        Topics.requireId("siteId", siteId);
        Topics.requireId("laneId", laneId);
        Objects.requireNonNull(dataDir, "dataDir");
        if (commandSecret == null || commandSecret.length() < 16) {
            throw new IllegalArgumentException("commandSecret of lane " + laneId + " must be at least 16 characters");
        }
        if (drainBatch < 1 || drainBatch > 5000) {
            throw new IllegalArgumentException("drainBatch must be 1..5000, was " + drainBatch);
        }
        if (retryMin.isNegative() || retryMin.isZero() || retryMax.compareTo(retryMin) < 0) {
            throw new IllegalArgumentException("need 0 < retryMin <= retryMax, was " + retryMin + ", " + retryMax);
        }
    }

    /** The usual settings: resend after 10 s, reconnect 0.5 s … 30 s, 500 per round, keep acked rows 1 h. */
    public static UplinkConfig of(String brokerUrl, String siteId, String laneId, String username, String password,
                                  String commandSecret, Path dataDir) {
        return of(List.of(brokerUrl), siteId, laneId, username, password, commandSecret, dataDir);
    }

    /** As above with the nodes of a broker cluster: the lane fails over between them. */
    public static UplinkConfig of(List<String> brokerUrls, String siteId, String laneId, String username,
                                  String password, String commandSecret, Path dataDir) {
        return new UplinkConfig(brokerUrls, siteId, laneId, username, password, commandSecret, dataDir,
                Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(30), 500, Duration.ofHours(1), null);
    }

    public UplinkConfig withTiming(Duration ackTimeout, Duration retryMin, Duration retryMax) {
        return new UplinkConfig(brokerUrls, siteId, laneId, username, password, commandSecret, dataDir, ackTimeout,
                retryMin, retryMax, drainBatch, keepConfirmed, tls);
    }

    /** The same link over TLS with these files ({@code ssl://} broker URLs). */
    public UplinkConfig withTls(BrokerTls tls) {
        return new UplinkConfig(brokerUrls, siteId, laneId, username, password, commandSecret, dataDir, ackTimeout,
                retryMin, retryMax, drainBatch, keepConfirmed, tls);
    }

    /** Without the password and the command secret, so a logged config leaks nothing. */
    @Override
    public String toString() {
        return "UplinkConfig[" + String.join(", ", brokerUrls) + ", site " + siteId + ", lane " + laneId + ", user "
                + username + ", data " + dataDir + ", ackTimeout " + ackTimeout + ", retry " + retryMin + ".."
                + retryMax + ", batch " + drainBatch + "]";
    }
}
