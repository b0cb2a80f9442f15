package io.parkgate.simulator.lane;

import java.time.Duration;
import java.util.Random;

/**
 * How long drivers and vehicles take, in simulated time. {@code loopGap} is how long a crossing car
 * covers both loops; {@code settle} how long an emptied lane counts as busy while the arm is up. Each value is a range;
 * a seeded random picks
 * within it, so runs are repeatable.
 */
public record LaneTiming(Range moveUp, Range cardDelay, Range cardHold, Range reaction, Duration loopGap,
                         Range safetyDwell, Range forceDelay, Duration settle) {

    /** Realistic defaults: ~1–2 s on the safety loop, a driver reacting in under a second. */
    public static LaneTiming realistic() {
        return new LaneTiming(
                Range.ofMillis(1500, 3000),
                Range.ofMillis(1000, 3000),
                Range.ofMillis(600, 1500),
                Range.ofMillis(500, 1000),
                Duration.ofMillis(200),
                Range.ofMillis(1000, 2000),
                Range.ofMillis(3000, 8000),
                Duration.ofSeconds(10));
    }

    /** A closed interval of durations. */
    public record Range(Duration min, Duration max) {

        public Range {
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("range " + min + ".." + max + " is empty");
            }
        }

        public static Range ofMillis(long min, long max) {
            return new Range(Duration.ofMillis(min), Duration.ofMillis(max));
        }

        public Duration pick(Random random) {
            long span = max.toMillis() - min.toMillis();
            return min.plusMillis(span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
        }
    }
}
