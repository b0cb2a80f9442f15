package io.parkgate.agent.lane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Notices the wall clock being stepped (set by hand, or corrected at once by a time server's first answer after the
 * PC booted with a dead clock battery) by comparing how far it moved with how far a monotonic count did. The lane's
 * waits are anchored on the wall clock, where its stamps come from; a step tells how far to move the anchors so that
 * a wait keeps its length rather than ending at once or starting again.
 */
final class ClockSteps {

    /**
     * Smaller differences are the few milliseconds between reading the two, or a time server slewing the clock
     * (at most half a millisecond a second): nothing a lane's wait of seconds would notice.
     */
    static final Duration NOTICED = Duration.ofSeconds(1);

    private final Clock clock;
    private final LongSupplier monotonicNanos;
    private Instant lastWall;
    private long lastMonotonic;

    /**
     * @param monotonicNanos a count of nanoseconds that moves with real time whatever is done to {@code clock}
     *                       ({@link System#nanoTime()} beside the PC's own clock), or null for a clock that is not
     *                       the PC's (the demo's accelerated clock, which skips idle time; a test's hand-set one):
     *                       its own pace is the only one there is, so it is never seen to step
     */
    ClockSteps(Clock clock, LongSupplier monotonicNanos) {
        this.clock = clock;
        this.monotonicNanos = monotonicNanos;
        this.lastWall = monotonicNanos == null ? null : clock.instant();
        this.lastMonotonic = monotonicNanos == null ? 0 : monotonicNanos.getAsLong();
    }

    /** How far the wall clock was stepped since the last call (forward positive), or zero below {@link #NOTICED}. */
    Duration sinceLast() {
        if (monotonicNanos == null) {
            return Duration.ZERO;
        }
        Instant wall = clock.instant();
        long monotonic = monotonicNanos.getAsLong();
        Duration step = Duration.between(lastWall, wall).minusNanos(monotonic - lastMonotonic);
        lastWall = wall;
        lastMonotonic = monotonic;
        return step.abs().compareTo(NOTICED) < 0 ? Duration.ZERO : step;
    }
}
