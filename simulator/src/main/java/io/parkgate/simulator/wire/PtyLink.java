package io.parkgate.simulator.wire;

import com.fazecast.jSerialComm.SerialPort;
import io.parkgate.config.TransportUri;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device on a pseudo-terminal pair made by socat: the simulator opens {@code simSide} with
 * jSerialComm, the agent opens {@code agentSide}, as if a USB serial adapter were plugged in.
 */
public final class PtyLink implements ByteLink {

    private static final Logger LOG = LoggerFactory.getLogger(PtyLink.class);
    private static final Duration SOCAT_START = Duration.ofSeconds(5);

    private final String name;
    private final Path agentSide;
    private final int baud;
    private final Process socat;
    private final SerialPort port;
    private final LinkReceiver receiver;
    private final Thread reader;
    private final int silenceMillis;
    private volatile boolean closed;

    /**
     * Starts socat and opens the simulator's side.
     *
     * @throws IOException when socat is missing, does not create both links in time, or the port
     *                     cannot be opened; the message says which
     */
    public PtyLink(String name, Path simSide, Path agentSide, int baud, LinkReceiver receiver, Duration silence)
            throws IOException {
        this.name = name;
        this.agentSide = agentSide;
        this.baud = baud;
        this.receiver = receiver;
        this.silenceMillis = (int) Math.max(1, silence.toMillis());
        removeStaleLink(simSide);
        removeStaleLink(agentSide);
        ProcessBuilder pb = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + simSide, "pty,raw,echo=0,link=" + agentSide);
        try {
            socat = pb.start();
        } catch (IOException e) {
            throw new IOException(name + ": cannot start socat (is it installed?): " + e.getMessage(), e);
        }
        awaitTransferLoop();
        port = SerialPort.getCommPort(simSide.toString());
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 0, 0);
        if (!port.openPort()) {
            socat.destroy();
            throw new IOException(name + ": cannot open pseudo-terminal " + simSide);
        }
        reader = new Thread(this::readLoop, "sim-pty-" + name);
        reader.setDaemon(true);
        reader.start();
        LOG.info("{} on pseudo-terminal, agent side {}", name, agentSide);
    }

    /**
     * Removes a symbolic link left by an earlier socat; anything else at the path (a real serial
     * device, a file) is never touched.
     */
    private void removeStaleLink(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            Files.delete(p);
        } else if (Files.exists(p)) {
            throw new IOException(name + ": " + p + " exists and is not a pseudo-terminal link; "
                    + "not replacing it (use --pty-dir or another path)");
        }
    }

    /** Reads socat's log until it says both ends exist; keeps draining it afterwards. */
    private void awaitTransferLoop() throws IOException {
        CountDownLatch ready = new CountDownLatch(1);
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(socat.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    LOG.debug("{} socat: {}", name, line);
                    if (line.contains("starting data transfer loop")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                LOG.debug("{}: socat log closed: {}", name, e.toString());
            }
        }, "sim-socat-" + name);
        drain.setDaemon(true);
        drain.start();
        try {
            if (!ready.await(SOCAT_START.toMillis(), TimeUnit.MILLISECONDS)) {
                socat.destroy();
                throw new IOException(name + ": socat did not create the pseudo-terminals within " + SOCAT_START);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socat.destroy();
            throw new IOException(name + ": interrupted while starting socat", e);
        }
    }

    public Path agentSide() {
        return agentSide;
    }

    @Override
    public TransportUri agentTransport() {
        return TransportUri.serial(agentSide.toString(), baud);
    }

    @Override
    public boolean connected() {
        return port.isOpen() && socat.isAlive();
    }

    @Override
    public void write(byte[] bytes) {
        if (closed) {
            return;
        }
        synchronized (port) {
            int n = port.writeBytes(bytes, bytes.length);
            if (n != bytes.length) {
                LOG.debug("{}: wrote {} of {} bytes", name, n, bytes.length);
            }
        }
    }

    private void readLoop() {
        byte[] buf = new byte[256];
        boolean pending = false;
        boolean waitingForSilence = false;
        while (!closed) {
            if (pending != waitingForSilence) {
                // Block without timeout while idle; time out only to notice the end of a frame.
                port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, pending ? silenceMillis : 0, 0);
                waitingForSilence = pending;
            }
            int n = port.readBytes(buf, buf.length);
            if (n < 0) {
                if (!closed) {
                    LOG.warn("{}: pseudo-terminal read failed, stopping", name);
                }
                return;
            }
            if (n == 0) {
                if (pending) {
                    pending = false;
                    receiver.silence(this::write);
                }
                continue;
            }
            pending = true;
            receiver.received(buf, n, this::write);
        }
    }

    @Override
    public void close() {
        closed = true;
        port.closePort();
        socat.destroy();
        try {
            socat.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
