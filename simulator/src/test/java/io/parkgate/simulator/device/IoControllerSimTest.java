package io.parkgate.simulator.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.protocol.HexDump;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.protocol.io.LaneIoRegisters;
import io.parkgate.protocol.modbus.ModbusException;
import io.parkgate.protocol.modbus.ModbusRtu;
import io.parkgate.simulator.testutil.RtuMaster;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.wire.TcpLink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The I/O controller over a real TCP wire, answered to our own ModbusRtu codec. */
class IoControllerSimTest {

    private static final int UNIT = 7;

    private final SimFixture sim = new SimFixture();
    private IoControllerSim io;
    private TcpLink link;
    private RtuMaster master;

    @BeforeEach
    void start() throws Exception {
        io = new IoControllerSim("north-in", UNIT, Duration.ofSeconds(2), sim.scheduler, sim.events);
        link = new TcpLink("north-in/io", "127.0.0.1", 0, io.slave(), Duration.ofMillis(20));
        master = new RtuMaster(link.port());
    }

    @AfterEach
    void stop() throws Exception {
        master.close();
        link.close();
    }

    private boolean[] inputs() throws Exception {
        byte[] data = master.transact(ModbusRtu.readDiscreteInputs(UNIT, 0, 4));
        return new boolean[] {ModbusRtu.bit(data, 0), ModbusRtu.bit(data, 1), ModbusRtu.bit(data, 2),
                ModbusRtu.bit(data, 3)};
    }

    /**
     * Verifies that a loop change stays "busy" (no idle skip) until the agent has polled the inputs over the
     * wire, or at most {@link IoControllerSim#UNREAD_CHANGE_LIMIT} when nobody polls.
     */
    @Test
    void aLoopChangeIsBusyUntilPolled() throws Exception {
        io.armingLoop(true, "car");
        io.armingLoop(false, "car"); // backed off again
        assertTrue(io.busy(), "nobody has seen the car come and go yet");
        assertArrayEquals(new boolean[] {false, false, false, true}, inputs());
        assertFalse(io.busy(), "polled since the change");

        io.armingLoop(true, "car");
        io.armingLoop(false, "car");
        sim.scheduler.advanceBy(IoControllerSim.UNREAD_CHANGE_LIMIT.minusMillis(1));
        assertTrue(io.busy());
        sim.scheduler.advanceBy(Duration.ofMillis(1));
        assertFalse(io.busy(), "a lane nobody polls does not stop the clock for ever");
    }

