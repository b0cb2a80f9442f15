package io.parkgate.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off between reconnection attempts: {@code initial}, doubled after each failed
 * attempt, capped at {@code max}.
 */
public record Backoff(Duration initial, Duration max) {

    /** 100 ms, 200 ms, 400 ms … 5 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    /** The delay before attempt {@code failures + 1}, after {@code failures} (>= 1) failed ones. */
    public Duration delayAfter(int failures) {
        Duration d = initial;
        for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
