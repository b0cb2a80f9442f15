package io.parkgate.agent.device.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.MicrometerDeviceMetrics;
import io.parkgate.agent.device.transport.ByteLink;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.FrameFaults;
import io.parkgate.agent.device.transport.SerialByteLink;
import io.parkgate.agent.device.transport.TransportFactory;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.testing.PseudoTerminalPair;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.config.TransportUri;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.card.Em4100;
import io.parkgate.retry.Backoff;
import io.parkgate.testing.Await;
import io.parkgate.testing.MutableClock;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card reader driver on a pseudo-terminal and over TCP, with repeats, bad frames and a vanishing port. */
class CardReaderDriverIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100));

    @TempDir
    Path dir;

    private final RecordingLaneEventSink sink = new RecordingLaneEventSink();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));

    private CardReaderDriver driver(TransportUri uri, DeviceMetrics metrics) {
        DeviceConnection connection = new DeviceConnection(LaneDevice.CARD_READER, new TransportFactory().opener(uri),
                FAST, sink, metrics);
        return new CardReaderDriver(connection, Duration.ofSeconds(2), sink, clock, metrics);
    }

    /** Verifies that over a pty a card is delivered once per presentation, repeats are merged and bad frames counted.
     * */
    @Test
    void deliversPresentationsOverAPseudoTerminal() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PseudoTerminalPair pty = PseudoTerminalPair.open(dir);
             CardReaderDriver driver = driver(TransportUri.serial(pty.a(), 9600),
                     new MicrometerDeviceMetrics(registry, "E1"))) {
            driver.start();
            Await.until(WAIT, "connected", () -> sink.lastState() == DeviceState.CONNECTED);
            try (ByteLink reader = SerialByteLink.open(pty.b(), 9600)) {
                long written = System.nanoTime();
                reader.write(Em4100.encode("0E00A35C21"));
                Await.until(WAIT, "first card", () -> sink.cards.size() == 1);
                assertEquals(Instant.parse("2026-11-22T08:00:00Z"), sink.cardTimes.get(0));
                // the lane's OPEN latency starts when the frame's last byte was read, which the driver passes on
                assertEquals(1, sink.readNanos.size());
                assertTrue(sink.readNanos.get(0) - written >= 0 && System.nanoTime() - sink.readNanos.get(0) >= 0,
                        "read time between writing and delivery");
                // the lane heard the frame coming before it was decoded, so it could keep the bus free for OPEN
                assertEquals("arriving", sink.order.get(0), sink.order.toString());
                assertEquals("card", sink.order.get(sink.order.size() - 1), sink.order.toString());

                clock.advance(Duration.ofMillis(1500));
                reader.write(Em4100.encode("0E00A35C21"));
                reader.write(Em4100.encodeWithBadChecksum("1234567890"));
                reader.write(Em4100.encode("1234567890"));
                Await.until(WAIT, "second card", () -> sink.cards.size() == 2);
                assertEquals(List.of("0E00A35C21", "1234567890"), sink.cards, "repeat within 2 s merged");
                assertEquals(1, driver.rejectedCount(RejectReason.BAD_CHECKSUM));
                assertEquals(1, registry.get(MicrometerDeviceMetrics.FRAMES_REJECTED)
                        .tags("device", "CARD_READER", "reason", "BAD_CHECKSUM").counter().count());

                clock.advance(Duration.ofSeconds(3));
                reader.write(Em4100.encode("1234567890"));
                Await.until(WAIT, "same card after the window", () -> sink.cards.size() == 3);
            }
        }
    }

    /** Verifies that a reader sending only garbage (say, at the wrong baud) is FAULT until a good frame arrives. */
    @Test
    void garbageOnlyReaderIsAFault() throws Exception {
        try (PseudoTerminalPair pty = PseudoTerminalPair.open(dir);
             CardReaderDriver driver = driver(TransportUri.serial(pty.a(), 9600), DeviceMetrics.NOOP)) {
            driver.start();
            Await.until(WAIT, "connected", () -> sink.lastState() == DeviceState.CONNECTED);
            try (ByteLink reader = SerialByteLink.open(pty.b(), 9600)) {
                for (int i = 0; i < FrameFaults.FAULT_AFTER_REJECTS; i++) {
                    reader.write(Em4100.encodeWithBadChecksum("0E00A35C21"));
                }
                Await.until(WAIT, "FAULT", () -> sink.lastState() == DeviceState.FAULT);
                assertTrue(sink.states.get(sink.states.size() - 1).detail().contains("BAD_CHECKSUM"));
                assertEquals(List.of(), sink.cards);
                reader.write(Em4100.encode("0E00A35C21"));
                Await.until(WAIT, "CONNECTED again", () -> sink.lastState() == DeviceState.CONNECTED);
                assertEquals(List.of("0E00A35C21"), sink.cards);
            }
        }
    }

    /** Verifies that when the port vanishes the driver waits for a retry and reads again once it is back. */
    @Test
    void recoversWhenThePortComesBack() throws Exception {
        try (PseudoTerminalPair pty = PseudoTerminalPair.open(dir);
             CardReaderDriver driver = driver(TransportUri.serial(pty.a(), 9600), DeviceMetrics.NOOP)) {
            driver.start();
            Await.until(WAIT, "connected", () -> sink.lastState() == DeviceState.CONNECTED);
            pty.kill();
            Await.until(WAIT, "waiting for retry", () -> sink.lastState() == DeviceState.WAITING_FOR_RETRY);
            int changes = sink.states.size();
            pty.restart();
            Await.until(WAIT, "connected again", () -> sink.lastState() == DeviceState.CONNECTED
                    && sink.states.size() > changes);
            try (ByteLink reader = SerialByteLink.open(pty.b(), 9600)) {
                reader.write(Em4100.encode("00000000FF"));
                Await.until(WAIT, "card after the reconnect", () -> sink.cards.contains("00000000FF"));
            }
        }
    }

    /**
     * Verifies that a card presented again after the lane PC's clock was set back is delivered: stamped hours
     * before the last frame, it is no repeat of it (it was once swallowed, and the resident had to present it twice).
     */
    @Test
    void aClockSetBackDoesNotSwallowTheNextPresentation() throws Exception {
        overTcp((peer, driver) -> {
            OutputStream out = peer.getOutputStream();
            out.write(Em4100.encode("ABCDEF0123"));
            out.flush();
            Await.until(WAIT, "the first presentation", () -> sink.cards.size() == 1);
            clock.advance(Duration.ofHours(-1));
            out.write(Em4100.encode("ABCDEF0123"));
            out.flush();
            Await.until(WAIT, "the presentation after the step", () -> sink.cards.size() == 2);
            clock.advance(Duration.ofMillis(500));
            out.write(Em4100.encode("ABCDEF0123"));
            out.write(Em4100.encode("1234567890")); // another card: delivered after the repeat, if that were
            out.flush();
            Await.until(WAIT, "the next card", () -> sink.cards.contains("1234567890"));
            assertEquals(List.of("ABCDEF0123", "ABCDEF0123", "1234567890"), sink.cards,
                    "a repeat within 2 s of the new time merged");
        });
    }

    /** Verifies that a reader behind a serial-device server delivers cards over TCP, frames split across packets. */
    @Test
    void deliversCardsOverTcp() throws Exception {
        overTcp((peer, driver) -> {
            OutputStream out = peer.getOutputStream();
            byte[] frame = Em4100.encode("ABCDEF0123");
            out.write(new byte[] {0x55, 0x66});
            out.write(frame, 0, 5);
            out.flush();
            out.write(frame, 5, frame.length - 5);
            out.flush();
            Await.until(WAIT, "card over TCP", () -> sink.cards.size() == 1);
            assertEquals("ABCDEF0123", sink.cards.get(0));
            peer.close();
            // The server still listens, so the driver may already be back: look for the loss in the history.
            Await.until(WAIT, "connection loss noticed",
                    () -> sink.stateSequence().contains(DeviceState.WAITING_FOR_RETRY));
            assertTrue(driver.rejectedCount(RejectReason.UNEXPECTED_BYTES) >= 1, "stray bytes counted");
        });
    }

    /** What a test does with the reader's end of the connection, and the driver at the other. */
    private interface Reader {
        void run(Socket peer, CardReaderDriver driver) throws Exception;
    }

    /** A driver connected to a reader behind a serial-device server (TCP), whose end {@code reader} is given. */
    private void overTcp(Reader reader) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             CardReaderDriver driver = driver(TransportUri.tcp("127.0.0.1", server.getLocalPort()),
                     DeviceMetrics.NOOP)) {
            driver.start();
            try (Socket peer = server.accept()) {
                reader.run(peer, driver);
            }
        }
    }
}
