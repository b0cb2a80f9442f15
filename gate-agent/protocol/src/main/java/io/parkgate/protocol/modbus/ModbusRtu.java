package io.parkgate.protocol.modbus;

import io.parkgate.protocol.HexDump;
import java.util.Arrays;

/**
 * Modbus RTU framing (docs/protocols.md §1): unit address, function, data, CRC-16/MODBUS low byte first.
 * Pure functions of bytes, shared by the agent's master and the simulator's slave.
 */
public final class ModbusRtu {

    public static final int READ_COILS = 0x01;
    public static final int READ_DISCRETE_INPUTS = 0x02;
    public static final int READ_HOLDING_REGISTERS = 0x03;
    public static final int WRITE_SINGLE_COIL = 0x05;
    public static final int WRITE_SINGLE_REGISTER = 0x06;
    public static final int EXCEPTION_FLAG = 0x80;

    public static final int COIL_ON = 0xFF00;
    public static final int COIL_OFF = 0x0000;

    /** Requests of the five functions we use are all 8 bytes: unit, function, two words, CRC. */
    public static final int REQUEST_LENGTH = 8;
    /** An exception response: unit, function|0x80, exception code, CRC. */
    public static final int EXCEPTION_LENGTH = 5;

    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            CRC_TABLE[i] = crc;
        }
    }

    private ModbusRtu() {
    }

    /** CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF) of {@code len} bytes from {@code off}. */
    public static int crc(byte[] buf, int off, int len) {
        int crc = 0xFFFF;
        for (int i = off; i < off + len; i++) {
            crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ buf[i]) & 0xFF];
        }
        return crc;
    }

    /** True when the last two bytes of {@code adu[0..len)} are the CRC of the bytes before them. */
    public static boolean crcValid(byte[] adu, int len) {
        if (len < 4) {
            return false;
        }
        int crc = crc(adu, 0, len - 2);
        return (adu[len - 2] & 0xFF) == (crc & 0xFF) && (adu[len - 1] & 0xFF) == (crc >>> 8);
    }

    /** Builds an ADU: unit, function, data, then the CRC appended low byte first. */
    public static byte[] frame(int unit, int function, byte[] data) {
        byte[] adu = new byte[data.length + 4];
        adu[0] = (byte) unit;
        adu[1] = (byte) function;
        System.arraycopy(data, 0, adu, 2, data.length);
        int crc = crc(adu, 0, adu.length - 2);
        adu[adu.length - 2] = (byte) crc;
        adu[adu.length - 1] = (byte) (crc >>> 8);
        return adu;
    }

    /** A request of one of our functions: two big-endian words after the function code. */
    public static byte[] request(int unit, int function, int word1, int word2) {
        return frame(unit, function, words(word1, word2));
    }

    public static byte[] readCoils(int unit, int start, int count) {
        return request(unit, READ_COILS, start, count);
    }

    public static byte[] readDiscreteInputs(int unit, int start, int count) {
        return request(unit, READ_DISCRETE_INPUTS, start, count);
    }

    public static byte[] readHoldingRegisters(int unit, int start, int count) {
        return request(unit, READ_HOLDING_REGISTERS, start, count);
    }

    public static byte[] writeSingleCoil(int unit, int coil, boolean on) {
        return request(unit, WRITE_SINGLE_COIL, coil, on ? COIL_ON : COIL_OFF);
    }

    public static byte[] writeSingleRegister(int unit, int register, int value) {
        return request(unit, WRITE_SINGLE_REGISTER, register, value);
    }

    /** A read-bits response (functions 1 and 2): byte count, then bits packed LSB first. */
    public static byte[] bitsResponse(int unit, int function, boolean[] bits) {
        int byteCount = (bits.length + 7) / 8;
        byte[] data = new byte[1 + byteCount];
        data[0] = (byte) byteCount;
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                data[1 + i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return frame(unit, function, data);
    }

    /** A read-registers response (function 3): byte count, then big-endian words. */
    public static byte[] registersResponse(int unit, int[] registers) {
        byte[] data = new byte[1 + registers.length * 2];
        data[0] = (byte) (registers.length * 2);
        for (int i = 0; i < registers.length; i++) {
            data[1 + 2 * i] = (byte) (registers[i] >>> 8);
            data[2 + 2 * i] = (byte) registers[i];
        }
        return frame(unit, READ_HOLDING_REGISTERS, data);
    }

    public static byte[] exceptionResponse(int unit, int function, int exceptionCode) {
        return frame(unit, function | EXCEPTION_FLAG, new byte[] {(byte) exceptionCode});
    }

    /**
     * The length of the complete response to {@code request}, judged from the bytes received so far
     * ({@code received} of them in {@code buf}); -1 while too few bytes are in to tell. Exception
     * responses are recognised by the function byte.
     */
    public static int expectedResponseLength(byte[] request, byte[] buf, int received) {
        if (received < 2) {
            return -1;
        }
        int function = buf[1] & 0xFF;
        if ((function & EXCEPTION_FLAG) != 0) {
            return EXCEPTION_LENGTH;
        }
        return switch (request[1] & 0xFF) {
            case READ_COILS, READ_DISCRETE_INPUTS, READ_HOLDING_REGISTERS ->
                    received < 3 ? -1 : 5 + (buf[2] & 0xFF);
            case WRITE_SINGLE_COIL, WRITE_SINGLE_REGISTER -> REQUEST_LENGTH;
            default -> throw new IllegalArgumentException("unsupported function " + (request[1] & 0xFF));
        };
    }

    /**
     * Checks a complete response against the request it answers.
     *
     * @return the response's data bytes (after the function code, before the CRC)
     * @throws ModbusException with {@link ModbusFault} saying what was wrong
     */
    public static byte[] checkResponse(byte[] request, byte[] adu, int len) throws ModbusException {
        if (!crcValid(adu, len)) {
            throw new ModbusException(ModbusFault.CRC, "bad CRC in " + HexDump.of(adu, len));
        }
        if (adu[0] != request[0]) {
            throw new ModbusException(ModbusFault.MALFORMED,
                    "response from unit " + (adu[0] & 0xFF) + ", expected " + (request[0] & 0xFF));
        }
        int function = adu[1] & 0xFF;
        if (function == ((request[1] & 0xFF) | EXCEPTION_FLAG)) {
            throw ModbusException.slaveException(request[1] & 0xFF, adu[2] & 0xFF);
        }
        if (function != (request[1] & 0xFF)) {
            throw new ModbusException(ModbusFault.MALFORMED,
                    "response function " + function + ", expected " + (request[1] & 0xFF));
        }
        byte[] data = Arrays.copyOfRange(adu, 2, len - 2);
        int reqFunction = request[1] & 0xFF;
        if ((reqFunction == WRITE_SINGLE_COIL || reqFunction == WRITE_SINGLE_REGISTER)
                && !Arrays.equals(request, 0, REQUEST_LENGTH, adu, 0, len)) {
            throw new ModbusException(ModbusFault.MALFORMED, "write not echoed: " + HexDump.of(adu, len));
        }
        return data;
    }

    /** Bit {@code index} of a read-bits response's data (byte count first). */
    public static boolean bit(byte[] data, int index) {
        return (data[1 + index / 8] >> (index % 8) & 1) != 0;
    }

    /** Word {@code index} of a read-registers response's data (byte count first). */
    public static int register(byte[] data, int index) {
        return (data[1 + 2 * index] & 0xFF) << 8 | (data[2 + 2 * index] & 0xFF);
    }

    public static int word(byte[] adu, int offset) {
        return (adu[offset] & 0xFF) << 8 | (adu[offset + 1] & 0xFF);
    }

    private static byte[] words(int w1, int w2) {
        return new byte[] {(byte) (w1 >>> 8), (byte) w1, (byte) (w2 >>> 8), (byte) w2};
    }
}
