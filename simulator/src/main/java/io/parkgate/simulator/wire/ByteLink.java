package io.parkgate.simulator.wire;

import io.parkgate.config.TransportUri;

/**
 * The simulator's end of one device's byte stream (a TCP serial-device server or one end of a
 * pseudo-terminal pair). Moves bytes only; framing is the device simulator's job.
 */
public interface ByteLink extends AutoCloseable {

    /**
     * Sends bytes to whoever is connected. With nobody connected the bytes are lost, as on a real
     * wire with nothing plugged in; never throws.
     */
    void write(byte[] bytes);

    /** Where the agent (or test equipment) reaches this device. */
    TransportUri agentTransport();

    /** True while a peer is connected (TCP) or the port is open (pseudo-terminal). */
    boolean connected();

    @Override
    void close();
}
