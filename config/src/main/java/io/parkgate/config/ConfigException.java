package io.parkgate.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A site file that cannot be used. The message lists every problem found, one per line, each naming
 * file, line, key path, what was found and what was expected: print {@link #getMessage()} to the user,
 * not the stack trace.
 */
public final class ConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public ConfigException(String file, List<ConfigProblem> problems) {
        super(format(file, problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(String file, List<ConfigProblem> problems) {
        String head = file + ": " + problems.size() + (problems.size() == 1 ? " configuration error"
                : " configuration errors");
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
