package io.parkgate.simulator.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The benchmarks' command lines: picocli fills an options object; help and mistakes end the program here. */
final class BenchCommand {

    private BenchCommand() {
    }

    /**
     * Fills {@code options} (a picocli {@code @Command}) from {@code args}. Prints help and exits 0 when asked;
     * prints what was wrong, with the closest real option, and exits 2 on a mistake.
     */
    static <T> T parse(T options, String... args) {
        CommandLine cl = new CommandLine(options);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            err.println(e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run with --help for every option.");
            System.exit(2);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
            System.exit(0);
        }
        return options;
    }
}
