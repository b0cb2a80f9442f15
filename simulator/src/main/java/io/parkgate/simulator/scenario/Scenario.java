package io.parkgate.simulator.scenario;

import io.parkgate.simulator.lane.SimulatedVehicle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A scripted run: timed steps per lane (see docs/simulator.md).
 *
 * @param start     simulated time the scenario begins at, or null for "now"
 * @param steps     in time order
 * @param residents the named vehicles marked {@code resident: true}: registered with a valid pass
 *                  by {@link ScenarioRegistry} so agents seeded with it let them through
 */
public record Scenario(String name, Instant start, List<ScenarioStep> steps, List<SimulatedVehicle> residents) {

    public Scenario {
        steps = List.copyOf(steps);
        residents = List.copyOf(residents);
    }

    public Scenario(String name, Instant start, List<ScenarioStep> steps) {
        this(name, start, steps, List.of());
    }

    /** Offset of the last step. */
    public Duration lastStepAt() {
        return steps.isEmpty() ? Duration.ZERO : steps.get(steps.size() - 1).at();
    }
}
