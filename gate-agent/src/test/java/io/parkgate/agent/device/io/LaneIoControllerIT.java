package io.parkgate.agent.device.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.TransportFactory;
import io.parkgate.agent.port.DeviceFaultException;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.config.IoControllerConfig;
import io.parkgate.config.TransportUri;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.protocol.modbus.ModbusRtu;
import io.parkgate.retry.Backoff;
import io.parkgate.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The barrier controller against a scripted slave over TCP, including a dropped and restored connection. */
class LaneIoControllerIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingLaneEventSink sink = new RecordingLaneEventSink();
    private final boolean[] inputs = {false, false, false, true};
    private ScriptedTcpSlave slave;
    private LaneIoController controller;

    @AfterEach
    void tearDown() throws Exception {
        if (controller != null) {
            controller.close();
        }
        if (slave != null) {
            slave.close();
        }
    }

    private void start(Duration pulse) throws Exception {
        slave = new ScriptedTcpSlave(r -> ScriptedTcpSlave.healthy(r, inputs.clone()));
        TransportUri uri = TransportUri.tcp("127.0.0.1", slave.port());
        IoControllerConfig config = new IoControllerConfig(uri, 1, Duration.ofMillis(20), pulse,
                Duration.ofMillis(200), 2);
        DeviceConnection connection = new DeviceConnection(LaneDevice.IO_CONTROLLER,
                new TransportFactory().opener(uri), new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                sink, DeviceMetrics.NOOP);
        controller = new LaneIoController(config, 9600, connection, sink, Clock.systemUTC(), DeviceMetrics.NOOP);
        controller.start();
    }

    /** Verifies that the pulse time is written first, inputs are reported once and then only on change. */
    @Test
    void setsPulseTimeAndReportsInputsOnChange() throws Exception {
        start(Duration.ofMillis(300));
        Await.until(WAIT, "first inputs", () -> sink.inputs.size() == 1);
        assertArrayEquals(ModbusRtu.writeSingleRegister(1, 0, 30), slave.requests.get(0));
        assertEquals(LaneInputs.IDLE_CLOSED, sink.inputs.get(0));
        int polls = slave.requests(ModbusRtu.READ_DISCRETE_INPUTS).size();
        Await.until(WAIT, "more polls", () -> slave.requests(ModbusRtu.READ_DISCRETE_INPUTS).size() > polls + 5);
        assertEquals(1, sink.inputs.size(), "no change, no report");

        inputs[0] = true;
        Await.until(WAIT, "arming loop reported", () -> sink.inputs.size() == 2);
        assertEquals(new LaneInputs(true, false, false, true), sink.inputs.get(1));
    }

    /** Verifies that OPEN, CLOSE and the lamp are single-coil writes of exactly the documented bytes. */
    @Test
    void barrierCommandsAreCoilWrites() throws Exception {
        start(Duration.ofMillis(300));
        Await.until(WAIT, "connected", () -> !sink.inputs.isEmpty());
        controller.pulseOpen().toCompletableFuture().get(2, TimeUnit.SECONDS);
        controller.pulseClose().toCompletableFuture().get(2, TimeUnit.SECONDS);
        controller.setLamp(true).toCompletableFuture().get(2, TimeUnit.SECONDS);
        controller.setLamp(false).toCompletableFuture().get(2, TimeUnit.SECONDS);
        List<byte[]> writes = slave.requests(ModbusRtu.WRITE_SINGLE_COIL);
        assertEquals(4, writes.size());
        assertArrayEquals(new byte[] {1, 5, 0, 0, (byte) 0xFF, 0, (byte) 0x8C, 0x3A}, writes.get(0));
        assertArrayEquals(ModbusRtu.writeSingleCoil(1, 1, true), writes.get(1));
        assertArrayEquals(ModbusRtu.writeSingleCoil(1, 2, true), writes.get(2));
        assertArrayEquals(ModbusRtu.writeSingleCoil(1, 2, false), writes.get(3));
    }

    /**
     * OPEN for a passage being journalled is taken by the master at once but goes on the wire only after the
     * journal said yes; when it says no, nothing is written. (No sleep as proof of absence: the writes are
     * counted after the answer, whose completion follows the master's decision.)
     */
    @Test
    void openWaitsForItsJournalAndIsNeverWrittenWithoutIt() throws Exception {
        start(Duration.ofMillis(300));
        Await.until(WAIT, "connected", () -> !sink.inputs.isEmpty());
        java.util.concurrent.CompletableFuture<Boolean> refused = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> notWritten = controller.pulseOpenOnce(refused)
                .toCompletableFuture();
        refused.complete(false);
        notWritten.get(2, TimeUnit.SECONDS);
        assertEquals(List.of(), slave.requests(ModbusRtu.WRITE_SINGLE_COIL), "no record, no OPEN");

        java.util.concurrent.CompletableFuture<Boolean> journalled = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> written = controller.pulseOpenOnce(journalled)
                .toCompletableFuture();
        org.junit.jupiter.api.Assertions.assertFalse(written.isDone(), "not before the journal said yes");
        journalled.complete(true);
        written.get(2, TimeUnit.SECONDS);
        List<byte[]> writes = slave.requests(ModbusRtu.WRITE_SINGLE_COIL);
        assertEquals(1, writes.size());
        assertArrayEquals(ModbusRtu.writeSingleCoil(1, 0, true), writes.get(0));
    }

    /** Verifies that a dropped connection goes WAITING_FOR_RETRY, then CONNECTED, re-sends the pulse time and
     * re-reports inputs. */
    @Test
    void reconnectsAfterTheServerGoesAway() throws Exception {
        start(Duration.ofMillis(500));
        Await.until(WAIT, "first inputs", () -> sink.inputs.size() == 1);
        slave.stop();
        Await.until(WAIT, "waiting for retry", () -> sink.lastState() == DeviceState.WAITING_FOR_RETRY);

        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> controller.pulseOpen().toCompletableFuture().get(2, TimeUnit.SECONDS));
        assertInstanceOf(DeviceFaultException.class, e.getCause());

        int before = slave.requests.size();
        slave.restart();
        Await.until(WAIT, "connected again", () -> sink.lastState() == DeviceState.CONNECTED);
        Await.until(WAIT, "inputs re-reported", () -> sink.inputs.size() == 2);
        assertEquals(sink.inputs.get(0), sink.inputs.get(1), "same inputs, reported again after the reconnect");
        assertArrayEquals(ModbusRtu.writeSingleRegister(1, 0, 50), slave.requests.get(before));
        int polls = slave.requests(ModbusRtu.READ_DISCRETE_INPUTS).size();
        Await.until(WAIT, "polling resumed", () -> slave.requests(ModbusRtu.READ_DISCRETE_INPUTS).size() > polls + 3);
        assertTrue(sink.stateSequence().containsAll(List.of(DeviceState.WAITING_FOR_RETRY, DeviceState.CONNECTED)));
        controller.pulseOpen().toCompletableFuture().get(2, TimeUnit.SECONDS);
    }
}