    /**
     * Verifies the barrier opened by another relay (the Zhenshi camera's): the agent reads the arm going up on the
     * limit switches, the controller's own coil stays off, the OPEN authorises one passage, and closing is still
     * the controller's.
     */
    @Test
    void cameraRelayOpensTheArm() throws Exception {
        io.relayOpen("the camera's relay");
        assertEquals(1, io.openPulses());
        byte[] coils = master.transact(ModbusRtu.readCoils(UNIT, 0, 3));
        assertFalse(ModbusRtu.bit(coils, 0), "the controller's open relay was not used");
        sim.scheduler.advanceBy(Duration.ofSeconds(2));
        assertArrayEquals(new boolean[] {false, false, true, false}, inputs(), "arm up: OPEN_LIMIT");
        io.safetyLoop(true, "car");
        io.safetyLoop(false, "car");
        assertEquals(List.of(), io.violations(), "one vehicle under one opening, arm up");
        assertTrue(io.journal().stream().anyMatch(j -> j.command() == JournalEntry.Command.OPEN
                && j.detail().equals("by the camera's relay")), io.journal().toString());
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_CLOSE, true));
        sim.scheduler.advanceBy(Duration.ofSeconds(2));
        assertArrayEquals(new boolean[] {false, false, false, true}, inputs(), "closed by the controller");
    }

    /** Verifies that an idle lane reads arm down (CLOSED_LIMIT only) and the default pulse time 30. */
    @Test
    void idleLaneReadsClosedAndDefaultPulse() throws Exception {
        assertArrayEquals(new boolean[] {false, false, false, true}, inputs());
        byte[] regs = master.transact(ModbusRtu.readHoldingRegisters(UNIT, 0, 1));
        assertEquals(30, ModbusRtu.register(regs, 0));
        byte[] coils = master.transact(ModbusRtu.readCoils(UNIT, 0, 3));
        assertFalse(ModbusRtu.bit(coils, 0) || ModbusRtu.bit(coils, 1) || ModbusRtu.bit(coils, 2));
    }

    /** Verifies that OPEN is momentary for the pulse time and the arm takes its travel time to the open limit. */
    @Test
    void openPulseAndArmTravel() throws Exception {
        master.transact(ModbusRtu.writeSingleRegister(UNIT, 0, 50)); // 500 ms
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_OPEN, true));
        assertTrue(ModbusRtu.bit(master.transact(ModbusRtu.readCoils(UNIT, 0, 1)), 0), "OPEN energised");
        sim.scheduler.advanceBy(Duration.ofMillis(490));
        assertTrue(ModbusRtu.bit(master.transact(ModbusRtu.readCoils(UNIT, 0, 1)), 0), "still within pulse");
        sim.scheduler.advanceBy(Duration.ofMillis(20));
        assertFalse(ModbusRtu.bit(master.transact(ModbusRtu.readCoils(UNIT, 0, 1)), 0), "dropped after pulse");
        // travelling: neither limit
        assertArrayEquals(new boolean[] {false, false, false, false}, inputs());
        sim.scheduler.advanceBy(Duration.ofMillis(1480)); // 1990 ms after OPEN
        assertArrayEquals(new boolean[] {false, false, false, false}, inputs());
        sim.scheduler.advanceBy(Duration.ofMillis(20));
        assertArrayEquals(new boolean[] {false, false, true, false}, inputs());
        List<JournalEntry> journal = io.journal();
        assertEquals(JournalEntry.Command.PULSE_TIME, journal.get(0).command());
        assertEquals(JournalEntry.Command.OPEN, journal.get(1).command());
        assertEquals(SimFixture.T0, journal.get(1).at());
    }

    /** Verifies that an OPEN while the arm is closing reverses it from where it is. */
    @Test
    void openWhileClosingReverses() throws Exception {
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_OPEN, true));
        sim.scheduler.advanceBy(Duration.ofSeconds(2));
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_CLOSE, true));
        sim.scheduler.advanceBy(Duration.ofMillis(500)); // 1/4 of the way down
        assertEquals(BarrierArm.State.CLOSING, io.armState());
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_OPEN, true));
        assertEquals(BarrierArm.State.OPENING, io.armState());
        sim.scheduler.advanceBy(Duration.ofMillis(490));
        assertEquals(BarrierArm.State.OPENING, io.armState());
        sim.scheduler.advanceBy(Duration.ofMillis(20));
        assertEquals(BarrierArm.State.OPEN, io.armState(), "back up after the 500 ms it had come down");
        assertTrue(io.violations().isEmpty());
    }

    /** Verifies that LAMP is latched: it stays as written, no pulse. */
    @Test
    void lampIsLatched() throws Exception {
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_LAMP, true));
        sim.scheduler.advanceBy(Duration.ofMinutes(10));
        assertTrue(ModbusRtu.bit(master.transact(ModbusRtu.readCoils(UNIT, 2, 1)), 0));
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_LAMP, false));
        assertFalse(ModbusRtu.bit(master.transact(ModbusRtu.readCoils(UNIT, 0, 3)), 2));
        assertEquals(List.of(JournalEntry.Command.LAMP_GREEN, JournalEntry.Command.LAMP_RED),
                io.journal().stream().map(JournalEntry::command).toList());
    }

    /** Verifies the exception responses: illegal function 1, illegal address 2, illegal value 3. */
    @Test
    void exceptionResponsesLikeARealSlave() throws Exception {
        ModbusException e1 = assertThrows(ModbusException.class,
                () -> master.transact(ModbusRtu.request(UNIT, 0x04, 0, 1)));
        assertEquals(1, e1.exceptionCode());
        assertEquals(2, assertThrows(ModbusException.class,
                () -> master.transact(ModbusRtu.readDiscreteInputs(UNIT, 2, 4))).exceptionCode());
        assertEquals(2, assertThrows(ModbusException.class,
                () -> master.transact(ModbusRtu.writeSingleCoil(UNIT, 3, true))).exceptionCode());
        assertEquals(2, assertThrows(ModbusException.class,
                () -> master.transact(ModbusRtu.readHoldingRegisters(UNIT, 1, 1))).exceptionCode());
        assertEquals(3, assertThrows(ModbusException.class,
                () -> master.transact(ModbusRtu.request(UNIT, ModbusRtu.WRITE_SINGLE_COIL, 0, 0x1234)))
                .exceptionCode());
        assertEquals(3, assertThrows(ModbusException.class,
                () -> master.transact(ModbusRtu.writeSingleRegister(UNIT, 0, 501))).exceptionCode());
        assertEquals(3, assertThrows(ModbusException.class,
                () -> master.transact(ModbusRtu.writeSingleRegister(UNIT, 0, 0))).exceptionCode());
        assertEquals(3, assertThrows(ModbusException.class,
                () -> master.transact(ModbusRtu.readCoils(UNIT, 0, 0))).exceptionCode());
        assertEquals(BarrierArm.State.CLOSED, io.armState(), "no bad request moved the arm");
        assertEquals(30, io.pulseUnits());
    }

    /** Verifies that a bad CRC and another unit's address get no reply, and the slave still answers after. */
    @Test
    void silentOnBadCrcAndOtherUnit() throws Exception {
        byte[] bad = ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_OPEN, true);
        bad[7] ^= 0x55;
        assertNull(master.exchange(bad));
        assertNull(master.exchange(ModbusRtu.writeSingleCoil(UNIT + 1, LaneIoRegisters.COIL_OPEN, true)));
        assertEquals(BarrierArm.State.CLOSED, io.armState());
        assertEquals(1, io.slave().crcErrors());
        assertEquals(1, io.slave().otherUnit());
        assertArrayEquals(new boolean[] {false, false, false, true}, inputs());
    }

    /** Verifies that a CLOSE pulse while a loop is occupied is flagged as a safety violation. */
    @Test
    void closeWhileOccupiedIsFlagged() throws Exception {
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_OPEN, true));
        sim.scheduler.advanceBy(Duration.ofSeconds(3));
        io.armingLoop(true, "粤B12345");
        assertTrue(inputs()[0]);
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_CLOSE, true));
        assertEquals(List.of(SafetyViolation.Kind.CLOSE_WHILE_OCCUPIED),
                io.violations().stream().map(SafetyViolation::kind).toList());
        assertTrue(io.violations().get(0).detail().contains("ARMING_LOOP"));
    }

    /** Verifies that the arm coming down on a vehicle under it is flagged. */
    @Test
    void armOnVehicleIsFlagged() throws Exception {
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_OPEN, true));
        sim.scheduler.advanceBy(Duration.ofSeconds(3));
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_CLOSE, true));
        sim.scheduler.advanceBy(Duration.ofMillis(300));
        io.safetyLoop(true, "粤B12345");
        assertEquals(List.of(SafetyViolation.Kind.ARM_ON_VEHICLE),
                io.violations().stream().map(SafetyViolation::kind).toList());
    }

    /** Verifies that crossing the safety loop with the arm down is flagged as forced, and a second crossing as
     * tailgating. */
    @Test
    void forcedAndTailgatingAreFlagged() throws Exception {
        io.safetyLoop(true, "粤B11111");
        io.safetyLoop(false, "粤B11111");
        master.transact(ModbusRtu.writeSingleCoil(UNIT, LaneIoRegisters.COIL_OPEN, true));
        sim.scheduler.advanceBy(Duration.ofSeconds(3));
        io.safetyLoop(true, "粤B22222");
        io.safetyLoop(false, "粤B22222");
        io.safetyLoop(true, "粤B33333");
        assertEquals(List.of(SafetyViolation.Kind.FORCED_PASSAGE, SafetyViolation.Kind.TAILGATING),
                io.violations().stream().map(SafetyViolation::kind).toList());
        assertEquals(new LaneInputs(false, true, true, false), io.inputs());
    }

    /** Verifies that a broadcast write is executed without a reply, and line noise never moves the arm or stops
     * answers. */
    @Test
    void broadcastAndNoise() throws Exception {
        assertNull(master.exchange(ModbusRtu.writeSingleCoil(0, LaneIoRegisters.COIL_LAMP, true)));
        assertTrue(io.coil(LaneIoRegisters.COIL_LAMP), "broadcast executed");
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 6; i++) {
            byte[] noise = new byte[1 + random.nextInt(40)];
            random.nextBytes(noise);
            assertNull(master.exchange(noise), "no answer to noise " + HexDump.of(noise, noise.length));
        }
        assertEquals(BarrierArm.State.CLOSED, io.armState(), "noise never moved the arm");
        assertTrue(io.slave().crcErrors() >= 1);
        assertArrayEquals(new boolean[] {false, false, false, true}, inputs());
    }
}
