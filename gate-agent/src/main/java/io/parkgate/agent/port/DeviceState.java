package io.parkgate.agent.port;

/**
 * Connection state of one lane device, owned by the agent (not the transport library), shown on the
 * console and exported as a metric.
 */
public enum DeviceState {
    /** Opening the port or connecting to the serial-device server. */
    CONNECTING,
    /** Bytes flow; for the I/O controller, the last poll was answered. */
    CONNECTED,
    /** The port vanished or the connection dropped; the agent retries after a back-off. */
    WAITING_FOR_RETRY,
    /** Connected but not answering correctly (timeouts, exception responses): reported, still retried. */
    FAULT,
    /** Shut down on purpose. */
    CLOSED
}
