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
    CLOSED;

    /** The value of the {@code parking_device_state} and {@code parking_uplink_state} gauges: fixed for dashboards. */
    public int metricValue() {
        return switch (this) {
            case CONNECTING -> 0;
            case CONNECTED -> 1;
            case WAITING_FOR_RETRY -> 2;
            case FAULT -> 3;
            case CLOSED -> 4;
        };
    }
}
