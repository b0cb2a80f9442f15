package io.parkgate.agent.it;

import io.parkgate.protocol.modbus.ModbusRtu;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A lane I/O controller for end-to-end tests: a Modbus RTU slave on a raw byte stream that answers the
 * agent, lets the test set the four inputs, and records every request frame byte for byte with the
 * inputs as they were when it arrived, so a test can assert exactly what the agent wrote and when.
 * Deliberately simpler than the simulator's (no arm travel): the test moves the arm itself.
 */
public final class RecordingIoController implements AutoCloseable {

    /** One request as received, with the loop state at that moment. */
    public record Request(byte[] bytes, long nanoTime, boolean armingLoop, boolean safetyLoop) {
        public int function() {
            return bytes[1] & 0xFF;
        }

        public boolean isCoilOn(int coil) {
            return function() == ModbusRtu.WRITE_SINGLE_COIL && ModbusRtu.word(bytes, 2) == coil
                    && ModbusRtu.word(bytes, 4) == ModbusRtu.COIL_ON;
        }
    }

    private final int unit;
    private final InputStream in;
    private final OutputStream out;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Runnable> onOpen = new CopyOnWriteArrayList<>();
    private volatile boolean[] inputs;
    private volatile int pulseRegister = 30;
    private volatile boolean silent;
    private volatile Predicate<Request> dropReplyOnce;
    private volatile PollHook pollHook;
    private final long[] coilOnUntil = new long[3];
    private final Thread thread;
    private volatile boolean running = true;

    public RecordingIoController(int unit, InputStream in, OutputStream out) {
        this(unit, in, out, new boolean[] {false, false, false, true});
    }

    /** @param inputs arming loop, safety loop, open limit, closed limit as the first poll finds them */
    public RecordingIoController(int unit, InputStream in, OutputStream out, boolean[] inputs) {
        this.inputs = inputs.clone();
        this.unit = unit;
        this.in = in;
        this.out = out;
        this.thread = new Thread(this::serve, "recording-io-controller");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public void setInputs(boolean arming, boolean safety, boolean openLimit, boolean closedLimit) {
        inputs = new boolean[] {arming, safety, openLimit, closedLimit};
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<Request> requests(Predicate<Request> filter) {
        return requests.stream().filter(filter).toList();
    }

    /** Runs {@code action} on the slave's thread right after an OPEN coil write is answered. */
    public void whenOpened(Runnable action) {
        onOpen.add(action);
    }

    public int pulseRegister() {
        return pulseRegister;
    }

    /** While silent the controller records requests but answers none (a dead bus, a controller off). */
    public void setSilent(boolean silent) {
        this.silent = silent;
    }

    /** Carries out the next request matching {@code filter} but loses its reply (a reply hit by noise). */
    public void dropReplyOnce(Predicate<Request> filter) {
        dropReplyOnce = filter;
    }

    /** A power cycle: the pulse-time register is back at its factory value (here a marker, 77). */
    public void powerCycle() {
        pulseRegister = 77;
    }

    /** Runs {@code action} once, right after answering a poll that reported {@code seen} (arming, safety, open,
     * closed). */
    public void afterPollShowing(boolean[] seen, Runnable action) {
        pollHook = new PollHook(seen.clone(), action);
    }

    private record PollHook(boolean[] seen, Runnable action) {
    }

    private void serve() {
        byte[] frame = new byte[ModbusRtu.REQUEST_LENGTH];
        int len = 0;
        try {
            while (running) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                frame[len++] = (byte) b;
                if (len < ModbusRtu.REQUEST_LENGTH) {
                    continue;
                }
                if (!ModbusRtu.crcValid(frame, len)) {
                    System.arraycopy(frame, 1, frame, 0, --len); // resynchronise byte by byte
                    continue;
                }
                byte[] request = Arrays.copyOf(frame, len);
                len = 0;
                boolean[] now = inputs;
                Request received = new Request(request, System.nanoTime(), now[0], now[1]);
                requests.add(received);
                if ((request[0] & 0xFF) != unit || silent) {
                    continue;
                }
                byte[] reply = answer(request, now);
                Predicate<Request> drop = dropReplyOnce;
                if (drop != null && drop.test(received)) {
                    dropReplyOnce = null;
                } else {
                    out.write(reply);
                    out.flush();
                }
                PollHook hook = pollHook;
                if (hook != null && received.function() == ModbusRtu.READ_DISCRETE_INPUTS
                        && Arrays.equals(hook.seen(), now)) {
                    pollHook = null;
                    hook.action().run();
                }
                if (requests.get(requests.size() - 1).isCoilOn(0)) {
                    onOpen.forEach(Runnable::run);
                }
            }
        } catch (IOException e) {
            if (running) {
                System.err.println("recording I/O controller stopped: " + e);
            }
        }
    }

    private byte[] answer(byte[] request, boolean[] now) {
        int function = request[1] & 0xFF;
        int w1 = ModbusRtu.word(request, 2);
        int w2 = ModbusRtu.word(request, 4);
        switch (function) {
            case ModbusRtu.READ_DISCRETE_INPUTS:
                return w1 + w2 <= 4 ? ModbusRtu.bitsResponse(unit, function, Arrays.copyOfRange(now, w1, w1 + w2))
                        : ModbusRtu.exceptionResponse(unit, function, 2);
            case ModbusRtu.WRITE_SINGLE_COIL:
                if (w1 > 2) {
                    return ModbusRtu.exceptionResponse(unit, function, 2);
                }
                // Coils 0 and 1 are momentary: ON for the pulse time, then OFF by themselves.
                coilOnUntil[w1] = w2 == ModbusRtu.COIL_ON
                        ? (w1 == 2 ? Long.MAX_VALUE : System.nanoTime() + pulseRegister * 10_000_000L) : 0;
                return request;
            case ModbusRtu.READ_COILS:
                if (w1 + w2 > 3) {
                    return ModbusRtu.exceptionResponse(unit, function, 2);
                }
                boolean[] coils = new boolean[w2];
                for (int i = 0; i < w2; i++) {
                    coils[i] = coilOnUntil[w1 + i] - System.nanoTime() > 0;
                }
                return ModbusRtu.bitsResponse(unit, function, coils);
            case ModbusRtu.WRITE_SINGLE_REGISTER:
                if (w1 != 0 || w2 < 1 || w2 > 500) {
                    return ModbusRtu.exceptionResponse(unit, function, w1 != 0 ? 2 : 3);
                }
                pulseRegister = w2;
                return request;
            case ModbusRtu.READ_HOLDING_REGISTERS:
                return ModbusRtu.registersResponse(unit, new int[] {pulseRegister});
            default:
                return ModbusRtu.exceptionResponse(unit, function, 1);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
