package io.parkgate.agent.device.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A serial port opened with jSerialComm, 8N1 at the configured baud, no flow control. Pseudo-terminals
 * open by path (they are never listed by enumeration).
 *
 * <p>jSerialComm's read timeouts are termios VTIME, in steps of 100 ms, too coarse for Modbus
 * (200 ms response timeout, 4 ms inter-frame silence). So a dedicated reader thread blocks in
 * jSerialComm (it wakes as soon as a byte arrives) and hands bytes over through a buffer that
 * {@link #read} waits on with nanosecond timeouts.
 *
 * <p>A device that only talks to us and is read by one thread with 100 ms timeouts (a card reader, a smart
 * camera: {@link LinkPump}) needs no such buffer: {@link #openDirect} reads the port on the caller's own
 * thread, which saves a thread wake-up between a frame's last byte and the lane.
 */
public final class SerialByteLink implements ByteLink {

    /** Bytes kept for a slow reader; beyond that the oldest are stale anyway and dropped. */
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int PORT_READ_TIMEOUT_MILLIS = 100;

    private final SerialPort port;
    private final String description;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final byte[] ring = new byte[BUFFER_BYTES];
    private int head;
    private int count;
    private String failure; // set once the port is gone
    private volatile boolean closed;
    /** Read on the caller's thread, no reader thread and no buffer: see {@link #openDirect}. */
    private final boolean direct;
    private int directTimeoutMillis = PORT_READ_TIMEOUT_MILLIS; // the reading thread's only

    private SerialByteLink(SerialPort port, String description, boolean direct) {
        this.port = port;
        this.description = description;
        this.direct = direct;
    }

    /**
     * Opens {@code path} at {@code baud} 8N1, no flow control, and starts its reader thread.
     *
     * @throws IOException saying which port could not be opened and why
     */
    public static SerialByteLink open(String path, int baud) throws IOException {
        SerialByteLink link = openPort(path, baud, false);
        Thread reader = new Thread(link::pump, "serial-reader " + path);
        reader.setDaemon(true);
        reader.start();
        return link;
    }

    /**
     * Opens {@code path} at {@code baud} 8N1, no flow control, to be read on the caller's thread: {@link #read}
     * blocks in jSerialComm, which returns as soon as a byte arrives. Its timeouts are termios VTIME, whole
     * tenths of a second (a shorter one is rounded up to 100 ms), so this suits a reader with timeouts of 100 ms
     * or more, never the Modbus master.
     *
     * @throws IOException saying which port could not be opened and why
     */
    public static SerialByteLink openDirect(String path, int baud) throws IOException {
        return openPort(path, baud, true);
    }

    private static SerialByteLink openPort(String path, int baud, boolean direct) throws IOException {
        String description = "serial:" + path + "?baud=" + baud;
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new IOException("no serial port " + description + ": " + e.getMessage(), e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                PORT_READ_TIMEOUT_MILLIS, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open " + description + " (error " + port.getLastErrorCode()
                    + " at " + port.getLastErrorLocation() + ")");
        }
        return new SerialByteLink(port, description, direct);
    }

    /** The reader thread: blocks in jSerialComm, appends what comes to the buffer. */
    private void pump() {
        byte[] chunk = new byte[1024];
        while (!closed) {
            int n = port.readBytes(chunk, chunk.length);
            if (n < 0 || !port.isOpen()) {
                fail(description + " is gone (error " + port.getLastErrorCode() + ")");
                return;
            }
            if (n > 0) {
                append(chunk, n);
            }
        }
    }

    private void append(byte[] chunk, int n) {
        lock.lock();
        try {
            for (int i = 0; i < n; i++) {
                if (count == BUFFER_BYTES) {
                    head = (head + 1) % BUFFER_BYTES;
                    count--;
                }
                ring[(head + count) % BUFFER_BYTES] = chunk[i];
                count++;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void fail(String reason) {
        lock.lock();
        try {
            if (failure == null) {
                failure = reason;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        if (direct) {
            return readDirect(buf, off, len, timeoutMillis);
        }
        long left = TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMillis));
        lock.lock();
        try {
            while (count == 0) {
                if (failure != null) {
                    throw new IOException(failure);
                }
                if (left <= 0) {
                    return 0;
                }
                try {
                    left = arrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted reading " + description, e);
                }
            }
            int n = Math.min(len, count);
            for (int i = 0; i < n; i++) {
                buf[off + i] = ring[(head + i) % BUFFER_BYTES];
            }
            head = (head + n) % BUFFER_BYTES;
            count -= n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    private int readDirect(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        if (closed) {
            throw new IOException(description + " is closed");
        }
        int timeout = Math.max(PORT_READ_TIMEOUT_MILLIS, timeoutMillis);
        if (timeout != directTimeoutMillis) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    timeout, 0);
            directTimeoutMillis = timeout;
        }
        int n = port.readBytes(buf, len, off);
        if (n < 0 || !port.isOpen()) {
            throw new IOException(closed ? description + " is closed"
                    : description + " is gone (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] data) throws IOException {
        if (closed) {
            throw new IOException(description + " is closed");
        }
        int written = port.writeBytes(data, data.length);
        if (written != data.length) {
            throw new IOException("write to " + description + " failed: " + written + " of " + data.length
                    + " bytes (error " + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public int discardInput() throws IOException {
        if (direct) {
            int available = port.bytesAvailable();
            if (available < 0) {
                throw new IOException(description + " is gone (error " + port.getLastErrorCode() + ")");
            }
            return available == 0 ? 0 : port.readBytes(new byte[available], available);
        }
        lock.lock();
        try {
            if (failure != null && count == 0) {
                throw new IOException(failure);
            }
            int dropped = count;
            head = 0;
            count = 0;
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        closed = true;
        fail(description + " is closed");
        port.closePort();
    }
}
