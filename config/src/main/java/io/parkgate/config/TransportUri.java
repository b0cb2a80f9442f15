package io.parkgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a device's byte stream is: a serial port ({@code serial:/dev/ttyUSB0?baud=9600}) or a
 * serial-device server over TCP ({@code tcp://10.0.0.7:4001}).
 *
 * @param path serial device path, or null for TCP
 * @param host TCP host, or null for serial
 * @param port TCP port, or 0 for serial
 * @param baud serial baud rate (ignored for TCP)
 */
public record TransportUri(Kind kind, String path, String host, int port, int baud) {

    public enum Kind { SERIAL, TCP }

    public TransportUri {
        Objects.requireNonNull(kind, "kind");
    }

    public static TransportUri serial(String path, int baud) {
        return new TransportUri(Kind.SERIAL, path, null, 0, baud);
    }

    public static TransportUri tcp(String host, int port) {
        return new TransportUri(Kind.TCP, null, host, port, 0);
    }

    /**
     * Parses a transport URI; {@code defaultBaud} applies to serial URIs without {@code ?baud=}.
     *
     * @throws IllegalArgumentException whose message says what was expected
     */
    public static TransportUri parse(String text, int defaultBaud) {
        String expected = "expected serial:/dev/PORT?baud=N or tcp://HOST:PORT";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty transport, " + expected);
        }
        String t = text.trim();
        if (t.startsWith("serial:")) {
            String rest = t.substring("serial:".length());
            int q = rest.indexOf('?');
            String path = q < 0 ? rest : rest.substring(0, q);
            if (path.isEmpty() || !path.startsWith("/") && !path.matches("(?i)COM\\d+")) {
                throw new IllegalArgumentException("serial port path '" + path + "' is not a device path, " + expected);
            }
            int baud = defaultBaud;
            if (q >= 0) {
                for (String param : rest.substring(q + 1).split("&")) {
                    String[] kv = param.split("=", 2);
                    if (kv.length != 2 || !kv[0].equals("baud")) {
                        throw new IllegalArgumentException("unknown serial parameter '" + param + "', expected baud=N");
                    }
                    baud = parseBaud(kv[1]);
                }
            }
            return serial(path, baud);
        }
        if (t.toLowerCase(Locale.ROOT).startsWith("tcp://")) {
            try {
                URI uri = new URI(t);
                if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535
                        || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                    throw new IllegalArgumentException("'" + t + "' needs a host and a port 1..65535, " + expected);
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                    // Ignoring them would let '?baud=9600' look applied: a serial server's rate is set on the server.
                    throw new IllegalArgumentException("'" + t + "' has more than a host and a port (a serial server's "
                            + "baud rate is set on the server), " + expected);
                }
                return tcp(uri.getHost(), uri.getPort());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + t + "' is not a valid URI, " + expected);
            }
        }
        throw new IllegalArgumentException("'" + t + "' has an unknown scheme, " + expected);
    }

    private static int parseBaud(String s) {
        try {
            int baud = Integer.parseInt(s);
            if (baud >= 300 && baud <= 4_000_000) {
                return baud;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("baud '" + s + "' is not a rate between 300 and 4000000");
    }

    @Override
    public String toString() {
        return kind == Kind.SERIAL ? "serial:" + path + "?baud=" + baud : "tcp://" + host + ":" + port;
    }
}
