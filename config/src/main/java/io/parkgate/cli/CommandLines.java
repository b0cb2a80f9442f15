package io.parkgate.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every parkgate program reads its command line (picocli underneath): help goes to standard output and
 * ends the program with status 0; a mistake is named on standard error, with the closest real option or
 * command, and ends it with status 2.
 */
public final class CommandLines {

    /** Status of a command line the program could not run. */
    public static final int USAGE = 2;

    private CommandLines() {
    }

    /** What the command line asked for instead of a run: the exit status, after printing. */
    public static final class Exit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Parses {@code args} into {@code top}'s command (or the subcommand they name) and runs {@code check} on it
     * (which throws {@link ParameterException} for values the options' types cannot refuse).
     *
     * @param prefix put before a mistake's message ({@code "parkgate-agent: "}), or ""
     * @return the chosen command's object: {@code top}'s own, or the deepest subcommand's
     * @throws Exit after printing help (status 0) or what was wrong (status 2)
     */
    public static Object parse(CommandLine top, PrintWriter out, PrintWriter err, String prefix,
                               BiConsumer<CommandLine, Object> check, String... args) {
        try {
            CommandLine last = top;
            for (CommandLine.ParseResult p = top.parseArgs(args); p != null; p = p.subcommand()) {
                last = p.commandSpec().commandLine();
                if (last.isUsageHelpRequested()) {
                    last.usage(out);
                    out.flush();
                    throw new Exit(0);
                }
            }
            Object command = last.getCommand();
            check.accept(last, command);
            return command;
        } catch (ParameterException e) {
            return refuse(err, prefix + e.getMessage(), e);
        }
    }

    /**
     * For the tools run from a shell (benchmarks, the recogniser's commands): fills {@code options}, a picocli
     * {@code @Command}, from {@code args}. Help is printed and the program exits 0; a mistake is named with the
     * closest real option and the program exits {@link #USAGE}.
     */
    public static <T> T parseOrExit(T options, String... args) {
        try {
            parse(new CommandLine(options), new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8), "", (cl, o) -> { }, args);
            return options;
        } catch (Exit e) {
            System.exit(e.status());
            return options;
        }
    }

    /** Names what was wrong on {@code err} and ends with {@link #USAGE}. */
    public static Object refuse(PrintWriter err, String message) {
        return refuse(err, message, null);
    }

    private static Object refuse(PrintWriter err, String message, ParameterException e) {
        err.println(message);
        if (e != null) {
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run with --help for every option.");
        }
        err.flush();
        throw new Exit(USAGE);
    }
}
