package io.parkgate.agent.device.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/**
 * A serial port opened with jSerialComm, 8N1 at the configured baud. Pseudo-terminals open by path
 * (they are never listed by enumeration). Reads block at most the given timeout (semi-blocking mode).
 */
public final class SerialByteLink implements ByteLink {

    private final SerialPort port;
    private final String description;
    private int currentTimeout = -1;

    private SerialByteLink(SerialPort port, String description) {
        this.port = port;
        this.description = description;
    }

    /**
     * Opens {@code path} at {@code baud} 8N1, no flow control.
     *
     * @throws IOException saying which port could not be opened and why
     */
    public static SerialByteLink open(String path, int baud) throws IOException {
        String description = "serial:" + path + "?baud=" + baud;
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new IOException("no serial port " + description + ": " + e.getMessage(), e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open " + description + " (error " + port.getLastErrorCode()
                    + " at " + port.getLastErrorLocation() + ")");
        }
        SerialByteLink link = new SerialByteLink(port, description);
        link.currentTimeout = 100;
        return link;
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        int timeout = Math.max(1, timeoutMillis);
        if (timeout != currentTimeout) {
            // 0 would mean "block forever" in semi-blocking mode, hence the floor of 1 ms.
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    timeout, 0);
            currentTimeout = timeout;
        }
        int n = port.readBytes(buf, len, off);
        if (n < 0 || !port.isOpen()) {
            throw new IOException(description + " is gone (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] data) throws IOException {
        int written = port.writeBytes(data, data.length);
        if (written != data.length) {
            throw new IOException("write to " + description + " failed: " + written + " of " + data.length
                    + " bytes (error " + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public int discardInput() throws IOException {
        int available = port.bytesAvailable();
        if (available < 0) {
            throw new IOException(description + " is gone (error " + port.getLastErrorCode() + ")");
        }
        if (available == 0) {
            return 0;
        }
        byte[] scratch = new byte[available];
        int n = port.readBytes(scratch, available);
        return Math.max(n, 0);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
