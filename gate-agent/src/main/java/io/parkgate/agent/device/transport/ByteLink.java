package io.parkgate.agent.device.transport;

import java.io.IOException;

/**
 * An open byte stream to one device: a serial port or a TCP connection to a serial-device server.
 * It only moves bytes; framing belongs to the codecs, reconnection to {@link DeviceConnection}.
 *
 * <p>Error model: any {@link IOException} means the link is dead (port vanished, peer closed the
 * connection) and must be closed and reopened; a read that merely times out returns 0.
 * One reader and one writer thread at a time.
 */
public interface ByteLink extends AutoCloseable {

    /**
     * Reads what has arrived, waiting at most {@code timeoutMillis} (at least 1) for the first byte.
     *
     * @return the number of bytes read, 0 when nothing came within the timeout
     * @throws IOException when the link is gone
     */
    int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException;

    /** Writes all of {@code data}, returning once it is handed to the OS. */
    void write(byte[] data) throws IOException;

    /**
     * Drops bytes already received but not yet read, without waiting.
     *
     * @return how many bytes were dropped
     */
    int discardInput() throws IOException;

    /** Where this link goes, for logs: {@code serial:/dev/ttyUSB0?baud=9600} or {@code tcp://host:port}. */
    String describe();

    /** Closes the link; never throws, may be called more than once and from another thread. */
    @Override
    void close();
}
