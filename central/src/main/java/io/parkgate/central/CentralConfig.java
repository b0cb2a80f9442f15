package io.parkgate.central;

import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.wire.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Central's settings: what the site file says about central, plus central-only settings with defaults.
 *
 * @param dataDir             where {@code central.db} lives
 * @param brokerUrl           an external broker (e.g. Mosquitto), or null to embed Moquette
 * @param mqttHost            interface the embedded broker binds to
 * @param mqttPort            the embedded broker's port (0 = any free port)
 * @param centralMqttUser     central's MQTT user (external broker: as in its password file)
 * @param centralMqttPassword central's MQTT password; null with the embedded broker = a random one
 * @param escalateAfter       an exception unclaimed this long escalates to the manager
 * @param commandValidity     how long a release command may be carried out
 * @param prepaidGrace        after paying away from the lane, the exit is free within this time
 * @param ingestBatch         lane events per register transaction
 * @param lanes               lanes provisioned (created or updated) at start
 * @param bootstrapManager    user name and password of the first manager, created when there are no users
 */
public record CentralConfig(String siteId, Path dataDir, String httpHost, int httpPort, String brokerUrl,
                            String mqttHost, int mqttPort, String centralMqttUser, String centralMqttPassword,
                            Duration escalateAfter, Duration commandValidity, Duration prepaidGrace,
                            int ingestBatch, ZoneId zone, List<LaneDefinition> lanes, Credentials bootstrapManager) {

    /** A user name and password. */
    public record Credentials(String username, String password) {
    }

    public CentralConfig {
        Topics.requireId("siteId", siteId);
        Objects.requireNonNull(dataDir, "dataDir");
        lanes = List.copyOf(lanes);
        if (ingestBatch < 1 || ingestBatch > 10_000) {
            throw new IllegalArgumentException("ingestBatch must be 1..10000, was " + ingestBatch);
        }
        if (commandValidity.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("commandValidity above 5 min would be refused by every agent");
        }
        if (brokerUrl != null && (centralMqttPassword == null || centralMqttUser == null)) {
            throw new IllegalArgumentException("an external broker needs centralMqttUser and centralMqttPassword");
        }
    }

    /** Defaults: embedded broker on any port, HTTP on any port, local interface, 5 min escalation. */
    public static CentralConfig defaults(String siteId, Path dataDir, List<LaneDefinition> lanes,
                                         Credentials bootstrapManager) {
        return new CentralConfig(siteId, dataDir, "127.0.0.1", 0, null, "127.0.0.1", 0, "central", null,
                Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofMinutes(15), 500,
                ZoneId.of("Asia/Shanghai"), lanes, bootstrapManager);
    }

    public CentralConfig withExternalBroker(String url, String user, String password) {
        return new CentralConfig(siteId, dataDir, httpHost, httpPort, url, mqttHost, mqttPort, user, password,
                escalateAfter, commandValidity, prepaidGrace, ingestBatch, zone, lanes, bootstrapManager);
    }

    public CentralConfig withEscalateAfter(Duration d) {
        return new CentralConfig(siteId, dataDir, httpHost, httpPort, brokerUrl, mqttHost, mqttPort, centralMqttUser,
                centralMqttPassword, d, commandValidity, prepaidGrace, ingestBatch, zone, lanes, bootstrapManager);
    }

    public CentralConfig withPorts(int http, int mqtt) {
        return new CentralConfig(siteId, dataDir, httpHost, http, brokerUrl, mqttHost, mqtt, centralMqttUser,
                centralMqttPassword, escalateAfter, commandValidity, prepaidGrace, ingestBatch, zone, lanes,
                bootstrapManager);
    }
}
