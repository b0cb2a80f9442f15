package io.parkgate.simulator.wire;

import io.parkgate.config.TransportUri;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device served over TCP as an RS-485-to-Ethernet converter does: one client at a time, a new
 * client replaces the old one (as converters do when a master reconnects after a cable pull).
 */
public final class TcpLink implements ByteLink {

    private static final Logger LOG = LoggerFactory.getLogger(TcpLink.class);

    private final String name;
    private final ServerSocket server;
    private final LinkReceiver receiver;
    private final int silenceMillis;
    private final Thread acceptor;
    private volatile Socket client;
    private volatile boolean closed;

    /**
     * @param port    0 for any free port (see {@link #port()})
     * @param silence quiet time after received bytes that ends a frame
     */
    public TcpLink(String name, String bindHost, int port, LinkReceiver receiver, Duration silence) throws IOException {
        this.name = name;
        this.receiver = receiver;
        this.silenceMillis = (int) Math.max(1, silence.toMillis());
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(bindHost), port));
        this.acceptor = new Thread(this::acceptLoop, "sim-tcp-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("{} listening on tcp port {}", name, port());
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public TransportUri agentTransport() {
        return TransportUri.tcp("127.0.0.1", port());
    }

    @Override
    public boolean connected() {
        Socket s = client;
        return s != null && !s.isClosed();
    }

    @Override
    public void write(byte[] bytes) {
        Socket s = client;
        if (s == null) {
            LOG.debug("{}: no client, {} bytes lost", name, bytes.length);
            return;
        }
        writeTo(s, bytes);
    }

    private void writeTo(Socket s, byte[] bytes) {
        try {
            OutputStream out = s.getOutputStream();
            synchronized (s) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("{}: write failed, dropping client: {}", name, e.toString());
            closeQuietly(s);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Socket old = client;
                client = s;
                if (old != null) {
                    closeQuietly(old);
                }
                LOG.info("{}: client {} connected", name, s.getRemoteSocketAddress());
                Thread reader = new Thread(() -> readLoop(s), "sim-tcp-" + name + "-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{}: accept failed: {}", name, e.toString());
                }
            }
        }
    }

    private void readLoop(Socket s) {
        byte[] buf = new byte[256];
        boolean pending = false;
        Consumer<byte[]> reply = bytes -> writeTo(s, bytes);
        try (InputStream in = s.getInputStream()) {
            while (!closed && !s.isClosed()) {
                // Block without timeout while idle; time out only to notice the end of a frame.
                s.setSoTimeout(pending ? silenceMillis : 0);
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    pending = false;
                    receiver.silence(reply);
                    continue;
                }
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    pending = true;
                    receiver.received(buf, n, reply);
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: client read ended: {}", name, e.toString());
        } finally {
            if (pending) {
                receiver.silence(reply);
            }
            closeQuietly(s);
            if (client == s) {
                client = null;
            }
            LOG.info("{}: client disconnected", name);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        Socket s = client;
        if (s != null) {
            closeQuietly(s);
        }
    }
}
