package io.parkgate.agent.device.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A serial-device server's byte stream over TCP (RS-485-to-Ethernet converters). */
public final class TcpByteLink implements ByteLink {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String description;
    private int currentTimeout = -1;

    private TcpByteLink(Socket socket, String description) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.description = description;
    }

    /**
     * Connects, waiting at most {@code connectTimeout}.
     *
     * @throws IOException saying which address could not be reached and why
     */
    public static TcpByteLink connect(String host, int port, Duration connectTimeout) throws IOException {
        String description = "tcp://" + host + ":" + port;
        Socket socket = new Socket();
        try {
            // Small frames must leave at once: Nagle would add up to 40 ms to an OPEN.
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            return new TcpByteLink(socket, description);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw new IOException("cannot connect to " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        int timeout = Math.max(1, timeoutMillis);
        if (timeout != currentTimeout) {
            socket.setSoTimeout(timeout);
            currentTimeout = timeout;
        }
        try {
            int n = in.read(buf, off, len);
            if (n < 0) {
                throw new EOFException(description + " closed by the peer");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    @Override
    public int discardInput() throws IOException {
        int dropped = 0;
        int available;
        while ((available = in.available()) > 0) {
            long skipped = in.skip(available);
            if (skipped <= 0) {
                break;
            }
            dropped += (int) skipped;
        }
        return dropped;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
