package io.parkgate.agent.device.transport;

import io.parkgate.protocol.HexDump;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader thread of a device that only talks to us (card reader, smart camera): keeps its
 * {@link DeviceConnection} open and hands every byte received to a {@link ByteSink}. Reads block
 * with a short timeout, back-off waits block on the connection: the thread never spins.
 */
public final class LinkPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinkPump.class);

    /** How long a read blocks; also how soon an idle line is reported to the sink. */
    public static final int READ_TIMEOUT_MILLIS = 100;

    /** Receives bytes on the pump's thread, in arrival order. Must not block. */
    public interface ByteSink {

        void bytes(byte[] data, int off, int len);

        /** Nothing arrived for {@link #READ_TIMEOUT_MILLIS}. */
        default void idle() {
        }

        /** A new link is open: whatever was half-received on the old one is void. */
        default void connected() {
        }
    }

    private final DeviceConnection connection;
    private final ByteSink sink;
    private final Thread thread;

    public LinkPump(String threadName, DeviceConnection connection, ByteSink sink) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        byte[] buf = new byte[512];
        try {
            while (!connection.isClosed()) {
                ByteLink link = connection.current();
                if (link == null) {
                    link = connection.tryConnect();
                    if (link == null) {
                        if (!connection.awaitRetry()) {
                            return;
                        }
                        continue;
                    }
                    sink.connected();
                }
                try {
                    int n = link.read(buf, 0, buf.length, READ_TIMEOUT_MILLIS);
                    if (n > 0) {
                        if (LOG.isDebugEnabled()) {
                            LOG.debug("{} <- {}", connection.device(), HexDump.of(buf, n));
                        }
                        sink.bytes(buf, 0, n);
                    } else {
                        sink.idle();
                    }
                } catch (IOException e) {
                    if (!connection.isClosed()) {
                        connection.lost(e.getMessage());
                    }
                } catch (RuntimeException e) {
                    // A bug downstream must not silently stop the device: say so loudly, keep reading.
                    LOG.error("{} byte sink failed", connection.device(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the connection and waits briefly for the thread to end. */
    @Override
    public void close() {
        connection.close();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
