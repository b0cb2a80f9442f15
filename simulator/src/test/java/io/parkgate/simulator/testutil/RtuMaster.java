package io.parkgate.simulator.testutil;

import io.parkgate.protocol.modbus.ModbusException;
import io.parkgate.protocol.modbus.ModbusFault;
import io.parkgate.protocol.modbus.ModbusRtu;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A minimal Modbus RTU master over TCP built on the agent's shared codec, for tests. */
public final class RtuMaster implements AutoCloseable {

    private final Socket socket;

    public RtuMaster(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(300); // a real master gives up after 200 ms; ours waits a little longer
    }

    /** Sends {@code request} and returns the checked response data. */
    public byte[] transact(byte[] request) throws IOException, ModbusException {
        byte[] response = exchange(request);
        if (response == null) {
            throw new ModbusException(ModbusFault.TIMEOUT, "no response");
        }
        return ModbusRtu.checkResponse(request, response, response.length);
    }

    /** Sends raw bytes; returns the complete raw response, or null when none came within the timeout. */
    public byte[] exchange(byte[] request) throws IOException {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        return readResponse(request);
    }

    private byte[] readResponse(byte[] request) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[256];
        int n = 0;
        try {
            while (true) {
                int expected = request.length >= 2 && n >= 2 ? expectedLength(request, buf, n) : -1;
                if (expected > 0 && n >= expected) {
                    byte[] out = new byte[expected];
                    System.arraycopy(buf, 0, out, 0, expected);
                    return out;
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    return null;
                }
                n += r;
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static int expectedLength(byte[] request, byte[] buf, int n) {
        int f = request[1] & 0xFF;
        if (f == 1 || f == 2 || f == 3 || f == 5 || f == 6) {
            return ModbusRtu.expectedResponseLength(request, buf, n);
        }
        return ModbusRtu.EXCEPTION_LENGTH;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
