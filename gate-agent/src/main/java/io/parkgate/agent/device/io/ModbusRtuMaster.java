package io.parkgate.agent.device.io;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.transport.ByteLink;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.port.DeviceFaultException;
import io.parkgate.protocol.HexDump;
import io.parkgate.protocol.modbus.ModbusException;
import io.parkgate.protocol.modbus.ModbusFault;
import io.parkgate.protocol.modbus.ModbusRtu;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modbus RTU master on one {@link DeviceConnection}: one transaction at a time, on its own thread.
 *
 * <p>Commands ({@link #command}) are retried up to {@code retries} times after a timeout, CRC error
 * or malformed answer, then fail with {@link DeviceFaultException} and the device goes FAULT. They
 * always go before the periodic poll, which the master thread schedules itself, so an OPEN never
 * waits behind queued polls (only behind a transaction already on the wire). Before each request
 * stale input is dropped and the bus must have been silent for 3.5 character times.
 *
 * <p>Futures complete on the Modbus thread: dependents must be quick or use the {@code *Async}
 * variants, or they hold up the bus.
 */
public final class ModbusRtuMaster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusRtuMaster.class);

    /** Longest response of any function: unit, function, byte count, 255 data bytes, CRC. */
    private static final int MAX_ADU = 260;
    /** Modbus RTU fixes t3.5 at 1.75 ms above 19200 baud. */
    private static final long FAST_SILENCE_NANOS = 1_750_000L;

    /** What the master does on its own: set-up writes after each (re)connect, and the periodic poll. */
    public record Schedule(List<byte[]> setupRequests, byte[] pollRequest, Duration pollInterval) {
        public Schedule {
            setupRequests = List.copyOf(setupRequests);
            Objects.requireNonNull(pollRequest, "pollRequest");
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("poll interval must be positive, got " + pollInterval);
            }
        }
    }

    /** Called on the Modbus thread; must return quickly. */
    public interface Listener {

        /** The set-up writes succeeded on a fresh link; the next poll is the first of this link. */
        void connected();

        /** The poll's response data (after the function code, before the CRC). */
        void polled(byte[] data);

        void pollFailed(ModbusException failure);
    }

    /**
     * What the master checks around one command, on the bus, with nothing in between.
     *
     * @param pollAllows      when not null, the schedule's poll is run just before the command and its data
     *                        (also handed to {@link Listener#polled}) must satisfy this, or the command is
     *                        withheld: not written, completed with null
     * @param readBack        when not null, a read run after a lost or garbled reply before the command is
     *                        tried again; if {@code readBackDone} accepts its data the command was carried
     *                        out and is not repeated (a pulse must not be given twice)
     * @param readBackDone    judges {@code readBack}'s data
     */
    public record Guard(java.util.function.Predicate<byte[]> pollAllows, byte[] readBack,
                        java.util.function.Predicate<byte[]> readBackDone) {

        public static final Guard NONE = new Guard(null, null, null);
    }

    /** @param go null for a command to write at once; else when it may be written, see {@link #command(byte[],
     *           Guard, CompletableFuture)} */
    private record Request(byte[] adu, Guard guard, CompletableFuture<byte[]> result, long queuedNanos,
                           CompletableFuture<Long> go) {
    }

    private static final Request STOP = new Request(new byte[0], Guard.NONE, new CompletableFuture<>(), 0, null);
    /** Wakes the master from a poll hold that ended early; carries no work. */
    private static final Request WAKE = new Request(new byte[0], Guard.NONE, new CompletableFuture<>(), 0, null);
    /** How long the master stays awake for a command's go-ahead before parking: a journal commit's usual time. */
    private static final long GO_SPIN_NANOS = 2_000_000L;
    /** The end of a bus silence is waited for awake, not parked, for this long. */
    private static final long SILENCE_SPIN_NANOS = 250_000L;
    /** A go-ahead that never comes is a bug upstream; the bus must not stop for it. */
    private static final long GO_PATIENCE_NANOS = 5_000_000_000L;
    private static final long GO_NEVER = Long.MIN_VALUE;
    /**
     * How much older than the bus silence a guard's reading may be when its command goes on the wire. On real
     * equipment the loops are then read a silence and a request (about 12 ms at 9600 baud) before the relay moves;
     * this bounds what a descheduled thread adds to that.
     */
    static final long GUARD_SLACK_NANOS = 5_000_000L;
    /** Readings tried for a guarded command before it is withheld as unreadable in time. */
    static final int GUARD_READS = 4;

    /** Where the time of the command being executed went, for {@link DeviceMetrics#commandTiming}. */
    private long silenceWaitNanos;
    private long writeNanos;

    private final DeviceConnection connection;
    private final Duration responseTimeout;
    private final int retries;
    private final long silenceNanos;
    private final Schedule schedule;
    private final Listener listener;
    private final DeviceMetrics metrics;
    private final BlockingQueue<Request> commands = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final byte[] rx = new byte[MAX_ADU];

    private volatile boolean running = true;
    /** Until when (System.nanoTime) a due poll waits for a command that may come; see {@link #holdPolls}. */
    private volatile long pollsHeldUntil;
    private volatile boolean pollsHeld;
    private long lastActivityNanos;
    /**
     * The function code of a request that timed out, or -1: its reply may still come. RTU has no transaction id,
     * so a late reply would read as the answer to the next request of the same function (a loop reading from
     * before a car reached the loop as the one that allows CLOSE). Before such a request the line must stay quiet
     * for a whole response timeout; what comes meanwhile is dropped. A request of another function (the
     * read-back after a lost OPEN reply) cannot be answered by it, as its reply would not parse: it goes after
     * the usual silence, in time to see the pulse it looks for.
     */
    private int owedFunction = -1;
    private long nextPollNanos;
    private boolean setupPending;
    private int failedPolls;

    /**
     * @param baud the RS-485 bus baud rate, which sets the inter-frame silence (for a serial-device
     *             server: the rate of its serial side)
     */
    public ModbusRtuMaster(String threadName, DeviceConnection connection, Duration responseTimeout, int retries,
                           int baud, Schedule schedule, Listener listener, DeviceMetrics metrics) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (retries < 0 || baud <= 0) {
            throw new IllegalArgumentException("retries >= 0 and baud > 0 expected, got " + retries + ", " + baud);
        }
        this.retries = retries;
        this.silenceNanos = silenceNanos(baud);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** 3.5 character times of 11 bits (Modbus counts start, 8 data, parity or 2nd stop, stop). */
    static long silenceNanos(int baud) {
        return baud > 19_200 ? FAST_SILENCE_NANOS : 38_500_000_000L / baud;
    }

    public void start() {
        thread.start();
    }

    /**
     * Queues a command (a complete request ADU) ahead of any poll.
     *
     * @return completes with the response data, or exceptionally with {@link DeviceFaultException}
     */
    public CompletableFuture<byte[]> command(byte[] request) {
        return command(request, Guard.NONE);
    }

    /**
     * Queues a command with its {@link Guard}.
     *
     * @return completes with the response data, with null when the guard's fresh poll withheld it, or
     *         exceptionally with {@link DeviceFaultException}
     */
    public CompletableFuture<byte[]> command(byte[] request, Guard guard) {
        return command(request, guard, null);
    }

    /**
     * Queues a command that may be written only once {@code go} completes with the {@link System#nanoTime()} at
     * which it was allowed (a negative value: not to be written; the command then completes with null). The
     * master takes it at once and waits out the bus silence, then stays awake for the go-ahead: the thread
     * wake-up and the silence overlap whatever {@code go} waits for (OPEN: the passage's commit).
     *
     * @return completes with the response data, with null when withheld, or exceptionally with
     *         {@link DeviceFaultException}
     */
    public CompletableFuture<byte[]> command(byte[] request, Guard guard, CompletableFuture<Long> go) {
        Objects.requireNonNull(guard, "guard");
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new DeviceFaultException(connection.device() + " master is closed", null));
            return result;
        }
        commands.add(new Request(request, guard, result, System.nanoTime(), go));
        if (!running) {
            failAll("master closed"); // closed while we queued: nobody else will answer it
        }
        return result;
    }

    /**
     * Keeps a poll that falls due in the next {@code atMost} off the bus until {@link #releasePolls} (or until
     * {@code atMost} has passed), so that a command expected meanwhile does not find a poll transaction on the wire
     * and then wait out the bus silence behind it. The lane asks for this while it decides on a vehicle just
     * identified: a poll a millisecond late costs nothing, an OPEN four milliseconds late is the driver's wait. A
     * poll already on the wire is not affected; commands are never held.
     */
    public void holdPolls(Duration atMost) {
        pollsHeldUntil = System.nanoTime() + atMost.toNanos();
        pollsHeld = true;
    }

    /** Ends {@link #holdPolls}: a poll that fell due meanwhile goes now. */
    public void releasePolls() {
        if (pollsHeld) {
            pollsHeld = false;
            commands.add(WAKE);
        }
    }

    @SuppressWarnings("ReferenceEquality") // STOP and WAKE are sentinels: only those objects mean them
    private void run() {
        try {
            while (running) {
                ByteLink link = connection.current();
                if (link == null) {
                    link = connection.tryConnect();
                    if (link == null) {
                        waitWhileDisconnected();
                        continue;
                    }
                    // A fresh link: set the controller up (and read its inputs) before anything else.
                    setupPending = true;
                    failedPolls = 0;
                    lastActivityNanos = System.nanoTime();
                    nextPollNanos = lastActivityNanos;
                    pollCycle(link);
                    continue;
                }
                Request next = commands.poll();
                if (next == null) {
                    long now = System.nanoTime();
                    long untilPoll = nextPollNanos - now;
                    long held = pollsHeld ? pollsHeldUntil - now : 0;
                    if (untilPoll <= 0 && held > 0) {
                        next = commands.poll(held, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            pollsHeld = false; // the hold ran out: the poll goes
                            continue;
                        }
                    } else if (untilPoll <= 0) {
                        // The poll's bus silence is waited here, open to commands: an OPEN arriving now
                        // goes first instead of queueing behind a poll that is not on the wire yet.
                        long quietLeft = silenceNanos - (System.nanoTime() - lastActivityNanos);
                        next = quietLeft > 0 ? commands.poll(quietLeft, TimeUnit.NANOSECONDS) : null;
                        if (next == null) {
                            pollCycle(link);
                            continue;
                        }
                    } else {
                        next = commands.poll(untilPoll, TimeUnit.NANOSECONDS);
                    }
                    if (next == null) {
                        continue;
                    }
                }
                if (next == STOP) {
                    break;
                }
                if (next == WAKE) {
                    continue;
                }
                execute(link, next);
            }
        } catch (RuntimeException e) {
            // Only a bug gets here (a listener that threw): stop loudly rather than hang commands.
            LOG.error("{} Modbus master stopped by an unexpected error", connection.device(), e);
            running = false;
            connection.faulted("master stopped: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failAll("master closed");
        }
    }

    @SuppressWarnings("ReferenceEquality") // STOP and WAKE are sentinels: only those objects mean them
    private void waitWhileDisconnected() throws InterruptedException {
        Request r = commands.poll(Math.max(1, connection.nanosUntilRetry()), TimeUnit.NANOSECONDS);
        if (r != null && r != STOP && r != WAKE) {
            LOG.warn("{} request {} refused: not connected ({})", connection.device(),
                    HexDump.of(r.adu(), r.adu().length), connection.state());
            metrics.modbusError(ModbusFault.DISCONNECTED);
            r.result().completeExceptionally(new DeviceFaultException(connection.device() + " not connected ("
                    + connection.state() + ")", new ModbusException(ModbusFault.DISCONNECTED, "no link")));
        } else if (r == STOP) {
            running = false;
        }
    }

    private void execute(ByteLink link, Request request) {
        long dequeued = System.nanoTime();
        silenceWaitNanos = -1;
        try {
            if (setupPending) {
                setUp(link); // the controller may have been power-cycled while it was silent
            }
            Guard guard = request.guard();
            if (guard.pollAllows() != null && !freshPollAllows(link, guard, request.adu()[1])) {
                connection.healthy("polls answered");
                request.result().complete(null);
                return;
            }
            long queued = dequeued - request.queuedNanos();
            long silenceAfterGo = 0;
            if (request.go() != null) {
                long silenceFrom = System.nanoTime();
                try {
                    // while the go-ahead is prepared; checked again right before the write
                    awaitSilence(link, request.adu()[1]);
                } catch (IOException e) {
                    throw lost(e);
                }
                long silenceDone = System.nanoTime();
                long allowedAt = awaitGo(request.go());
                if (allowedAt == GO_NEVER) {
                    LOG.error("{} no go-ahead for {} within {} ms: not written", connection.device(),
                            HexDump.of(request.adu(), request.adu().length),
                            TimeUnit.NANOSECONDS.toMillis(GO_PATIENCE_NANOS));
                    request.result().completeExceptionally(new DeviceFaultException(connection.device()
                            + " command not written: no go-ahead", null));
                    return;
                }
                if (allowedAt < 0) {
                    request.result().complete(null);
                    return;
                }
                // Timed from the go-ahead, as if queued then: what came before it overlapped the journal. The
                // silence still to wait at the go-ahead counts as silence, the rest as the queue.
                silenceAfterGo = Math.max(0, silenceDone - Math.max(silenceFrom, allowedAt));
                queued = Math.max(0, System.nanoTime() - allowedAt - silenceAfterGo);
            }
            silenceWaitNanos = -1;
            byte[] data = transact(link, request.adu(), 1 + retries, guard);
            metrics.commandTiming(Duration.ofNanos(queued),
                    Duration.ofNanos(silenceAfterGo + Math.max(0, silenceWaitNanos)), Duration.ofNanos(writeNanos));
            connection.healthy("command answered");
            request.result().complete(data);
        } catch (ModbusException e) {
            if (e.kind() != ModbusFault.SLAVE_EXCEPTION) {
                setupPending = true; // silent or garbled: set it up afresh once it answers again
            }
            String what = "request " + HexDump.of(request.adu(), request.adu().length) + " failed: "
                    + e.getMessage();
            LOG.warn("{} {}", connection.device(), what);
            if (e.kind() == ModbusFault.DISCONNECTED) {
                connection.lost(e.getMessage());
            } else {
                connection.faulted(what);
            }
            request.result().completeExceptionally(new DeviceFaultException(connection.device() + " " + what, e));
        }
    }

    /**
     * Runs the poll a guarded command depends on and judges it, until its answer is at most
     * {@link #GUARD_SLACK_NANOS} older, when the command can go on the wire, than the bus silence makes it
     * anyway. A reading held up longer (this thread descheduled on a busy lane PC, a slow listener) no longer
     * says what the loops show now: it is read again, up to {@link #GUARD_READS} times in all.
     *
     * @return true when a fresh enough reading allows the command; false when a reading forbids it or none was
     *         fresh enough (the command is withheld either way)
     */
    private boolean freshPollAllows(ByteLink link, Guard guard, byte command) throws ModbusException {
        for (int read = 1; ; read++) {
            byte[] fresh = transact(link, schedule.pollRequest(), 1 + retries, Guard.NONE);
            long answeredAt = lastActivityNanos;
            notify(() -> listener.polled(fresh));
            if (!guard.pollAllows().test(fresh)) {
                return false;
            }
            try {
                awaitSilence(link, command); // the write cannot go sooner than this; the age is judged from here
            } catch (IOException e) {
                throw lost(e);
            }
            long age = System.nanoTime() - answeredAt;
            if (age - silenceNanos <= GUARD_SLACK_NANOS) {
                return true;
            }
            metrics.guardReadStale();
            if (read == GUARD_READS) {
                LOG.warn("{} command withheld: {} readings in a row were too old when it could go (last {} us)",
                        connection.device(), GUARD_READS, age / 1000);
                return false;
            }
            LOG.debug("{} reading {} us old when the command could go: read again", connection.device(), age / 1000);
        }
    }

    /**
     * Waits for a command's go-ahead, awake for {@link #GO_SPIN_NANOS} and parked after that. It does not yield
     * while awake: a yield hands the core to whatever else is runnable there for a whole time slice.
     *
     * @return when it was given, a negative value when the command is not to be written, or {@link #GO_NEVER}
     */
    private long awaitGo(CompletableFuture<Long> go) {
        long spinUntil = System.nanoTime() + GO_SPIN_NANOS;
        while (!go.isDone() && System.nanoTime() - spinUntil < 0) {
            Thread.onSpinWait();
        }
        try {
            Long at = go.get(GO_PATIENCE_NANOS, TimeUnit.NANOSECONDS);
            return at == null ? -1 : at;
        } catch (java.util.concurrent.ExecutionException e) {
            return -1; // the go-ahead failed: nothing is written
        } catch (java.util.concurrent.TimeoutException e) {
            return GO_NEVER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GO_NEVER;
        }
    }

    private void pollCycle(ByteLink link) {
        nextPollNanos += schedule.pollInterval().toNanos();
        long now = System.nanoTime();
        if (nextPollNanos - now < 0) {
            // Fell behind (retries, a slow bus): do not fire a burst of catch-up polls.
            nextPollNanos = now + schedule.pollInterval().toNanos();
        }
        try {
            if (setupPending) {
                setUp(link);
            }
            // A poll is not retried: the next one comes soon, and commands may be waiting.
            byte[] data = transact(link, schedule.pollRequest(), 1, Guard.NONE);
            failedPolls = 0;
            connection.healthy("polls answered");
            notify(() -> listener.polled(data));
        } catch (ModbusException e) {
            if (e.kind() == ModbusFault.DISCONNECTED) {
                connection.lost(e.getMessage());
            } else if (++failedPolls > retries) {
                setupPending = true; // it may come back power-cycled: write the pulse time again first
                connection.faulted(failedPolls + " polls in a row failed, last: " + e.getMessage());
            }
            if (e.kind() == ModbusFault.TIMEOUT || e.kind() == ModbusFault.DISCONNECTED) {
                LOG.debug("{} poll failed: {}", connection.device(), e.getMessage());
            } else {
                // A bad frame or a slave exception is news, not silence: counted and said once.
                LOG.warn("{} poll answered badly: {}", connection.device(), e.getMessage());
            }
            notify(() -> listener.pollFailed(e));
        }
    }

    /** Writes the set-up (pulse time) and tells the listener that the next poll is the first of this contact. */
    private void setUp(ByteLink link) throws ModbusException {
        for (byte[] setup : schedule.setupRequests()) {
            transact(link, setup, 1 + retries, Guard.NONE);
        }
        setupPending = false;
        notify(listener::connected);
    }

    /** A listener's bug must not stop the bus: logged, and the master carries on. */
    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("{} poll listener failed", connection.device(), e);
        }
    }

    /** Runs one request with up to {@code attempts} tries; I/O errors end it at once as DISCONNECTED. */
    private byte[] transact(ByteLink link, byte[] request, int attempts, Guard guard) throws ModbusException {
        long started = System.nanoTime();
        try {
            ModbusException first = null;
            ModbusException last = null;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                if (attempt > 1) {
                    metrics.modbusRetry();
                    if (guard.readBack() != null && last.kind() != ModbusFault.SLAVE_EXCEPTION
                            && carriedOut(link, guard)) {
                        LOG.warn("{} reply to {} lost ({}); read-back shows it carried out: not repeated",
                                connection.device(), HexDump.of(request, request.length), first.getMessage());
                        return java.util.Arrays.copyOfRange(request, 2, request.length - 2);
                    }
                }
                try {
                    byte[] data = once(link, request);
                    if (attempt > 1) {
                        // Said once per retried request, with what went wrong first; each retry is counted.
                        LOG.warn("{} request {} answered after {} retr{} (first: {})", connection.device(),
                                HexDump.of(request, request.length), attempt - 1, attempt == 2 ? "y" : "ies",
                                first.getMessage());
                    }
                    return data;
                } catch (IOException e) {
                    throw lost(e);
                } catch (ModbusException e) {
                    metrics.modbusError(e.kind());
                    LOG.debug("{} attempt {}: {}", connection.device(), attempt, e.getMessage());
                    first = first == null ? e : first;
                    last = e;
                    // The slave answered deliberately: asking again changes nothing, unless it was busy.
                    if (e.kind() == ModbusFault.SLAVE_EXCEPTION && e.exceptionCode() != 6) {
                        break;
                    }
                }
            }
            throw last;
        } finally {
            metrics.modbusTransaction(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** The link failed under a transaction: counted, and the transaction ends as DISCONNECTED. */
    private ModbusException lost(IOException e) {
        metrics.modbusError(ModbusFault.DISCONNECTED);
        return new ModbusException(ModbusFault.DISCONNECTED, String.valueOf(e.getMessage()));
    }

    /** One read-back after a lost reply; a failed read-back says nothing, so the command is tried again. */
    private boolean carriedOut(ByteLink link, Guard guard) throws ModbusException {
        try {
            return guard.readBackDone().test(once(link, guard.readBack()));
        } catch (IOException e) {
            throw lost(e);
        } catch (ModbusException e) {
            metrics.modbusError(e.kind());
            LOG.debug("{} read-back failed: {}", connection.device(), e.getMessage());
            return false;
        }
    }

    private byte[] once(ByteLink link, byte[] request) throws IOException, ModbusException {
        long waiting = System.nanoTime();
        awaitSilence(link, request[1]);
        long writing = System.nanoTime();
        link.write(request);
        long sent = System.nanoTime();
        if (silenceWaitNanos < 0) { // the first attempt's, of the command being timed
            silenceWaitNanos = writing - waiting;
            writeNanos = sent - writing;
        }
        lastActivityNanos = sent;
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} -> {}", connection.device(), HexDump.of(request, request.length));
        }
        long deadline = sent + responseTimeout.toNanos();
        int received = 0;
        int expected = -1;
        while (expected < 0 || received < expected) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                owedFunction = request[1];
                lastActivityNanos = System.nanoTime(); // the drain is counted from giving the reply up
                throw new ModbusException(ModbusFault.TIMEOUT, received == 0
                        ? "no response within " + responseTimeout.toMillis() + " ms"
                        : "incomplete response within " + responseTimeout.toMillis() + " ms: "
                                + HexDump.of(rx, received));
            }
            // Until the length is known, read no more than the shortest response (5 bytes) can hold.
            int want = expected < 0 ? 3 - received : expected - received;
            int n = link.read(rx, received, Math.max(1, want), (int) Math.max(1, (left + 999_999) / 1_000_000));
            if (n > 0) {
                received += n;
                lastActivityNanos = System.nanoTime();
                expected = ModbusRtu.expectedResponseLength(request, rx, received);
                if (expected > MAX_ADU) {
                    throw new ModbusException(ModbusFault.MALFORMED,
                            "response claims " + expected + " bytes: " + HexDump.of(rx, received));
                }
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} <- {}", connection.device(), HexDump.of(rx, received));
        }
        byte[] data = ModbusRtu.checkResponse(request, rx, received);
        checkByteCount(request, data);
        return data;
    }

    /** A read answer must carry exactly the bits or registers asked for. */
    private static void checkByteCount(byte[] request, byte[] data) throws ModbusException {
        int function = request[1] & 0xFF;
        int count = ModbusRtu.word(request, 4);
        int wanted = switch (function) {
            case ModbusRtu.READ_COILS, ModbusRtu.READ_DISCRETE_INPUTS -> (count + 7) / 8;
            case ModbusRtu.READ_HOLDING_REGISTERS -> count * 2;
            default -> -1;
        };
        if (wanted >= 0 && (data.length < 1 || (data[0] & 0xFF) != wanted)) {
            throw new ModbusException(ModbusFault.MALFORMED,
                    "byte count " + (data.length < 1 ? -1 : data[0] & 0xFF) + ", expected " + wanted);
        }
    }

    /**
     * Drops stale bytes and waits, by listening, until the bus has been silent for 3.5 character times (a
     * whole response timeout before a request of the function that timed out, see {@link #owedFunction}); a
     * line that never goes quiet within the response timeout beyond that is an error.
     */
    private void awaitSilence(ByteLink link, byte nextFunction) throws IOException, ModbusException {
        int dropped = link.discardInput();
        long now = System.nanoTime();
        if (dropped > 0) {
            lastActivityNanos = now;
        }
        boolean lateReplyFits = owedFunction == nextFunction;
        long needed = lateReplyFits ? Math.max(silenceNanos, responseTimeout.toNanos()) : silenceNanos;
        long giveUp = now + responseTimeout.toNanos() + (lateReplyFits ? needed : 0);
        while (true) {
            long quiet = now - lastActivityNanos;
            if (quiet >= needed) {
                break;
            }
            if (now - giveUp > 0) {
                throw new ModbusException(ModbusFault.MALFORMED,
                        "bus not silent for " + responseTimeout.toMillis() + " ms (" + dropped + " stray bytes)");
            }
            // Wait exactly what is left of the 3.5 characters, then look for bytes that came meanwhile: a
            // read with a millisecond timeout would round 4.01 ms up to 5 (or to the port's tick). A parked
            // thread wakes a tenth of a millisecond or more late (timer slack, an idle core's wake-up): park
            // until shortly before the end and stay awake for the rest, so a command waiting here (an OPEN
            // behind a poll's reply) goes on the wire when the bus allows it.
            long left = needed - quiet;
            if (left > SILENCE_SPIN_NANOS) {
                java.util.concurrent.locks.LockSupport.parkNanos(left - SILENCE_SPIN_NANOS);
            } else {
                while (System.nanoTime() - lastActivityNanos < needed) {
                    Thread.onSpinWait();
                }
            }
            int n = link.discardInput();
            now = System.nanoTime();
            if (n > 0) {
                dropped += n;
                lastActivityNanos = now;
            }
        }
        if (lateReplyFits && dropped > 0) {
            LOG.warn("{} dropped {} bytes that came after a timed-out request (a late reply): not taken for the next",
                    connection.device(), dropped);
        } else if (dropped > 0) {
            LOG.debug("{} dropped {} stale bytes before a request", connection.device(), dropped);
        }
        if (lateReplyFits) {
            owedFunction = -1;
        }
    }

    private void failAll(String reason) {
        Request r;
        while ((r = commands.poll()) != null) {
            r.result().completeExceptionally(new DeviceFaultException(connection.device() + " " + reason,
                    new ModbusException(ModbusFault.DISCONNECTED, reason)));
        }
    }

    /** Stops the thread, fails queued commands and closes the connection. */
    @Override
    public void close() {
        running = false;
        commands.add(STOP);
        connection.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll("master closed");
    }
}
