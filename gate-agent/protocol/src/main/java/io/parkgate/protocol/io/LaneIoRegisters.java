package io.parkgate.protocol.io;

import io.parkgate.protocol.modbus.ModbusRtu;
import java.time.Duration;

/**
 * The lane I/O controller's Modbus register map, the one both sides read: the agent's master
 * ({@code LaneIoController}) and the simulator's slave. Coils 0..2 are OPEN and CLOSE (pulsed: they drop out
 * by themselves after the pulse time) and the LAMP (latched); discrete inputs 0..3 are the arming loop, the
 * safety loop and the arm's open and closed limits; holding register 0 is the pulse time in 10 ms units.
 */
public final class LaneIoRegisters {

    public static final int COIL_OPEN = 0;
    public static final int COIL_CLOSE = 1;
    public static final int COIL_LAMP = 2;
    public static final int COIL_COUNT = 3;

    public static final int INPUT_ARMING_LOOP = 0;
    public static final int INPUT_SAFETY_LOOP = 1;
    public static final int INPUT_OPEN_LIMIT = 2;
    public static final int INPUT_CLOSED_LIMIT = 3;
    public static final int INPUT_COUNT = 4;

    public static final int REGISTER_PULSE_TIME = 0;
    public static final int REGISTER_COUNT = 1;
    /** One unit of the pulse-time register. */
    public static final Duration PULSE_UNIT = Duration.ofMillis(10);

    private LaneIoRegisters() {
    }

    /** The inputs from a read-discrete-inputs answer's data bytes (bit 0 of byte 0 is input 0). */
    public static LaneInputs inputs(byte[] data) {
        return new LaneInputs(ModbusRtu.bit(data, INPUT_ARMING_LOOP), ModbusRtu.bit(data, INPUT_SAFETY_LOOP),
                ModbusRtu.bit(data, INPUT_OPEN_LIMIT), ModbusRtu.bit(data, INPUT_CLOSED_LIMIT));
    }

    /** Discrete input {@code index} of {@code in}, as the controller reports it. */
    public static boolean input(LaneInputs in, int index) {
        return switch (index) {
            case INPUT_ARMING_LOOP -> in.armingLoop();
            case INPUT_SAFETY_LOOP -> in.safetyLoop();
            case INPUT_OPEN_LIMIT -> in.openLimit();
            case INPUT_CLOSED_LIMIT -> in.closedLimit();
            default -> throw new IllegalArgumentException("no discrete input " + index + " (0.." + (INPUT_COUNT - 1)
                    + ")");
        };
    }

    /** The pulse a register value stands for. */
    public static Duration pulse(int units) {
        return PULSE_UNIT.multipliedBy(units);
    }
}
