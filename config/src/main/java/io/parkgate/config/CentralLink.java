package io.parkgate.config;

/**
 * How agents reach central and how central listens.
 *
 * @param mqttUrl  broker URL, e.g. {@code tcp://127.0.0.1:1883}; null means central embeds a broker
 * @param httpPort central's HTTP port (API and console)
 */
public record CentralLink(String mqttUrl, int mqttPort, int httpPort) {
}
