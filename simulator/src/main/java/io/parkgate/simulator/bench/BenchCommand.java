package io.parkgate.simulator.bench;

import io.parkgate.cli.CommandLines;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The benchmarks' command lines: picocli fills an options object; help and mistakes end the program here. */
final class BenchCommand {

    private BenchCommand() {
    }

    /**
     * Fills {@code options} (a picocli {@code @Command}) from {@code args}. Prints help and exits 0 when asked;
     * prints what was wrong, with the closest real option, and exits 2 on a mistake.
     */
    static <T> T parse(T options, String... args) {
        try {
            CommandLines.parse(new CommandLine(options), new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8), "", (cl, o) -> { }, args);
            return options;
        } catch (CommandLines.Exit e) {
            System.exit(e.status());
            return options;
        }
    }
}
