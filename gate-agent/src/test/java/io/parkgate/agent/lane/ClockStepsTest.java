package io.parkgate.agent.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClockStepsTest {

    private final MutableClock wall = new MutableClock(Instant.parse("2000-01-01T00:00:00Z"));
    private final AtomicLong monotonic = new AtomicLong(123_456_789L);
    private final ClockSteps steps = new ClockSteps(wall, monotonic::get);

    private void elapse(Duration d) {
        wall.advance(d);
        monotonic.addAndGet(d.toNanos());
    }

    /** Verifies that time passing on both counts is no step, however long it was since the last look. */
    @Test
    void timePassingIsNoStep() {
        elapse(Duration.ofMillis(100));
        assertEquals(Duration.ZERO, steps.sinceLast());
        elapse(Duration.ofDays(3));
        assertEquals(Duration.ZERO, steps.sinceLast());
    }

    /** Verifies that a clock set forward (a dead battery's PC finding the time) is told once, by its size. */
    @Test
    void aStepForwardIsToldOnce() {
        elapse(Duration.ofMillis(100));
        wall.set(Instant.parse("2026-12-07T21:00:00Z"));
        elapse(Duration.ofMillis(100));
        Duration step = steps.sinceLast();
        assertEquals(Duration.between(Instant.parse("2000-01-01T00:00:00.100Z"), Instant.parse("2026-12-07T21:00:00Z")),
                step);
        elapse(Duration.ofMillis(100));
        assertEquals(Duration.ZERO, steps.sinceLast(), "told twice");
    }

    /** Verifies that a clock set back is told as a negative step. */
    @Test
    void aStepBackIsNegative() {
        elapse(Duration.ofSeconds(5));
        wall.advance(Duration.ofHours(-8)); // local time taken for UTC
        assertEquals(Duration.ofHours(-8), steps.sinceLast());
    }

    /**
     * Verifies that less than a second between the two counts is no step: the moment between reading them, or a
     * time server slewing the clock; and that such differences are not added up into one.
     */
    @Test
    void lessThanASecondIsNoStep() {
        for (int i = 0; i < 10; i++) {
            wall.advance(Duration.ofMillis(600));
            assertEquals(Duration.ZERO, steps.sinceLast());
        }
        wall.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(1), steps.sinceLast());
    }

    /** Verifies that a clock with no monotonic count beside it (the demo's, a test's) is never seen to step. */
    @Test
    void aClockWithoutAMonotonicCountNeverSteps() {
        ClockSteps following = new ClockSteps(wall, null);
        wall.advance(Duration.ofHours(3));
        assertEquals(Duration.ZERO, following.sinceLast());
        wall.advance(Duration.ofHours(-5));
        assertEquals(Duration.ZERO, following.sinceLast());
    }
}
