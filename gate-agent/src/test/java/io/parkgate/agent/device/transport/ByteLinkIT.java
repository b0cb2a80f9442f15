package io.parkgate.agent.device.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.testing.PseudoTerminalPair;
import io.parkgate.config.TransportUri;
import io.parkgate.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteLinkIT {

    @TempDir
    Path dir;

    /** Verifies that a serial link on a pseudo-terminal moves bytes both ways, times out empty and fails when the port
     * vanishes. */
    @Test
    void serialLinkMovesBytesAndNoticesAVanishedPort() throws Exception {
        try (PseudoTerminalPair pty = PseudoTerminalPair.open(dir)) {
            LinkOpener opener = new TransportFactory().opener(TransportUri.serial(pty.a(), 9600));
            try (ByteLink a = opener.open(); ByteLink b = SerialByteLink.open(pty.b(), 9600)) {
                byte[] buf = new byte[64];
                assertEquals(0, a.read(buf, 0, buf.length, 20), "nothing sent yet");
                b.write("hello 粤B".getBytes(StandardCharsets.UTF_8));
                byte[] got = readExactly(a, 10);
                assertEquals("hello 粤B", new String(got, StandardCharsets.UTF_8));
                b.write(new byte[] {1, 2, 3});
                int[] dropped = {0};
                Await.until(Duration.ofSeconds(10), "3 bytes to discard", () -> {
                    try {
                        dropped[0] += a.discardInput();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    return dropped[0] >= 3;
                });
                assertEquals(3, dropped[0]);
                pty.kill();
                assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 50; i++) {
                        a.read(buf, 0, buf.length, 20);
                    }
                });
            }
        }
    }

    /**
     * A card reader's or camera's port is read on its pump's own thread: no reader thread of the link's own hands
     * the bytes over (one wake-up fewer between a frame's last byte and the lane). It moves bytes, times out
     * empty, discards, and notices a vanished port like the buffered link.
     */
    @Test
    void pumpedSerialLinkReadsOnTheCallersThread() throws Exception {
        try (PseudoTerminalPair pty = PseudoTerminalPair.open(dir)) {
            LinkOpener opener = new TransportFactory().pumpedOpener(TransportUri.serial(pty.a(), 9600));
            try (ByteLink a = opener.open(); ByteLink b = SerialByteLink.open(pty.b(), 9600)) {
                assertTrue(Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().equals("serial-reader " + pty.a())), "no reader thread");
                byte[] buf = new byte[64];
                assertEquals(0, a.read(buf, 0, buf.length, LinkPump.READ_TIMEOUT_MILLIS), "nothing sent yet");
                b.write("hello 粤B".getBytes(StandardCharsets.UTF_8));
                assertEquals("hello 粤B", new String(readExactly(a, 10), StandardCharsets.UTF_8));
                b.write(new byte[] {1, 2, 3});
                int[] dropped = {0};
                Await.until(Duration.ofSeconds(10), "3 bytes to discard", () -> {
                    try {
                        dropped[0] += a.discardInput();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    return dropped[0] >= 3;
                });
                assertEquals(3, dropped[0]);
                pty.kill();
                assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 50; i++) {
                        a.read(buf, 0, buf.length, LinkPump.READ_TIMEOUT_MILLIS);
                    }
                });
            }
        }
    }

    /** Verifies that opening a serial path that does not exist fails with the path in the message. */
    @Test
    void missingSerialPortFailsWithItsName() {
        String path = dir.resolve("nothing-here").toString();
        IOException e = assertThrows(IOException.class, () -> SerialByteLink.open(path, 9600));
        assertTrue(e.getMessage().contains(path), e.getMessage());
    }

    /** Verifies that a TCP link moves bytes, times out empty, and reports a peer's close as an I/O error. */
    @Test
    void tcpLinkMovesBytesAndNoticesAClose() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            LinkOpener opener = new TransportFactory(Duration.ofSeconds(1))
                    .opener(TransportUri.tcp("127.0.0.1", server.getLocalPort()));
            try (ByteLink link = opener.open(); Socket peer = server.accept()) {
                byte[] buf = new byte[16];
                assertEquals(0, link.read(buf, 0, buf.length, 10));
                link.write(new byte[] {0x01, 0x05});
                InputStream in = peer.getInputStream();
                assertArrayEquals(new byte[] {0x01, 0x05}, in.readNBytes(2));
                OutputStream out = peer.getOutputStream();
                out.write(new byte[] {9, 8, 7});
                out.flush();
                assertArrayEquals(new byte[] {9, 8, 7}, readExactly(link, 3));
                peer.close();
                assertThrows(IOException.class, () -> link.read(buf, 0, buf.length, 1000));
            }
        }
    }

    /** Verifies that a refused TCP connection fails with the address in the message. */
    @Test
    void refusedTcpConnectionSaysWhere() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LinkOpener opener = new TransportFactory().opener(TransportUri.tcp("127.0.0.1", port));
        IOException e = assertThrows(IOException.class, opener::open);
        assertTrue(e.getMessage().contains("tcp://127.0.0.1:" + port), e.getMessage());
    }

    static byte[] readExactly(ByteLink link, int count) throws IOException {
        byte[] buf = new byte[count];
        int got = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (got < count && System.nanoTime() < deadline) {
            got += link.read(buf, got, count - got, 50);
        }
        return Arrays.copyOf(buf, got);
    }
}
