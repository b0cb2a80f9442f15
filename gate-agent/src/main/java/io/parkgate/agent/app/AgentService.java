package io.parkgate.agent.app;

import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.config.BrokerTls;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import java.nio.file.Path;

/**
 * How a lane's agent service is put together from the site file and its secrets, shared by the agent
 * service ({@link AgentMain}) and the demo car park so the demo cannot drift from production.
 *
 * <p>Secrets file keys (or environment variables): {@code mqtt.password} ({@code PARKGATE_MQTT_PASSWORD}),
 * {@code command.secret} ({@code PARKGATE_COMMAND_SECRET}), optional {@code mqtt.username}
 * ({@code PARKGATE_MQTT_USERNAME}, default the lane id).
 */
public final class AgentService {

    public static final String MQTT_USERNAME = "mqtt.username";
    public static final String MQTT_PASSWORD = "mqtt.password";
    public static final String COMMAND_SECRET = "command.secret";

    private AgentService() {
    }

    /**
     * The lane's link to central: the broker from the site file's {@code central} section, its user name,
     * password and command secret from {@code secrets}.
     *
     * @param tls for an {@code ssl://} broker, or null
     * @throws io.parkgate.config.SecretsException naming the missing key
     */
    public static UplinkConfig uplink(SiteConfig site, LaneConfig lane, Path laneDir, SecretsFile secrets,
                                      BrokerTls tls) {
        return uplink((site.central() == null ? new io.parkgate.config.CentralLink((String) null,
                io.parkgate.config.CentralLink.DEFAULT_MQTT_PORT, 0) : site.central()).brokerUrls(), site, lane,
                laneDir, secrets, tls);
    }

    /** As above, with the broker named here (the demo's central embeds one on a free port). */
    public static UplinkConfig uplink(String url, SiteConfig site, LaneConfig lane, Path laneDir, SecretsFile secrets,
                                      BrokerTls tls) {
        return uplink(java.util.List.of(url), site, lane, laneDir, secrets, tls);
    }

    /** As above, with the nodes of a broker cluster: the lane fails over between them. */
    public static UplinkConfig uplink(java.util.List<String> urls, SiteConfig site, LaneConfig lane, Path laneDir,
                                      SecretsFile secrets, BrokerTls tls) {
        String url = urls.get(0);
        String user = secrets.optional(MQTT_USERNAME, "PARKGATE_MQTT_USERNAME");
        UplinkConfig c = UplinkConfig.of(urls, site.siteId(), lane.id(), user == null ? lane.id() : user,
                secrets.required(MQTT_PASSWORD, "PARKGATE_MQTT_PASSWORD"),
                secrets.required(COMMAND_SECRET, "PARKGATE_COMMAND_SECRET"), laneDir);
        if (url.startsWith("ssl://") || tls != null) {
            c = c.withTls(tls == null ? new BrokerTls(null, null, null) : tls);
        }
        return c;
    }
}
