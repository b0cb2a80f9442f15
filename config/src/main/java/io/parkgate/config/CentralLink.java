package io.parkgate.config;

/**
 * How agents reach central and how central listens.
 *
 * @param mqttUrl  broker URL, e.g. {@code tcp://127.0.0.1:1883}; null means central embeds a broker
 * @param mqttPort the embedded broker's port when {@code mqttUrl} is null (0 = any free port)
 * @param httpPort central's HTTP port (API and console; 0 = any free port)
 * @param host     the host name or address agents use to reach central (embedded broker, HTTP)
 * @param database where central keeps its records: a PostgreSQL server, or null for central's SQLite file
 */
public record CentralLink(String mqttUrl, int mqttPort, int httpPort, String host, CentralDatabase database) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_MQTT_PORT = 1883;
    public static final int DEFAULT_HTTP_PORT = 8080;

    /** Central on its own SQLite file. */
    public CentralLink(String mqttUrl, int mqttPort, int httpPort, String host) {
        this(mqttUrl, mqttPort, httpPort, host, null);
    }

    /** The original components, with central on the local host. */
    public CentralLink(String mqttUrl, int mqttPort, int httpPort) {
        this(mqttUrl, mqttPort, httpPort, DEFAULT_HOST);
    }

    public boolean embeddedBroker() {
        return mqttUrl == null;
    }

    /** The broker URL agents connect to: the external broker, or central's embedded one. */
    public String brokerUrl() {
        return mqttUrl != null ? mqttUrl : "tcp://" + host + ":" + mqttPort;
    }

    /** Central's HTTP base URL as agents reach it, without a trailing slash. */
    public String httpBaseUrl() {
        return "http://" + host + ":" + httpPort;
    }
}
