package io.parkgate.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    /** Verifies the doubling from the first delay to the cap, and that the cap holds however long it fails. */
    @Test
    void doublesUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
        assertEquals(Duration.ofMillis(250), b.delayAfter(1));
        assertEquals(Duration.ofMillis(500), b.delayAfter(2));
        assertEquals(Duration.ofSeconds(16), b.delayAfter(7));
        assertEquals(Duration.ofSeconds(30), b.delayAfter(8));
        assertEquals(Duration.ofSeconds(30), b.delayAfter(Integer.MAX_VALUE));
    }

    /** Verifies that a back-off that could spin or never start is refused. */
    @Test
    void refusesZeroAndInverted() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
