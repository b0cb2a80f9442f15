package io.parkgate.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A scripted run: timed steps per lane (see docs/simulator.md).
 *
 * @param start simulated time the scenario begins at, or null for "now"
 * @param steps in time order
 */
public record Scenario(String name, Instant start, List<ScenarioStep> steps) {

    public Scenario {
        steps = List.copyOf(steps);
    }

    /** Offset of the last step. */
    public Duration lastStepAt() {
        return steps.isEmpty() ? Duration.ZERO : steps.get(steps.size() - 1).at();
    }
}
