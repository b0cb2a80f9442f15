package io.parkgate.simulator.bench;

import io.parkgate.protocol.modbus.ModbusRtu;
import io.parkgate.simulator.wire.LinkReceiver;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A lane I/O controller for the latency benchmark: answers the agent at once (no simulated arm) and
 * timestamps, with {@link System#nanoTime()}, the arrival of the first byte of every OPEN and CLOSE
 * coil write it receives.
 */
final class BenchIoController implements LinkReceiver {

    private final byte[] frame = new byte[ModbusRtu.REQUEST_LENGTH];
    private int len;
    private long frameStart;
    private volatile boolean[] inputs = {false, false, false, true};
    private final AtomicLong polls = new AtomicLong();
    private volatile long lastPollAt;
    final BlockingQueue<Long> opens = new LinkedBlockingQueue<>();
    final BlockingQueue<Long> closes = new LinkedBlockingQueue<>();

    void setInputs(boolean arming, boolean safety, boolean open, boolean closed) {
        inputs = new boolean[] {arming, safety, open, closed};
    }

    long polls() {
        return polls.get();
    }

    /** When the first byte of the latest poll arrived ({@link System#nanoTime()}). */
    long lastPollAt() {
        return lastPollAt;
    }

    @Override
    public void received(byte[] data, int n, Consumer<byte[]> reply) {
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (len == 0) {
                frameStart = now;
            }
            frame[len++] = data[i];
            if (len < ModbusRtu.REQUEST_LENGTH) {
                continue;
            }
            if (!ModbusRtu.crcValid(frame, len)) {
                System.arraycopy(frame, 1, frame, 0, --len);
                continue;
            }
            handle(Arrays.copyOf(frame, len), frameStart, reply);
            len = 0;
        }
    }

    @Override
    public void silence(Consumer<byte[]> reply) {
        len = 0;
    }

    private void handle(byte[] request, long firstByte, Consumer<byte[]> reply) {
        int function = request[1] & 0xFF;
        int address = ModbusRtu.word(request, 2);
        if (function == ModbusRtu.READ_DISCRETE_INPUTS) {
            lastPollAt = firstByte;
            polls.incrementAndGet();
            reply.accept(ModbusRtu.bitsResponse(request[0], function, inputs));
            return;
        }
        reply.accept(request); // writes are echoed
        if (function == ModbusRtu.WRITE_SINGLE_COIL && ModbusRtu.word(request, 4) == ModbusRtu.COIL_ON) {
            if (address == 0) {
                opens.add(firstByte);
            } else if (address == 1) {
                closes.add(firstByte);
            }
        }
    }
}
