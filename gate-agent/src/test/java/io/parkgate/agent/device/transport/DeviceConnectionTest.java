package io.parkgate.agent.device.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.retry.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeviceConnectionTest {

    private final RecordingLaneEventSink sink = new RecordingLaneEventSink();

    /** Verifies that the back-off doubles from its initial delay and stops at its maximum. */
    @Test
    void backoffDoublesUpToItsCap() {
        Backoff b = Backoff.DEFAULT;
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L),
                List.of(1, 2, 3, 4, 5, 6, 7, 50).stream().map(n -> b.delayAfter(n).toMillis()).toList());
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    /** Verifies that failed opens are reported with their reason, wait out the back-off, and a later success connects.
     * */
    @Test
    void failedOpensWaitThenConnect() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        FakeLink link = new FakeLink();
        DeviceConnection c = new DeviceConnection(LaneDevice.CARD_READER, () -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IOException("no such port /dev/ttyX");
            }
            return link;
        }, new Backoff(Duration.ofMillis(30), Duration.ofMillis(60)), sink, DeviceMetrics.NOOP);

        // Timed from before the failed attempt: a slow machine only makes the wait look longer, never shorter.
        long start = System.nanoTime();
        assertNull(c.tryConnect());
        assertEquals(DeviceState.WAITING_FOR_RETRY, c.state());
        assertTrue(c.nanosUntilRetry() > 0, "back-off pending");
        assertNull(c.tryConnect(), "no attempt before the back-off ends");
        assertEquals(1, attempts.get());
        assertTrue(c.awaitRetry());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(30).toNanos(), "waited the back-off");
        assertNull(c.tryConnect());
        assertTrue(c.awaitRetry());
        assertSame(link, c.tryConnect());
        assertEquals(DeviceState.CONNECTED, c.state());
        assertEquals(List.of(DeviceState.CONNECTING, DeviceState.WAITING_FOR_RETRY, DeviceState.CONNECTING,
                DeviceState.WAITING_FOR_RETRY, DeviceState.CONNECTING, DeviceState.CONNECTED), sink.stateSequence());
        assertTrue(sink.states.get(1).detail().contains("no such port /dev/ttyX"), sink.states.get(1).detail());
        assertTrue(sink.states.get(3).detail().contains("retry in 60 ms"), sink.states.get(3).detail());
    }

    /** Verifies that a lost link is closed and waits for a retry, and a fault and recovery are reported once each. */
    @Test
    void lostFaultAndRecovery() {
        FakeLink link = new FakeLink();
        DeviceConnection c = new DeviceConnection(LaneDevice.IO_CONTROLLER, () -> link,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(10)), sink, DeviceMetrics.NOOP);
        assertNotNull(c.tryConnect());
        c.faulted("timeout");
        c.faulted("timeout again");
        c.healthy("answering");
        c.healthy("answering");
        c.lost("peer closed");
        assertTrue(link.closed.get());
        assertNull(c.current());
        assertEquals(List.of(DeviceState.CONNECTING, DeviceState.CONNECTED, DeviceState.FAULT, DeviceState.CONNECTED,
                DeviceState.WAITING_FOR_RETRY), sink.stateSequence());
    }

    /** Verifies that closing wakes a thread waiting out a long back-off and ends in CLOSED. */
    @Test
    void closeWakesTheWaiter() throws Exception {
        DeviceConnection c = new DeviceConnection(LaneDevice.CAMERA, () -> {
            throw new IOException("refused");
        }, new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)), sink, DeviceMetrics.NOOP);
        assertNull(c.tryConnect());
        AtomicBoolean result = new AtomicBoolean(true);
        Thread waiter = new Thread(() -> {
            try {
                result.set(c.awaitRetry());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        c.close();
        waiter.join(2000);
        assertFalse(waiter.isAlive());
        assertFalse(result.get());
        assertEquals(DeviceState.CLOSED, c.state());
        assertNull(c.tryConnect());
    }

    /** A link that only records being closed. */
    static final class FakeLink implements ByteLink {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public int read(byte[] buf, int off, int len, int timeoutMillis) {
            return 0;
        }

        @Override
        public void write(byte[] data) {
        }

        @Override
        public int discardInput() {
            return 0;
        }

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
