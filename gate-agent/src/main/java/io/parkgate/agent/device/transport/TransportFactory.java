package io.parkgate.agent.device.transport;

import io.parkgate.config.TransportUri;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/** Builds the {@link LinkOpener} for a configured {@link TransportUri}. */
public final class TransportFactory {

    /** How long a TCP connect may take before the attempt counts as failed. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Duration connectTimeout;

    public TransportFactory() {
        this(DEFAULT_CONNECT_TIMEOUT);
    }

    public TransportFactory(Duration connectTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /**
     * Opens a link to {@code uri} once, now.
     *
     * @throws IOException saying which port or address could not be reached and why
     */
    public ByteLink open(TransportUri uri) throws IOException {
        return opener(uri).open();
    }

    /** An opener that opens the serial port or connects to the serial-device server each time it is called. */
    public LinkOpener opener(TransportUri uri) {
        Objects.requireNonNull(uri, "uri");
        return switch (uri.kind()) {
            case SERIAL -> () -> SerialByteLink.open(uri.path(), uri.baud());
            case TCP -> () -> TcpByteLink.connect(uri.host(), uri.port(), connectTimeout);
        };
    }

    /**
     * An opener for a device read only by a {@link LinkPump} (card reader, smart camera): a serial port is read
     * on the pump's own thread ({@link SerialByteLink#openDirect}), one thread hand-off fewer on the way from a
     * frame's last byte to the lane. A TCP link is the same as {@link #opener}'s.
     */
    public LinkOpener pumpedOpener(TransportUri uri) {
        Objects.requireNonNull(uri, "uri");
        return switch (uri.kind()) {
            case SERIAL -> () -> SerialByteLink.openDirect(uri.path(), uri.baud());
            case TCP -> opener(uri);
        };
    }
}
