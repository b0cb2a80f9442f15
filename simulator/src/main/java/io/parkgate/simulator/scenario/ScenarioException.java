package io.parkgate.simulator.scenario;

import java.util.List;

/** A scenario file that cannot be run; the message lists every problem with file and key. */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ScenarioException(String source, List<String> problems) {
        super(source + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
