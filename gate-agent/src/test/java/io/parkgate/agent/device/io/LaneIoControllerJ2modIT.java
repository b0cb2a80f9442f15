package io.parkgate.agent.device.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.TransportFactory;
import io.parkgate.agent.port.DeviceFaultException;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.testing.PseudoTerminalPair;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.config.IoControllerConfig;
import io.parkgate.config.TransportUri;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.protocol.modbus.ModbusException;
import io.parkgate.protocol.modbus.ModbusFault;
import io.parkgate.protocol.modbus.ModbusRtu;
import io.parkgate.retry.Backoff;
import io.parkgate.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our master against someone else's slave: j2mod's RTU slave on the far end of a pseudo-terminal.
 * One slave for the whole class, because closing it takes seconds.
 */
class LaneIoControllerJ2modIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private static PseudoTerminalPair pty;
    private static ModbusSlave slave;
    private static SimpleProcessImage image;

    private final RecordingLaneEventSink sink = new RecordingLaneEventSink();
    private AutoCloseable underTest;

    @BeforeAll
    static void startSlave() throws Exception {
        pty = PseudoTerminalPair.open(dir);
        image = new SimpleProcessImage(1);
        for (int i = 0; i < 3; i++) {
            image.addDigitalOut(new SimpleDigitalOut(false));
        }
        for (int i = 0; i < 4; i++) {
            image.addDigitalIn(new SimpleDigitalIn(i == 3));
        }
        image.addRegister(new SimpleRegister(0));
        SerialParameters params = new SerialParameters();
        params.setPortName(pty.b());
        params.setBaudRate(9600);
        params.setDatabits(8);
        params.setParity("None");
        params.setStopbits(1);
        params.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        params.setEcho(false);
        slave = ModbusSlaveFactory.createSerialSlave(params);
        slave.addProcessImage(1, image);
        slave.open();
    }

    @AfterAll
    static void stopSlave() {
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
        }
        if (pty != null) {
            pty.close();
        }
    }

    @AfterEach
    void closeUnderTest() throws Exception {
        if (underTest != null) {
            underTest.close();
        }
    }

    private DeviceConnection connection() {
        return new DeviceConnection(LaneDevice.IO_CONTROLLER,
                new TransportFactory().opener(TransportUri.serial(pty.a(), 9600)),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), sink, DeviceMetrics.NOOP);
    }

    /** Verifies that j2mod receives our pulse time, answers our polls, and sees our coil writes. */
    @Test
    void controllerDrivesAnIndependentSlave() throws Exception {
        TransportUri uri = TransportUri.serial(pty.a(), 9600);
        IoControllerConfig config = new IoControllerConfig(uri, 1, Duration.ofMillis(50), Duration.ofMillis(300),
                Duration.ofMillis(200), 2);
        LaneIoController controller = new LaneIoController(config, 9600, connection(), sink, Clock.systemUTC(),
                DeviceMetrics.NOOP);
        underTest = controller;
        controller.start();
        Await.until(WAIT, "first inputs", () -> !sink.inputs.isEmpty());
        assertEquals(LaneInputs.IDLE_CLOSED, sink.inputs.get(0));
        assertEquals(30, image.getRegister(0).getValue(), "pulse time in 10 ms units");
        assertEquals(DeviceState.CONNECTED, sink.lastState());

        ((SimpleDigitalIn) image.getDigitalIn(1)).set(true);
        Await.until(WAIT, "safety loop reported", () -> sink.inputs.size() == 2);
        assertEquals(new LaneInputs(false, true, false, true), sink.inputs.get(1));
        ((SimpleDigitalIn) image.getDigitalIn(1)).set(false);

        controller.pulseOpen().toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertEquals(true, image.getDigitalOut(0).isSet());
        controller.setLamp(true).toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertEquals(true, image.getDigitalOut(2).isSet());
        controller.setLamp(false).toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertEquals(false, image.getDigitalOut(2).isSet());
    }

    /** Verifies that j2mod's exception response (illegal address) fails the command, once, as a slave exception. */
    @Test
    void exceptionResponseFromJ2modIsAFault() throws Exception {
        List<byte[]> polled = new java.util.concurrent.CopyOnWriteArrayList<>();
        ModbusRtuMaster master = new ModbusRtuMaster("j2mod-master", connection(), Duration.ofMillis(200), 2, 9600,
                new ModbusRtuMaster.Schedule(List.of(), ModbusRtu.readDiscreteInputs(1, 0, 4), Duration.ofHours(1)),
                new ModbusRtuMaster.Listener() {
                    @Override
                    public void connected() {
                    }

                    @Override
                    public void polled(byte[] data) {
                        polled.add(data);
                    }

                    @Override
                    public void pollFailed(ModbusException failure) {
                    }
                }, DeviceMetrics.NOOP);
        underTest = master;
        master.start();
        Await.until(WAIT, "first poll", () -> !polled.isEmpty());
        byte[] registers = master.command(ModbusRtu.readHoldingRegisters(1, 0, 1)).get(2, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {2, 0, (byte) image.getRegister(0).getValue()}, registers);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> master.command(ModbusRtu.writeSingleCoil(1, 40, true)).get(2, TimeUnit.SECONDS));
        DeviceFaultException fault = assertInstanceOf(DeviceFaultException.class, e.getCause());
        ModbusException cause = assertInstanceOf(ModbusException.class, fault.getCause());
        assertEquals(ModbusFault.SLAVE_EXCEPTION, cause.kind());
        assertEquals(2, cause.exceptionCode());
        Await.until(WAIT, "FAULT reported", () -> sink.lastState() == DeviceState.FAULT);
    }
}
