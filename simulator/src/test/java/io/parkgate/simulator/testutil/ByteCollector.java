package io.parkgate.simulator.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/** Connects to a device's TCP port and collects every byte it sends, for tests. */
public final class ByteCollector implements AutoCloseable {

    private final Socket socket;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread reader;

    public ByteCollector(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        reader = new Thread(() -> {
            byte[] buf = new byte[512];
            try (InputStream in = socket.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (bytes) {
                        bytes.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        }, "test-collector");
        reader.setDaemon(true);
        reader.start();
    }

    public byte[] bytes() {
        synchronized (bytes) {
            return bytes.toByteArray();
        }
    }

    /** Waits until at least {@code n} bytes are in. */
    public byte[] awaitBytes(int n) {
        SimFixture.await(n + " bytes (have " + bytes().length + ")", 3000, () -> bytes().length >= n);
        return bytes();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
