package io.parkgate.protocol.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModbusRtuTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** Verifies that the CRC matches published CRC-16/MODBUS vectors, low byte first on the wire. */
    @Test
    void crcKnownVectors() {
        assertArrayEquals(hex("01 03 00 00 00 01 84 0A"), ModbusRtu.readHoldingRegisters(1, 0, 1));
        assertEquals(0x4B37, ModbusRtu.crc("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 9));
        assertArrayEquals(hex("01 05 00 00 FF 00 8C 3A"), ModbusRtu.writeSingleCoil(1, 0, true));
        assertArrayEquals(hex("01 02 00 00 00 04 79 C9"), ModbusRtu.readDiscreteInputs(1, 0, 4));
        assertTrue(ModbusRtu.crcValid(hex("01 03 00 00 00 01 84 0A"), 8));
        assertFalse(ModbusRtu.crcValid(hex("01 03 00 00 00 01 84 0B"), 8));
    }

    /** Verifies that the response length is known from the function byte or the byte count, and exceptions are 5 bytes.
     * */
    @Test
    void expectedResponseLengths() {
        byte[] poll = ModbusRtu.readDiscreteInputs(1, 0, 4);
        assertEquals(-1, ModbusRtu.expectedResponseLength(poll, hex("01"), 1));
        assertEquals(-1, ModbusRtu.expectedResponseLength(poll, hex("01 02"), 2));
        assertEquals(6, ModbusRtu.expectedResponseLength(poll, hex("01 02 01"), 3));
        assertEquals(5, ModbusRtu.expectedResponseLength(poll, hex("01 82"), 2));
        assertEquals(8, ModbusRtu.expectedResponseLength(ModbusRtu.writeSingleCoil(1, 2, false), hex("01 05"), 2));
    }

    /** Verifies that a good bits response yields its data and each bad one fails with the right kind. */
    @Test
    void checkResponseKinds() throws ModbusException {
        byte[] poll = ModbusRtu.readDiscreteInputs(1, 0, 4);
        byte[] ok = ModbusRtu.bitsResponse(1, ModbusRtu.READ_DISCRETE_INPUTS, new boolean[] {true, false, false, true});
        byte[] data = ModbusRtu.checkResponse(poll, ok, ok.length);
        assertTrue(ModbusRtu.bit(data, 0));
        assertFalse(ModbusRtu.bit(data, 1));
        assertTrue(ModbusRtu.bit(data, 3));

        byte[] badCrc = ok.clone();
        badCrc[badCrc.length - 1] ^= 1;
        assertEquals(ModbusFault.CRC,
                assertThrows(ModbusException.class, () -> ModbusRtu.checkResponse(poll, badCrc, badCrc.length)).kind());
        byte[] exc = ModbusRtu.exceptionResponse(1, ModbusRtu.READ_DISCRETE_INPUTS, 2);
        ModbusException e = assertThrows(ModbusException.class, () -> ModbusRtu.checkResponse(poll, exc, exc.length));
        assertEquals(ModbusFault.SLAVE_EXCEPTION, e.kind());
        assertEquals(2, e.exceptionCode());
        byte[] otherUnit = ModbusRtu.bitsResponse(2, ModbusRtu.READ_DISCRETE_INPUTS, new boolean[4]);
        assertEquals(ModbusFault.MALFORMED, assertThrows(ModbusException.class,
                () -> ModbusRtu.checkResponse(poll, otherUnit, otherUnit.length)).kind());
        byte[] write = ModbusRtu.writeSingleCoil(1, 0, true);
        byte[] wrongEcho = ModbusRtu.writeSingleCoil(1, 0, false);
        assertEquals(ModbusFault.MALFORMED, assertThrows(ModbusException.class,
                () -> ModbusRtu.checkResponse(write, wrongEcho, wrongEcho.length)).kind());
    }

    /** Verifies that thousands of random responses never throw anything but ModbusException. */
    @Test
    void randomResponsesNeverCrash() {
        Random random = new Random(42);
        byte[][] requests = {ModbusRtu.readDiscreteInputs(1, 0, 4), ModbusRtu.writeSingleCoil(1, 0, true),
            ModbusRtu.readHoldingRegisters(1, 0, 2), ModbusRtu.writeSingleRegister(1, 0, 30)};
        for (int i = 0; i < 5000; i++) {
            byte[] request = requests[i % requests.length];
            byte[] adu = new byte[random.nextInt(12)];
            random.nextBytes(adu);
            if (adu.length >= 2 && random.nextBoolean()) {
                adu[0] = 1;
                adu[1] = request[1];
            }
            if (adu.length >= 4 && random.nextBoolean()) {
                int crc = ModbusRtu.crc(adu, 0, adu.length - 2);
                adu[adu.length - 2] = (byte) crc;
                adu[adu.length - 1] = (byte) (crc >>> 8);
            }
            ModbusRtu.expectedResponseLength(request, adu, adu.length);
            try {
                ModbusRtu.checkResponse(request, adu, adu.length);
            } catch (ModbusException expected) {
                // the point: nothing else
            }
        }
    }
}
