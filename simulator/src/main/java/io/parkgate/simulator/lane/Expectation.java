package io.parkgate.simulator.lane;

import java.time.Duration;

/**
 * What a scenario expects the barrier to do for one vehicle, counted from when it stops on the
 * arming loop.
 */
public record Expectation(Outcome outcome, Duration within) {

    public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(10);

    public enum Outcome {
        /** The arm is fully up within {@code within}. */
        OPENS,
        /** The arm does not open within {@code within}: the vehicle is held. */
        HELD
    }
}
