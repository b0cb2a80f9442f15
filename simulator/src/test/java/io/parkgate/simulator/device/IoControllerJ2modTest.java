package io.parkgate.simulator.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.wire.TcpLink;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The I/O controller checked against an independent Modbus RTU master (j2mod, RTU over TCP). */
class IoControllerJ2modTest {

    private static final int UNIT = 3;

    private final SimFixture sim = new SimFixture();
    private IoControllerSim io;
    private TcpLink link;
    private ModbusTCPMaster master;

    @BeforeEach
    void start() throws Exception {
        io = new IoControllerSim("south-out", UNIT, Duration.ofSeconds(3), sim.scheduler, sim.events);
        link = new TcpLink("south-out/io", "127.0.0.1", 0, io.slave(), Duration.ofMillis(20));
        master = new ModbusTCPMaster("127.0.0.1", link.port(), 1000, false, true);
        master.setRetries(0);
        master.connect();
    }

    @AfterEach
    void stop() {
        master.disconnect();
        link.close();
    }

    /** Verifies that j2mod reads inputs, coils and the pulse register, and its writes move the arm. */
    @Test
    void independentMasterDrivesTheLane() throws Exception {
        BitVector in = master.readInputDiscretes(UNIT, 0, 4);
        assertFalse(in.getBit(0));
        assertTrue(in.getBit(3), "CLOSED_LIMIT");
        assertEquals(30, master.readMultipleRegisters(UNIT, 0, 1)[0].getValue());
        assertEquals(20, master.writeSingleRegister(UNIT, 0, new SimpleRegister(20)));
        assertEquals(20, master.readMultipleRegisters(UNIT, 0, 1)[0].getValue());
        assertTrue(master.writeCoil(UNIT, 0, true));
        assertTrue(master.readCoils(UNIT, 0, 3).getBit(0));
        sim.scheduler.advanceBy(Duration.ofMillis(200));
        assertFalse(master.readCoils(UNIT, 0, 3).getBit(0), "OPEN dropped after 200 ms");
        sim.scheduler.advanceBy(Duration.ofSeconds(3));
        BitVector open = master.readInputDiscretes(UNIT, 0, 4);
        assertTrue(open.getBit(2), "OPEN_LIMIT");
        assertFalse(open.getBit(3));
        io.armingLoop(true, "京AD12345");
        assertTrue(master.readInputDiscretes(UNIT, 0, 4).getBit(0));
    }

    /** Verifies that j2mod sees our exception responses with the right codes. */
    @Test
    void independentMasterSeesExceptions() {
        ModbusSlaveException address = assertThrows(ModbusSlaveException.class,
                () -> master.readInputDiscretes(UNIT, 0, 5));
        assertEquals(2, address.getType());
        ModbusSlaveException value = assertThrows(ModbusSlaveException.class,
                () -> master.writeSingleRegister(UNIT, 0, new SimpleRegister(600)));
        assertEquals(3, value.getType());
        ModbusSlaveException function = assertThrows(ModbusSlaveException.class,
                () -> master.readInputRegisters(UNIT, 0, 1));
        assertEquals(1, function.getType());
        assertEquals(3, io.slave().exceptions());
    }
}
