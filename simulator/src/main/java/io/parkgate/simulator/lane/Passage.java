package io.parkgate.simulator.lane;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one vehicle in one lane: the row of the report.
 *
 * @param armOpenAt when the arm was fully up for this vehicle, or null if it never was
 * @param crossedAt when it entered the safety loop, or null if it never crossed
 * @param goneAt    when it left the lane (passed or backed away)
 */
public record Passage(String lane, SimulatedVehicle vehicle, Instant arrivedAt, Instant onLoopAt, Instant armOpenAt,
                      Instant crossedAt, Instant goneAt, Outcome outcome) {

    public enum Outcome { PASSED, FORCED, TAILGATED, GAVE_UP }

    /** From stopping on the loop until the arm was fully up, or null. */
    public Duration waitForArm() {
        return armOpenAt == null || onLoopAt == null ? null : Duration.between(onLoopAt, armOpenAt);
    }

    public boolean passed() {
        return outcome != Outcome.GAVE_UP;
    }
}
