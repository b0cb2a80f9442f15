package io.parkgate.agent.device.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.SerialByteLink;
import io.parkgate.agent.device.transport.TransportFactory;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.testing.PseudoTerminalPair;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.config.IoControllerConfig;
import io.parkgate.config.TransportUri;
import io.parkgate.retry.Backoff;
import io.parkgate.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The I/O controller on a serial port that disappears (socat killed) and comes back. */
class LaneIoControllerPtyIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** Verifies that a vanished port goes WAITING_FOR_RETRY, and on its return CONNECTED with set-up and polling
     * resumed. */
    @Test
    void recoversWhenTheSerialPortComesBack() throws Exception {
        RecordingLaneEventSink sink = new RecordingLaneEventSink();
        try (PseudoTerminalPair pty = PseudoTerminalPair.open(dir)) {
            TransportUri uri = TransportUri.serial(pty.a(), 9600);
            IoControllerConfig config = new IoControllerConfig(uri, 1, Duration.ofMillis(20), Duration.ofMillis(300),
                    Duration.ofMillis(200), 2);
            DeviceConnection connection = new DeviceConnection(LaneDevice.IO_CONTROLLER,
                    new TransportFactory().opener(uri), new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)),
                    sink, DeviceMetrics.NOOP);
            try (LaneIoController controller = new LaneIoController(config, 9600, connection, sink,
                    Clock.systemUTC(), DeviceMetrics.NOOP)) {
                LinkSlave first = new LinkSlave(SerialByteLink.open(pty.b(), 9600));
                controller.start();
                Await.until(WAIT, "polls answered", () -> first.polls.get() > 3);
                assertEquals(1, sink.inputs.size());
                assertEquals(1, first.registerWrites.get());

                pty.kill();
                first.close();
                Await.until(WAIT, "waiting for retry", () -> sink.lastState() == DeviceState.WAITING_FOR_RETRY);
                int before = sink.states.size();
                pty.restart();
                try (LinkSlave second = new LinkSlave(SerialByteLink.open(pty.b(), 9600))) {
                    Await.until(WAIT, "connected again", () -> sink.states.size() > before
                            && sink.lastState() == DeviceState.CONNECTED);
                    Await.until(WAIT, "polling resumed", () -> second.polls.get() > 3);
                    assertEquals(1, second.registerWrites.get(), "pulse time written again");
                    assertEquals(2, sink.inputs.size(), "inputs reported again after the reconnect");
                    controller.pulseOpen().toCompletableFuture().get();
                    assertEquals(1, second.coilWrites.get());
                }
                List<DeviceState> seq = sink.stateSequence();
                assertTrue(seq.indexOf(DeviceState.WAITING_FOR_RETRY) < seq.lastIndexOf(DeviceState.CONNECTED));
            }
        }
    }
}
