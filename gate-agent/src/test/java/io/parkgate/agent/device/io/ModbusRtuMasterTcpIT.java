package io.parkgate.agent.device.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkgate.agent.device.MicrometerDeviceMetrics;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.TransportFactory;
import io.parkgate.agent.port.DeviceFaultException;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.config.TransportUri;
import io.parkgate.protocol.modbus.ModbusException;
import io.parkgate.protocol.modbus.ModbusFault;
import io.parkgate.protocol.modbus.ModbusRtu;
import io.parkgate.retry.Backoff;
import io.parkgate.testing.Await;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The master against a hand-written slave behind TCP: timeouts, CRC errors, exceptions, retries, priority. */
class ModbusRtuMasterTcpIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final byte[] SETUP = ModbusRtu.writeSingleRegister(1, 0, 30);
    private static final byte[] POLL = ModbusRtu.readDiscreteInputs(1, 0, 4);
    private static final byte[] OPEN = HexFormat.of().parseHex("01050000FF008C3A");
    private static final byte[] CLOSE = ModbusRtu.writeSingleCoil(1, 1, true);

    private final RecordingLaneEventSink sink = new RecordingLaneEventSink();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<byte[]> polled = new CopyOnWriteArrayList<>();
    private final List<ModbusException> pollFailures = new CopyOnWriteArrayList<>();
    /** Runs on the master's thread with each poll's data, between the poll and what the master does next. */
    private volatile java.util.function.Consumer<byte[]> whenPolled = data -> { };
    private ScriptedTcpSlave slave;
    private ModbusRtuMaster master;

    @AfterEach
    void tearDown() throws Exception {
        if (master != null) {
            master.close();
        }
        if (slave != null) {
            slave.close();
        }
    }

    private void start(UnaryOperator<byte[]> script, Duration timeout, Duration pollInterval) throws Exception {
        slave = new ScriptedTcpSlave(script);
        MicrometerDeviceMetrics metrics = new MicrometerDeviceMetrics(registry, "E1");
        DeviceConnection connection = new DeviceConnection(LaneDevice.IO_CONTROLLER,
                new TransportFactory().opener(TransportUri.tcp("127.0.0.1", slave.port())),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)), sink, metrics);
        master = new ModbusRtuMaster("test-master", connection, timeout, 2, 9600,
                new ModbusRtuMaster.Schedule(List.of(SETUP), POLL, pollInterval),
                new ModbusRtuMaster.Listener() {
                    @Override
                    public void connected() {
                    }

                    @Override
                    public void polled(byte[] data) {
                        polled.add(data);
                        whenPolled.accept(data);
                    }

                    @Override
                    public void pollFailed(ModbusException failure) {
                        pollFailures.add(failure);
                    }
                }, metrics);
        master.start();
        Await.until(WAIT, "first poll answered", () -> !polled.isEmpty());
    }

    private double errors(ModbusFault kind) {
        return registry.get(MicrometerDeviceMetrics.MODBUS_ERRORS).tag("reason", kind.name()).counter().count();
    }

    private double retries() {
        return registry.get(MicrometerDeviceMetrics.MODBUS_RETRIES).counter().count();
    }

    private double staleGuards() {
        return registry.get(MicrometerDeviceMetrics.MODBUS_GUARD_STALE).counter().count();
    }

    private static boolean isCoilWrite(byte[] r) {
        return r[1] == ModbusRtu.WRITE_SINGLE_COIL;
    }

    private static ModbusException failureOf(CompletableFuture<byte[]> f) throws InterruptedException {
        try {
            f.get(5, TimeUnit.SECONDS);
            throw new AssertionError("command succeeded");
        } catch (ExecutionException e) {
            DeviceFaultException fault = assertInstanceOf(DeviceFaultException.class, e.getCause());
            return assertInstanceOf(ModbusException.class, fault.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("command never completed", e);
        }
    }

    /** Verifies that set-up, poll and an OPEN go out as exactly the expected bytes and the echo completes the command.
     * */
    @Test
    void writesExactBytesAndCompletesOnEcho() throws Exception {
        boolean[] inputs = {true, false, false, true};
        start(r -> ScriptedTcpSlave.healthy(r, inputs), Duration.ofMillis(200), Duration.ofHours(1));
        assertArrayEquals(SETUP, slave.requests.get(0));
        assertArrayEquals(POLL, slave.requests.get(1));
        assertEquals(0b1001, polled.get(0)[1]);

        byte[] echo = master.command(OPEN).get(2, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {0, 0, (byte) 0xFF, 0}, echo);
        assertArrayEquals(OPEN, slave.requests.get(2));
        assertEquals(DeviceState.CONNECTED, sink.lastState());
    }

    /**
     * Verifies that a silent slave gets the command exactly three times, at least 200 ms apart (a timeout, then the
     * quiet a late reply is waited out in), then a fault and state FAULT.
     */
    @Test
    void timeoutRetriesTwiceThenFaults() throws Exception {
        boolean[] inputs = new boolean[4];
        start(r -> isCoilWrite(r) ? null : ScriptedTcpSlave.healthy(r, inputs), Duration.ofMillis(200),
                Duration.ofHours(1));
        double retriesBefore = retries();
        double timeoutsBefore = errors(ModbusFault.TIMEOUT);
        long started = System.nanoTime();
        ModbusException e = failureOf(master.command(OPEN));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ModbusFault.TIMEOUT, e.kind());
        List<byte[]> sent = slave.requests(ModbusRtu.WRITE_SINGLE_COIL);
        assertEquals(3, sent.size(), "one try and two retries");
        sent.forEach(r -> assertArrayEquals(OPEN, r));
        // Only the lower bound is the protocol's (three full 200 ms waits); an upper one would measure the machine.
        assertTrue(elapsedMs >= 600, "three 200 ms timeouts took " + elapsedMs + " ms");
        assertEquals(3, errors(ModbusFault.TIMEOUT) - timeoutsBefore);
        assertEquals(2, retries() - retriesBefore);
        Await.until(WAIT, "FAULT reported", () -> sink.lastState() == DeviceState.FAULT);
        assertTrue(sink.states.get(sink.states.size() - 1).detail().contains("no response within 200 ms"));

        slave.script(r -> ScriptedTcpSlave.healthy(r, inputs));
        master.command(OPEN).get(2, TimeUnit.SECONDS);
        Await.until(WAIT, "CONNECTED again", () -> sink.lastState() == DeviceState.CONNECTED);
    }

    /** Verifies that a response with a bad CRC is counted, retried twice and never taken as success. */
    @Test
    void crcErrorsAreRetriedAndCounted() throws Exception {
        boolean[] inputs = new boolean[4];
        start(r -> {
            byte[] answer = ScriptedTcpSlave.healthy(r, inputs);
            if (isCoilWrite(r)) {
                answer[answer.length - 1] ^= 0x55;
            }
            return answer;
        }, Duration.ofMillis(200), Duration.ofHours(1));
        double retriesBefore = retries();
        ModbusException e = failureOf(master.command(OPEN));
        assertEquals(ModbusFault.CRC, e.kind());
        assertEquals(3, slave.requests(ModbusRtu.WRITE_SINGLE_COIL).size());
        assertEquals(3, errors(ModbusFault.CRC));
        assertEquals(2, retries() - retriesBefore);
    }

    /** Verifies that an exception response fails at once (illegal address) but is retried when the slave is busy. */
    @Test
    void exceptionResponsesFailAndOnlyBusyIsRetried() throws Exception {
        boolean[] inputs = new boolean[4];
        int[] code = {2};
        start(r -> isCoilWrite(r) ? ModbusRtu.exceptionResponse(1, ModbusRtu.WRITE_SINGLE_COIL, code[0])
                : ScriptedTcpSlave.healthy(r, inputs), Duration.ofMillis(200), Duration.ofHours(1));
        ModbusException e = failureOf(master.command(OPEN));
        assertEquals(ModbusFault.SLAVE_EXCEPTION, e.kind());
        assertEquals(2, e.exceptionCode());
        assertEquals(1, slave.requests(ModbusRtu.WRITE_SINGLE_COIL).size(), "a deliberate answer is not retried");

        code[0] = 6;
        e = failureOf(master.command(OPEN));
        assertEquals(6, e.exceptionCode());
        assertEquals(4, slave.requests(ModbusRtu.WRITE_SINGLE_COIL).size(), "busy: one try and two retries");
        assertEquals(4, errors(ModbusFault.SLAVE_EXCEPTION));
        Await.until(WAIT, "FAULT reported", () -> sink.lastState() == DeviceState.FAULT);
    }

    /** Verifies that a command goes out before the next poll even while polls are due back to back. */
    @Test
    void commandsOvertakePolls() throws Exception {
        boolean[] inputs = new boolean[4];
        start(r -> ScriptedTcpSlave.healthy(r, inputs), Duration.ofMillis(200), Duration.ofMillis(1));
        Await.until(WAIT, "polls flowing", () -> polled.size() > 20);
        for (int i = 0; i < 20; i++) {
            int before = slave.requests.size();
            master.command(OPEN).get(2, TimeUnit.SECONDS);
            List<byte[]> after = slave.requests.subList(before, slave.requests.size());
            int pollsFirst = 0;
            while (!isCoilWrite(after.get(pollsFirst))) {
                pollsFirst++;
            }
            assertTrue(pollsFirst <= 1, "command waited behind " + pollsFirst + " polls");
        }
    }

    /**
     * Verifies that polls held while the lane decides stay off the bus, that the command the hold was for goes
     * first, and that polling resumes when the hold is released.
     */
    @Test
    void heldPollsLeaveTheBusToTheCommand() throws Exception {
        boolean[] inputs = new boolean[4];
        start(r -> ScriptedTcpSlave.healthy(r, inputs), Duration.ofMillis(200), Duration.ofMillis(1));
        Await.until(WAIT, "polls flowing", () -> polled.size() > 20);
        master.holdPolls(Duration.ofMinutes(1));
        int atHold = slave.requests.size();
        // A poll whose silence was already being waited out when the hold came may still go: at most one.
        Thread.sleep(300); // an observation window, not a timing assumption: with polls due every 1 ms, 300 are due
        int duringHold = slave.requests.size() - atHold;
        assertTrue(duringHold <= 1, duringHold + " polls went out while held");

        master.command(OPEN).get(2, TimeUnit.SECONDS);
        List<byte[]> after = slave.requests.subList(atHold + duringHold, slave.requests.size());
        assertTrue(isCoilWrite(after.get(0)), "the command went first");

        master.releasePolls();
        int released = polled.size();
        Await.until(WAIT, "polls flowing again", () -> polled.size() > released + 5);
    }

    /** Verifies that a hold nobody releases ends by itself: the lane cannot stop the polls for long. */
    @Test
    void pollHoldEndsByItself() throws Exception {
        boolean[] inputs = new boolean[4];
        start(r -> ScriptedTcpSlave.healthy(r, inputs), Duration.ofMillis(200), Duration.ofMillis(1));
        Await.until(WAIT, "polls flowing", () -> polled.size() > 5);
        long held = System.nanoTime();
        master.holdPolls(Duration.ofMillis(200));
        int atHold = polled.size();
        Await.until(WAIT, "polls after the hold ran out", () -> polled.size() > atHold + 5);
        // Only the lower bound is the hold's: six polls cannot all have gone before it ran out.
        assertTrue(System.nanoTime() - held >= 200_000_000L, "polls resumed before the hold ran out");
    }

    /** Verifies that back-to-back requests keep 3.5 character times (4 ms at 9600 baud) of silence after each answer.
     * */
    @Test
    void keepsInterFrameSilence() throws Exception {
        boolean[] inputs = new boolean[4];
        start(r -> ScriptedTcpSlave.healthy(r, inputs), Duration.ofMillis(200), Duration.ofMillis(1));
        Await.until(WAIT, "polls flowing", () -> slave.requestNanos.size() > 30);
        List<Long> times = List.copyOf(slave.requestNanos);
        long shortest = Long.MAX_VALUE;
        for (int i = 1; i < times.size(); i++) {
            shortest = Math.min(shortest, times.get(i) - times.get(i - 1));
        }
        // The slave answers at once, so request-to-request is answer-to-request plus microseconds
        // (less any scheduling delay of the slave's own timestamps on a busy machine).
        assertTrue(shortest >= 3_500_000, "shortest gap " + shortest / 1000 + " us");
        assertEquals(4_010_416, ModbusRtuMaster.silenceNanos(9600));
        assertEquals(1_750_000, ModbusRtuMaster.silenceNanos(115_200));
    }

    /** The master's thread held up between a reading and the write, as a busy lane PC may deschedule it. */
    private static void heldUp() {
        try {
            Thread.sleep(10 * (ModbusRtuMaster.GUARD_SLACK_NANOS + ModbusRtuMaster.silenceNanos(9600)) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean loopsClear(byte[] data) {
        return !ModbusRtu.bit(data, 0) && !ModbusRtu.bit(data, 1);
    }

    private static final ModbusRtuMaster.Guard CLOSE_GUARD =
            new ModbusRtuMaster.Guard(ModbusRtuMasterTcpIT::loopsClear, null, null);

    /**
     * Verifies that a guarded command whose reading was held up past its bound is read again before the write:
     * a car that reached the loop meanwhile withholds it, where the old reading would have let it go.
     */
    @Test
    void aGuardReadingHeldUpIsReadAgainBeforeTheWrite() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean arming = new java.util.concurrent.atomic.AtomicBoolean();
        start(r -> ScriptedTcpSlave.healthy(r, new boolean[] {arming.get(), false, true, false}),
                Duration.ofMillis(200), Duration.ofHours(1));
        java.util.concurrent.atomic.AtomicInteger holdUps = new java.util.concurrent.atomic.AtomicInteger(1);
        whenPolled = data -> {
            if (holdUps.getAndDecrement() > 0) {
                arming.set(true); // the next car reaches the arming loop just after the controller answered
                heldUp();
            }
        };
        int pollsBefore = slave.requests(ModbusRtu.READ_DISCRETE_INPUTS).size();

        byte[] result = master.command(CLOSE, CLOSE_GUARD)
                .get(2, TimeUnit.SECONDS);
        assertNull(result, "withheld");
        assertTrue(slave.requests(ModbusRtu.WRITE_SINGLE_COIL).isEmpty(), "CLOSE never went on the wire");
        assertEquals(2, slave.requests(ModbusRtu.READ_DISCRETE_INPUTS).size() - pollsBefore, "read again once");
        assertEquals(1, staleGuards());
        assertTrue(ModbusRtu.bit(polled.get(polled.size() - 1), 0), "the listener heard the car");
    }

    /**
     * Verifies that a guarded command is withheld when no reading is fresh in time (a thread held up each time),
     * and written at once when one is.
     */
    @Test
    void aGuardedCommandIsWithheldWhenNoReadingIsFreshInTime() throws Exception {
        start(r -> ScriptedTcpSlave.healthy(r, new boolean[] {false, false, true, false}),
                Duration.ofMillis(200), Duration.ofHours(1));
        whenPolled = data -> heldUp();
        int pollsBefore = slave.requests(ModbusRtu.READ_DISCRETE_INPUTS).size();
        assertNull(master.command(CLOSE, CLOSE_GUARD).get(5, TimeUnit.SECONDS));
        assertTrue(slave.requests(ModbusRtu.WRITE_SINGLE_COIL).isEmpty(), "CLOSE never went on the wire");
        assertEquals(ModbusRtuMaster.GUARD_READS,
                slave.requests(ModbusRtu.READ_DISCRETE_INPUTS).size() - pollsBefore);
        assertEquals(ModbusRtuMaster.GUARD_READS, staleGuards());

        whenPolled = data -> { };
        // Not held up, a reading is fresh at once; a busy machine may still need a second one.
        assertArrayEquals(new byte[] {0, 1, (byte) 0xFF, 0},
                master.command(CLOSE, CLOSE_GUARD).get(5, TimeUnit.SECONDS));
        assertArrayEquals(CLOSE, slave.requests(ModbusRtu.WRITE_SINGLE_COIL).get(0));
    }

    /**
     * Verifies that a reply that comes after its request timed out is not taken for the answer to the repeat: the
     * guard's first reading times out, its late answer (loops clear, read before the car came) arrives after the
     * repeat could have gone, and CLOSE must not go on it. Modbus RTU has no transaction id: only waiting out the
     * late reply tells them apart.
     */
    @Test
    void aLateReplyIsNotTakenForTheAnswerToTheNextRequest() throws Exception {
        Duration timeout = Duration.ofMillis(500);
        java.util.concurrent.atomic.AtomicBoolean arming = new java.util.concurrent.atomic.AtomicBoolean();
        start(r -> ScriptedTcpSlave.healthy(r, new boolean[] {arming.get(), false, true, false}),
                timeout, Duration.ofHours(1));
        java.util.concurrent.atomic.AtomicBoolean slowOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        slave.script(r -> {
            byte[] answer = ScriptedTcpSlave.healthy(r, new boolean[] {arming.get(), false, true, false});
            if (r[1] == ModbusRtu.READ_DISCRETE_INPUTS && slowOnce.getAndSet(false)) {
                arming.set(true); // the next car reaches the loop while the controller is slow to answer
                try {
                    // Halfway between the timeout and twice it: the master has given this reply up, and either
                    // thread may run late by a quarter of a second on a loaded machine without leaving that window.
                    Thread.sleep(timeout.toMillis() * 3 / 2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return answer;
        });

        byte[] result = master.command(CLOSE, CLOSE_GUARD).get(5, TimeUnit.SECONDS);
        assertTrue(slave.requests(ModbusRtu.WRITE_SINGLE_COIL).isEmpty(),
                "CLOSE went on the wire on the late reply of a reading taken before the car came");
        assertNull(result, "withheld");
        assertTrue(ModbusRtu.bit(polled.get(polled.size() - 1), 0), "the listener heard the car");
    }

    /**
     * Verifies that an answer to another request never completes a write: CLOSE answered with OPEN's echo, or by
     * another unit, is malformed, retried, and fails; it is never taken as CLOSE carried out.
     */
    @Test
    void anEchoOfAnotherWriteOrUnitIsNeverTakenForTheCommand() throws Exception {
        boolean[] inputs = new boolean[4];
        start(r -> ScriptedTcpSlave.healthy(r, inputs), Duration.ofMillis(200), Duration.ofHours(1));
        slave.script(r -> java.util.Arrays.equals(r, CLOSE) ? OPEN.clone() : ScriptedTcpSlave.healthy(r, inputs));
        ModbusException e = failureOf(master.command(CLOSE));
        assertEquals(ModbusFault.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("not echoed"), e.getMessage());
        assertEquals(3, slave.requests(ModbusRtu.WRITE_SINGLE_COIL).size(), "one try and two retries");

        slave.script(r -> java.util.Arrays.equals(r, CLOSE) ? ModbusRtu.writeSingleCoil(2, 1, true)
                : ScriptedTcpSlave.healthy(r, inputs));
        e = failureOf(master.command(CLOSE));
        assertEquals(ModbusFault.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("from unit 2"), e.getMessage());
    }

    /** Verifies that failed polls turn the device FAULT after the retry budget, without retrying each poll. */
    @Test
    void failingPollsFaultTheDevice() throws Exception {
        boolean[] inputs = new boolean[4];
        start(r -> ScriptedTcpSlave.healthy(r, inputs), Duration.ofMillis(100), Duration.ofMillis(20));
        double retriesBefore = retries();
        slave.script(r -> r[1] == ModbusRtu.READ_DISCRETE_INPUTS ? null : ScriptedTcpSlave.healthy(r, inputs));
        Await.until(WAIT, "FAULT reported", () -> sink.lastState() == DeviceState.FAULT);
        assertTrue(pollFailures.size() >= 3, "fault after three failed polls, saw " + pollFailures.size());
        assertEquals(retriesBefore, retries(), "polls are not retried");
        slave.script(r -> ScriptedTcpSlave.healthy(r, inputs));
        Await.until(WAIT, "CONNECTED again", () -> sink.lastState() == DeviceState.CONNECTED);
    }
}
