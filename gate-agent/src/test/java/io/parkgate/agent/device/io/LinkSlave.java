package io.parkgate.agent.device.io;

import io.parkgate.agent.device.transport.ByteLink;
import io.parkgate.protocol.modbus.ModbusRtu;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal I/O controller on the far end of any {@link ByteLink} (a pty end, typically): echoes
 * writes, answers input polls with the closed barrier, counts polls and coil writes, and notes when
 * the latest coil write's first byte arrived. Runs on its own thread until the link dies.
 */
final class LinkSlave implements AutoCloseable {

    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger coilWrites = new AtomicInteger();
    final AtomicInteger registerWrites = new AtomicInteger();
    final AtomicLong lastCoilWriteNanos = new AtomicLong();
    private final ByteLink link;

    LinkSlave(ByteLink link) {
        this.link = link;
        Thread thread = new Thread(this::serve, "link-slave");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        byte[] request = new byte[ModbusRtu.REQUEST_LENGTH];
        int have = 0;
        long firstByte = 0;
        try {
            while (true) {
                int n = link.read(request, have, request.length - have, 100);
                if (n == 0) {
                    continue;
                }
                if (have == 0) {
                    firstByte = System.nanoTime();
                }
                have += n;
                if (have < request.length) {
                    continue;
                }
                have = 0;
                switch (request[1]) {
                    case ModbusRtu.WRITE_SINGLE_COIL -> {
                        lastCoilWriteNanos.set(firstByte);
                        coilWrites.incrementAndGet();
                        link.write(request.clone());
                    }
                    case ModbusRtu.READ_DISCRETE_INPUTS -> {
                        polls.incrementAndGet();
                        link.write(ModbusRtu.bitsResponse(request[0], ModbusRtu.READ_DISCRETE_INPUTS,
                                new boolean[] {false, false, false, true}));
                    }
                    case ModbusRtu.WRITE_SINGLE_REGISTER -> {
                        registerWrites.incrementAndGet();
                        link.write(request.clone());
                    }
                    default -> link.write(ModbusRtu.exceptionResponse(request[0], request[1], 1));
                }
            }
        } catch (IOException e) {
            // the link went away: this slave is done
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
