package io.parkgate.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerRotationTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    /**
     * Verifies that a failed broker hands over to the next one at once, and that the back-off is waited only
     * after every broker of the list has failed in a row, doubling per such round.
     */
    @Test
    void goesRoundTheListBeforeBackingOff() {
        BrokerRotation r = new BrokerRotation(List.of("tcp://a:1", "tcp://b:2", "tcp://c:3"), BACKOFF);

        assertEquals("tcp://a:1", r.current());
        assertEquals(Duration.ZERO, r.failed());
        assertEquals("tcp://b:2", r.current());
        assertEquals(Duration.ZERO, r.failed());
        assertEquals("tcp://c:3", r.current());
        assertEquals(Duration.ofMillis(100), r.failed());
        assertEquals("tcp://a:1", r.current());
        r.failed();
        r.failed();
        assertEquals(Duration.ofMillis(200), r.failed());
    }

    /**
     * Verifies that after a connection the broker that worked is tried first next time (a dead first broker does
     * not delay every reconnect), and the back-off starts again from its first delay.
     */
    @Test
    void staysWithTheBrokerThatWorked() {
        BrokerRotation r = new BrokerRotation(List.of("tcp://a:1", "tcp://b:2"), BACKOFF);
        r.failed();
        r.failed();
        r.failed();
        r.failed(); // two full rounds failed
        assertEquals("tcp://a:1", r.current());
        r.failed();
        assertEquals("tcp://b:2", r.current());
        r.connected();

        // b is lost later: the first attempt is b again, then a, then the back-off from its start.
        assertEquals("tcp://b:2", r.current());
        assertEquals(Duration.ZERO, r.failed());
        assertEquals("tcp://a:1", r.current());
        assertEquals(Duration.ofMillis(100), r.failed());
    }

    /** Verifies that one broker behaves as before: the back-off after every failure. */
    @Test
    void oneBrokerBacksOffAfterEachFailure() {
        BrokerRotation r = new BrokerRotation(List.of("tcp://a:1"), BACKOFF);
        assertEquals(Duration.ofMillis(100), r.failed());
        assertEquals(Duration.ofMillis(200), r.failed());
        assertEquals("tcp://a:1", r.current());
    }

    /** Verifies that an empty list or a repeated broker is refused. */
    @Test
    void refusesEmptyAndRepeatedLists() {
        assertThrows(IllegalArgumentException.class, () -> new BrokerRotation(List.of(), BACKOFF));
        assertThrows(IllegalArgumentException.class,
                () -> new BrokerRotation(List.of("tcp://a:1", "tcp://a:1"), BACKOFF));
    }
}
