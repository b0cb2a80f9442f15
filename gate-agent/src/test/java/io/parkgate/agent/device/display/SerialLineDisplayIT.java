package io.parkgate.agent.device.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.TransportFactory;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.config.TransportUri;
import io.parkgate.protocol.display.DisplayFrame;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.retry.Backoff;
import io.parkgate.testing.Await;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialLineDisplayIT {

    /** A display reports nothing to the lane but its connection state, which these tests do not read. */
    private static final LaneEventSink SINK = new LaneEventSink() {
        @Override
        public void inputs(LaneInputs inputs, Instant at) {
        }

        @Override
        public void card(String cardNumber, Instant at) {
        }

        @Override
        public void plate(PlateRead read, Instant at) {
        }

        @Override
        public void deviceState(LaneDevice device, DeviceState state, String detail) {
        }
    };

    /**
     * Verifies that a message handed to a display already closed (the agent stopping while the lane still acts) is
     * dropped: the lane's thread is never thrown at.
     */
    @Test
    void aClosedDisplayDropsWhatItIsGiven() throws Exception {
        DeviceConnection connection = connectionTo(freePort());
        SerialLineDisplay display = new SerialLineDisplay("t1", connection, 1);
        display.start();
        display.close();
        display.show(new DisplayMessage(List.of("一路顺风"), "一路顺风", DisplayFrame.Colour.GREEN));
        display.freeSpaces(3);
    }

    /**
     * Verifies that a display module reached only after the lane wrote to it (it came up late, or was
     * power-cycled) is shown what the lane wants now: the idle text and the count, without the voice again.
     */
    @Test
    void aModuleThatComesUpLateIsShownWhatItMissed() throws Exception {
        int port = freePort();
        DeviceConnection connection = connectionTo(port);
        DecodedFrames onModule = new DecodedFrames();
        List<DisplayFrame.Frame> frames = onModule.frames;
        try (SerialLineDisplay display = new SerialLineDisplay("t1", connection, 1)) {
            display.start();
            display.show(new DisplayMessage(List.of("欢迎光临", "余位 10"), "欢迎光临", DisplayFrame.Colour.GREEN));
            display.freeSpaces(10);
            display.written().get(10, java.util.concurrent.TimeUnit.SECONDS); // dropped: nothing listens yet
            try (ServerSocket module = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                 Socket link = module.accept();
                 InputStream in = link.getInputStream()) {
                byte[] buf = new byte[512];
                Await.until(Duration.ofSeconds(20), "the idle text and the count on the module", () -> {
                    try {
                        if (in.available() > 0) {
                            onModule.decoder.accept(buf, 0, in.read(buf));
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return frames.stream().anyMatch(f -> f.command() == DisplayFrame.SHOW && f.text().equals("余位 10"))
                            && frames.stream().anyMatch(f -> f.command() == DisplayFrame.FREE_SPACES);
                });
            }
        }
        assertEquals(0, frames.stream().filter(f -> f.command() == DisplayFrame.SPEAK).count(),
                "the greeting is not spoken again to nobody");
        assertTrue(frames.stream().anyMatch(f -> f.command() == DisplayFrame.SHOW && f.text().equals("欢迎光临")));
    }

    /** A loopback port nothing listens on (yet). */
    private static int freePort() throws java.io.IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** The display's connection to a module at {@code port}, retried quickly. */
    private static DeviceConnection connectionTo(int port) {
        return new DeviceConnection(LaneDevice.DISPLAY,
                new TransportFactory().opener(TransportUri.tcp("127.0.0.1", port)),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), SINK, DeviceMetrics.NOOP);
    }
}
