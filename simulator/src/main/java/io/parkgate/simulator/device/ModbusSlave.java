package io.parkgate.simulator.device;

import io.parkgate.protocol.HexDump;
import io.parkgate.protocol.modbus.ModbusRtu;
import io.parkgate.simulator.wire.LinkReceiver;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus RTU slave on a byte stream, framed and answered with the shared {@link ModbusRtu} codec:
 * functions 0x01, 0x02, 0x03, 0x05, 0x06; exception 1 (illegal function), 2 (illegal data address)
 * or 3 (illegal data value) as the Modbus specification orders the checks; no reply at all to a bad
 * CRC, to another unit address, or to a broadcast (unit 0, writes executed).
 *
 * <p>A frame ends when its length is known and its CRC checks, or at a silence on the line.
 */
public final class ModbusSlave implements LinkReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusSlave.class);
    private static final int MAX_ADU = 256;

    private final String name;
    private final int unit;
    private final ProcessImage image;
    private final byte[] buf = new byte[MAX_ADU];
    private int len;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong exceptions = new AtomicLong();
    private final AtomicLong crcErrors = new AtomicLong();
    private final AtomicLong otherUnit = new AtomicLong();

    public ModbusSlave(String name, int unit, ProcessImage image) {
        if (unit < 1 || unit > 247) {
            throw new IllegalArgumentException("unit address must be 1..247, was " + unit);
        }
        this.name = name;
        this.unit = unit;
        this.image = image;
    }

    @Override
    public synchronized void received(byte[] data, int count, Consumer<byte[]> reply) {
        for (int i = 0; i < count; i++) {
            if (len == MAX_ADU) {
                LOG.debug("{}: {} bytes without a frame, dropped", name, len);
                crcErrors.incrementAndGet();
                len = 0;
            }
            buf[len++] = data[i];
        }
        takeCompleteFrames(reply);
    }

    @Override
    public synchronized void silence(Consumer<byte[]> reply) {
        if (len == 0) {
            return;
        }
        if (len >= 4 && ModbusRtu.crcValid(buf, len)) {
            answer(Arrays.copyOf(buf, len), reply);
        } else {
            crcErrors.incrementAndGet();
            LOG.debug("{}: dropped {} bytes with bad CRC: {}", name, len, HexDump.of(buf, len));
        }
        len = 0;
    }

    private void takeCompleteFrames(Consumer<byte[]> reply) {
        while (true) {
            int expected = expectedLength();
            if (expected < 0 || len < expected || !ModbusRtu.crcValid(buf, expected)) {
                return; // wait for more bytes or for the silence that ends a bad frame
            }
            byte[] adu = Arrays.copyOf(buf, expected);
            System.arraycopy(buf, expected, buf, 0, len - expected);
            len -= expected;
            answer(adu, reply);
        }
    }

    /** Request length judged from the header; -1 while too few bytes are in to tell. */
    private int expectedLength() {
        if (len < 2) {
            return -1;
        }
        int function = buf[1] & 0xFF;
        if (function == 0x0F || function == 0x10) {
            return len < 7 ? -1 : 9 + (buf[6] & 0xFF);
        }
        return ModbusRtu.REQUEST_LENGTH;
    }

    private void answer(byte[] adu, Consumer<byte[]> reply) {
        int address = adu[0] & 0xFF;
        if (address != unit && address != 0) {
            otherUnit.incrementAndGet();
            return;
        }
        byte[] response = respond(adu);
        if (address == 0) {
            return; // broadcast: executed, never answered
        }
        if ((response[1] & ModbusRtu.EXCEPTION_FLAG) != 0) {
            exceptions.incrementAndGet();
        }
        answered.incrementAndGet();
        LOG.debug("{}: {} -> {}", name, HexDump.of(adu, adu.length), HexDump.of(response, response.length));
        reply.accept(response);
    }

    /** The response to one CRC-checked request addressed to us. */
    byte[] respond(byte[] adu) {
        int function = adu[1] & 0xFF;
        if (function != ModbusRtu.READ_COILS && function != ModbusRtu.READ_DISCRETE_INPUTS
                && function != ModbusRtu.READ_HOLDING_REGISTERS && function != ModbusRtu.WRITE_SINGLE_COIL
                && function != ModbusRtu.WRITE_SINGLE_REGISTER) {
            return ModbusRtu.exceptionResponse(unit, function, 1);
        }
        if (adu.length != ModbusRtu.REQUEST_LENGTH) {
            return ModbusRtu.exceptionResponse(unit, function, 3);
        }
        int first = ModbusRtu.word(adu, 2);
        int second = ModbusRtu.word(adu, 4);
        return switch (function) {
            case ModbusRtu.READ_COILS -> readBits(function, first, second, image.coilCount(), true);
            case ModbusRtu.READ_DISCRETE_INPUTS ->
                    readBits(function, first, second, image.discreteInputCount(), false);
            case ModbusRtu.READ_HOLDING_REGISTERS -> readRegisters(first, second);
            case ModbusRtu.WRITE_SINGLE_COIL -> writeCoil(adu, first, second);
            default -> writeRegister(adu, first, second);
        };
    }

    private byte[] readBits(int function, int start, int count, int available, boolean coils) {
        if (count < 1 || count > 2000) {
            return ModbusRtu.exceptionResponse(unit, function, 3);
        }
        if (start + count > available) {
            return ModbusRtu.exceptionResponse(unit, function, 2);
        }
        boolean[] bits = new boolean[count];
        // one sample of all bits, as a real controller latches its inputs (the image locks on itself)
        synchronized (image) {
            for (int i = 0; i < count; i++) {
                bits[i] = coils ? image.coil(start + i) : image.discreteInput(start + i);
            }
        }
        return ModbusRtu.bitsResponse(unit, function, bits);
    }

    private byte[] readRegisters(int start, int count) {
        if (count < 1 || count > 125) {
            return ModbusRtu.exceptionResponse(unit, ModbusRtu.READ_HOLDING_REGISTERS, 3);
        }
        if (start + count > image.holdingRegisterCount()) {
            return ModbusRtu.exceptionResponse(unit, ModbusRtu.READ_HOLDING_REGISTERS, 2);
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = image.holdingRegister(start + i);
        }
        return ModbusRtu.registersResponse(unit, values);
    }

    private byte[] writeCoil(byte[] adu, int coil, int value) {
        if (value != ModbusRtu.COIL_ON && value != ModbusRtu.COIL_OFF) {
            return ModbusRtu.exceptionResponse(unit, ModbusRtu.WRITE_SINGLE_COIL, 3);
        }
        if (coil >= image.coilCount()) {
            return ModbusRtu.exceptionResponse(unit, ModbusRtu.WRITE_SINGLE_COIL, 2);
        }
        int code = image.writeCoil(coil, value == ModbusRtu.COIL_ON);
        return code == 0 ? echo(adu) : ModbusRtu.exceptionResponse(unit, ModbusRtu.WRITE_SINGLE_COIL, code);
    }

    private byte[] writeRegister(byte[] adu, int register, int value) {
        if (register >= image.holdingRegisterCount()) {
            return ModbusRtu.exceptionResponse(unit, ModbusRtu.WRITE_SINGLE_REGISTER, 2);
        }
        int code = image.writeRegister(register, value);
        return code == 0 ? echo(adu) : ModbusRtu.exceptionResponse(unit, ModbusRtu.WRITE_SINGLE_REGISTER, code);
    }

    /** A write is answered by echoing the request, with our own unit address. */
    private byte[] echo(byte[] adu) {
        byte[] data = Arrays.copyOfRange(adu, 2, 6);
        return ModbusRtu.frame(unit, adu[1] & 0xFF, data);
    }

    public long answered() {
        return answered.get();
    }

    public long exceptions() {
        return exceptions.get();
    }

    /** Frames dropped for a bad CRC (or garbage): never answered, as a real slave does. */
    public long crcErrors() {
        return crcErrors.get();
    }

    public long otherUnit() {
        return otherUnit.get();
    }
}
