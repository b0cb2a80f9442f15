package io.parkgate.agent.it;

import com.fazecast.jSerialComm.SerialPort;
import io.parkgate.agent.testing.PseudoTerminalPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The device side of one lane device's byte stream, as a test holds it: a TCP server the agent
 * connects to (a serial-device server), or one end of a pseudo-terminal pair whose other end the agent
 * opens as a serial port.
 */
public abstract class DeviceEndpoint implements AutoCloseable {

    /** The transport URI the agent is configured with. */
    public abstract String transportUri();

    /** Waits until the agent has connected, then returns the device-side input stream. */
    public abstract InputStream in() throws IOException;

    public abstract OutputStream out() throws IOException;

    public void write(byte[] bytes) throws IOException {
        OutputStream out = out();
        out.write(bytes);
        out.flush();
    }

    public static DeviceEndpoint tcp() throws IOException {
        return new Tcp();
    }

    public static DeviceEndpoint pty(Path dir, int baud) throws IOException {
        return new Pty(dir, baud);
    }

    private static final class Tcp extends DeviceEndpoint {
        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                return s;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        Tcp() throws IOException {
        }

        @Override
        public String transportUri() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        private Socket socket() throws IOException {
            try {
                return accepted.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("agent did not connect to " + transportUri(), e);
            }
        }

        @Override
        public InputStream in() throws IOException {
            return socket().getInputStream();
        }

        @Override
        public OutputStream out() throws IOException {
            return socket().getOutputStream();
        }

        @Override
        public void close() throws IOException {
            server.close();
            if (accepted.isDone() && !accepted.isCompletedExceptionally()) {
                accepted.join().close();
            }
        }
    }

    private static final class Pty extends DeviceEndpoint {
        private final PseudoTerminalPair pair;
        private final SerialPort port;
        private final int baud;

        Pty(Path dir, int baud) throws IOException {
            Files.createDirectories(dir);
            this.pair = PseudoTerminalPair.open(dir);
            this.baud = baud;
            this.port = SerialPort.getCommPort(pair.a());
            port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING, 0, 0);
            if (!port.openPort()) {
                throw new IOException("cannot open " + pair.a());
            }
        }

        @Override
        public String transportUri() {
            return "serial:" + pair.b() + "?baud=" + baud;
        }

        @Override
        public InputStream in() {
            return port.getInputStream();
        }

        @Override
        public OutputStream out() {
            return port.getOutputStream();
        }

        @Override
        public void close() {
            port.closePort();
            pair.close();
        }
    }

    /** How long tests wait for the agent to react. */
    public static final Duration PATIENCE = Duration.ofSeconds(10);
}
