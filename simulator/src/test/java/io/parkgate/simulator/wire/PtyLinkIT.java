package io.parkgate.simulator.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fazecast.jSerialComm.SerialPort;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.config.TransportUri;
import io.parkgate.protocol.modbus.ModbusRtu;
import io.parkgate.simulator.LaneHardware;
import io.parkgate.simulator.Simulator;
import io.parkgate.simulator.SimulatorOptions;
import io.parkgate.simulator.testutil.Sites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A serial I/O controller served on a socat pseudo-terminal pair, talked to as an agent would. */
class PtyLinkIT {

    @TempDir
    Path dir;

    /** Verifies that the agent's end of the pty answers Modbus RTU like the TCP one: inputs read, OPEN echoed. */
    @Test
    void ioControllerOnAPseudoTerminal() throws Exception {
        SimulatorOptions options = SimulatorOptions.forTests(Instant.parse("2026-11-23T00:00:00Z"), 1,
                dir.resolve("pty"));
        try (Simulator sim = Simulator.create(Sites.serialLane("/dev/ttyUSB9"), options)) {
            LaneHardware lane = sim.lane("east-in");
            TransportUri agentSide = lane.agentTransport(LaneDevice.IO_CONTROLLER).orElseThrow();
            assertEquals(TransportUri.Kind.SERIAL, agentSide.kind());
            assertEquals(dir.resolve("pty").resolve("east-in-io").toString(), agentSide.path());
            assertTrue(Files.exists(Path.of(agentSide.path())), "socat made the agent's link");
            SerialPort port = SerialPort.getCommPort(agentSide.path());
            port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 500, 0);
            assertTrue(port.openPort(), "open " + agentSide.path());
            try {
                byte[] read = ModbusRtu.readDiscreteInputs(5, 0, 4);
                byte[] in = transact(port, read, 6);
                byte[] data = ModbusRtu.checkResponse(read, in, in.length);
                assertTrue(ModbusRtu.bit(data, 3), "CLOSED_LIMIT");
                byte[] open = ModbusRtu.writeSingleCoil(5, 0, true);
                byte[] echo = transact(port, open, 8);
                ModbusRtu.checkResponse(open, echo, echo.length);
                assertEquals(1, lane.io().openPulses());
            } finally {
                port.closePort();
            }
        }
    }

    /** Verifies that a path holding something other than an old socat link is refused, never deleted. */
    @Test
    void neverReplacesARealFile() throws Exception {
        Path device = dir.resolve("ttyUSB0");
        Files.writeString(device, "a real device node stands here");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new PtyLink("east-in/io", dir.resolve("ttyUSB0.sim"), device, 9600, LinkReceiver.IGNORE,
                        java.time.Duration.ofMillis(20)));
        assertTrue(e.getMessage().contains("is not a pseudo-terminal link"), e.getMessage());
        assertTrue(Files.exists(device));
    }

    private static byte[] transact(SerialPort port, byte[] request, int responseLength) {
        port.writeBytes(request, request.length);
        byte[] buf = new byte[responseLength];
        int n = 0;
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (n < responseLength && System.nanoTime() < deadline) {
            byte[] chunk = new byte[responseLength - n];
            int r = port.readBytes(chunk, chunk.length);
            if (r > 0) {
                System.arraycopy(chunk, 0, buf, n, r);
                n += r;
            }
        }
        assertEquals(responseLength, n, "response bytes");
        return buf;
    }
}
