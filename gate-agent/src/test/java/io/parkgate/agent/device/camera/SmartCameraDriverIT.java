package io.parkgate.agent.device.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.transport.ByteLink;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.FrameFaults;
import io.parkgate.agent.device.transport.SerialByteLink;
import io.parkgate.agent.device.transport.TransportFactory;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.agent.testing.PseudoTerminalPair;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.config.TransportUri;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.camera.PlateLine;
import io.parkgate.protocol.camera.PlateReport;
import io.parkgate.retry.Backoff;
import io.parkgate.testing.Await;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smart camera driver on a pseudo-terminal and over TCP: plates, plateless reads, gaps, reconnection. */
class SmartCameraDriverIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final RecordingLaneEventSink sink = new RecordingLaneEventSink();

    private SmartCameraDriver driver(TransportUri uri) {
        DeviceConnection connection = new DeviceConnection(LaneDevice.CAMERA, new TransportFactory().opener(uri),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)), sink, DeviceMetrics.NOOP);
        return new SmartCameraDriver(connection, sink, Clock.systemUTC(), DeviceMetrics.NOOP);
    }

    private static byte[] report(int seq, String plate, PlateColour colour, int confidence) {
        return PlateLine.encode(new PlateReport(seq, plate, colour, confidence, 1_763_780_000_000L));
    }

    /** Verifies that gaps are counted (wrapping at 65536), _NONE_ is plateless, confidence passes through, bad lines
     * are dropped. */
    @Test
    void deliversReadsAndCountsGapsOverAPseudoTerminal() throws Exception {
        try (PseudoTerminalPair pty = PseudoTerminalPair.open(dir);
             SmartCameraDriver driver = driver(TransportUri.serial(pty.a(), 115200))) {
            driver.start();
            Await.until(WAIT, "connected", () -> sink.lastState() == DeviceState.CONNECTED);
            try (ByteLink camera = SerialByteLink.open(pty.b(), 115200)) {
                camera.write(report(65533, "粤B12345", PlateColour.BLUE, 93));
                camera.write(report(65534, "京AD12345", PlateColour.GREEN, 12));
                camera.write("$PLATE,1,粤B1,BLUE,9,1*00\r\n".getBytes(StandardCharsets.UTF_8));
                camera.write(report(0, PlateReport.NO_PLATE, PlateColour.UNKNOWN, 0));
                camera.write(report(3, "沪A1234学", PlateColour.YELLOW, 70));
                Await.until(WAIT, "four reads", () -> sink.plates.size() == 4);
            }
            assertEquals(new PlateRead("粤B12345", PlateColour.BLUE, 93, null), sink.plates.get(0));
            // the lane heard the reports coming before the first was decoded (to keep the bus free for an OPEN)
            assertEquals("arriving", sink.order.get(0), sink.order.toString());
            assertEquals(12, sink.plates.get(1).confidence(), "low confidence passed through");
            PlateRead plateless = sink.plates.get(2);
            assertTrue(plateless.plateless());
            assertNull(plateless.plate());
            assertEquals("沪A1234学", sink.plates.get(3).plate());
            // 65535 lost before the wrap, 1 and 2 after it.
            Await.until(WAIT, "three lost reports counted", () -> driver.lostReports() == 3);
            assertEquals(1, driver.rejectedCount(RejectReason.BAD_CHECKSUM));
        }
    }

    /** Verifies that a camera sending only broken lines is FAULT until a good report arrives. */
    @Test
    void brokenLinesAreAFault() throws Exception {
        try (PseudoTerminalPair pty = PseudoTerminalPair.open(dir);
             SmartCameraDriver driver = driver(TransportUri.serial(pty.a(), 115200))) {
            driver.start();
            Await.until(WAIT, "connected", () -> sink.lastState() == DeviceState.CONNECTED);
            try (ByteLink camera = SerialByteLink.open(pty.b(), 115200)) {
                for (int i = 0; i < FrameFaults.FAULT_AFTER_REJECTS; i++) {
                    camera.write("$PLATE,garbage*00\r\n".getBytes(StandardCharsets.UTF_8));
                }
                Await.until(WAIT, "FAULT", () -> sink.lastState() == DeviceState.FAULT);
                camera.write(report(1, "粤B12345", PlateColour.BLUE, 93));
                Await.until(WAIT, "CONNECTED again", () -> sink.lastState() == DeviceState.CONNECTED);
                assertEquals(1, sink.plates.size());
            }
        }
    }

    /** Verifies that a camera behind a TCP server that restarts is reconnected and its new numbering is no gap. */
    @Test
    void reconnectsOverTcp() throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        int port = server.getLocalPort();
        try (SmartCameraDriver driver = driver(TransportUri.tcp("127.0.0.1", port))) {
            driver.start();
            try (Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                out.write(report(500, "粤B12345", PlateColour.BLUE, 90));
                out.flush();
                Await.until(WAIT, "first read", () -> sink.plates.size() == 1);
            }
            server.close();
            Await.until(WAIT, "waiting for retry", () -> sink.lastState() == DeviceState.WAITING_FOR_RETRY);
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            try (Socket peer = server.accept()) {
                Await.until(WAIT, "connected again", () -> sink.lastState() == DeviceState.CONNECTED);
                OutputStream out = peer.getOutputStream();
                out.write(report(0, "粤B54321", PlateColour.BLUE, 90));
                out.flush();
                Await.until(WAIT, "read after the reconnect", () -> sink.plates.size() == 2);
            }
            assertEquals("粤B54321", sink.plates.get(1).plate());
            assertEquals(0, driver.lostReports(), "a restarted camera's numbering is not a gap");
        } finally {
            server.close();
        }
    }
}
