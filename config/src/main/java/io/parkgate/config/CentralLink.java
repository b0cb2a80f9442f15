package io.parkgate.config;

import java.util.List;

/**
 * How agents reach central and how central listens.
 *
 * @param mqttUrls broker URLs, e.g. {@code tcp://127.0.0.1:1883}, the nodes of one broker cluster in the order
 *                 they are tried; empty means central embeds a broker
 * @param mqttPort the embedded broker's port when {@code mqttUrls} is empty (0 = any free port)
 * @param httpPort central's HTTP port (API and console; 0 = any free port)
 * @param host     the host name or address agents use to reach central (embedded broker, HTTP)
 * @param database where central keeps its records: a PostgreSQL server, or null for central's SQLite file
 */
public record CentralLink(List<String> mqttUrls, int mqttPort, int httpPort, String host, CentralDatabase database) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_MQTT_PORT = 1883;
    public static final int DEFAULT_HTTP_PORT = 8080;

    public CentralLink {
        mqttUrls = mqttUrls == null ? List.of() : List.copyOf(mqttUrls);
    }

    /** One external broker ({@code mqttUrl}), or central's embedded one (null). */
    public CentralLink(String mqttUrl, int mqttPort, int httpPort, String host, CentralDatabase database) {
        this(mqttUrl == null ? List.of() : List.of(mqttUrl), mqttPort, httpPort, host, database);
    }

    /** Central on its own SQLite file. */
    public CentralLink(String mqttUrl, int mqttPort, int httpPort, String host) {
        this(mqttUrl, mqttPort, httpPort, host, null);
    }

    /** The original components, with central on the local host. */
    public CentralLink(String mqttUrl, int mqttPort, int httpPort) {
        this(mqttUrl, mqttPort, httpPort, DEFAULT_HOST);
    }

    public boolean embeddedBroker() {
        return mqttUrls.isEmpty();
    }

    /** The broker URLs agents connect to, in order: the external broker's nodes, or central's embedded one. */
    public List<String> brokerUrls() {
        return embeddedBroker() ? List.of("tcp://" + host + ":" + mqttPort) : mqttUrls;
    }

    /** The first of {@link #brokerUrls()}: the only one unless the site lists a broker cluster. */
    public String brokerUrl() {
        return brokerUrls().get(0);
    }

    /** Central's HTTP base URL as agents reach it, without a trailing slash. */
    public String httpBaseUrl() {
        return "http://" + host + ":" + httpPort;
    }
}
