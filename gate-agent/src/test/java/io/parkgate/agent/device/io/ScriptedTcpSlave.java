package io.parkgate.agent.device.io;

import io.parkgate.protocol.modbus.ModbusRtu;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A hand-written Modbus RTU slave behind a TCP port, as a serial-device server would expose it:
 * reads 8-byte requests, records each one, and answers whatever the script returns (null: silence).
 * Can be stopped and restarted on the same port to simulate a dropped connection.
 */
final class ScriptedTcpSlave implements AutoCloseable {

    final List<byte[]> requests = new CopyOnWriteArrayList<>();
    final List<Long> requestNanos = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<byte[]> script;
    private final int port;
    private volatile ServerSocket server;
    private volatile Socket client;
    private Thread thread;

    ScriptedTcpSlave(UnaryOperator<byte[]> script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.port = server.getLocalPort();
        startThread();
    }

    int port() {
        return port;
    }

    void script(UnaryOperator<byte[]> next) {
        this.script = next;
    }

    /** Requests whose function code is {@code function}. */
    List<byte[]> requests(int function) {
        return requests.stream().filter(r -> (r[1] & 0xFF) == function).toList();
    }

    private void startThread() {
        ServerSocket s = server;
        thread = new Thread(() -> serve(s), "scripted-slave");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(ServerSocket s) {
        while (!s.isClosed()) {
            try (Socket c = s.accept()) {
                client = c;
                c.setTcpNoDelay(true);
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                while (true) {
                    byte[] request = in.readNBytes(ModbusRtu.REQUEST_LENGTH);
                    if (request.length < ModbusRtu.REQUEST_LENGTH) {
                        break;
                    }
                    requestNanos.add(System.nanoTime());
                    requests.add(request);
                    byte[] response = script.apply(request);
                    if (response != null) {
                        out.write(response);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // connection dropped or server closed: accept again or end
            }
        }
    }

    /** Drops the connection and stops listening, like a serial-device server being power-cycled. */
    void stop() throws IOException {
        server.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
    }

    /** Listens again on the same port. */
    void restart() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        server = s;
        startThread();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** Answers like a healthy controller: echoes writes, reads return {@code inputs}. */
    static byte[] healthy(byte[] request, boolean[] inputs) {
        int function = request[1] & 0xFF;
        return switch (function) {
            case ModbusRtu.WRITE_SINGLE_COIL, ModbusRtu.WRITE_SINGLE_REGISTER -> request.clone();
            case ModbusRtu.READ_DISCRETE_INPUTS -> ModbusRtu.bitsResponse(request[0], function, inputs);
            default -> ModbusRtu.exceptionResponse(request[0], function, 1);
        };
    }
}
