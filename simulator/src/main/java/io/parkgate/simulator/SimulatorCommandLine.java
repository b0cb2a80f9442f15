package io.parkgate.simulator;

import io.parkgate.cli.CommandLines;
import io.parkgate.config.DurationText;
import io.parkgate.simulator.traffic.TrafficMix;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The simulator's command line, parsed and checked once into typed values. Help goes to standard output; a
 * wrong option is named on standard error with the closest real one.
 */
@Command(name = "SimulatorMain", sortOptions = false, description = "Runs the simulated hardware of a site file"
        + " for separately started agents or real test equipment: prints where each device is served, plays a"
        + " scenario and/or random traffic, and prints the report.")
public final class SimulatorCommandLine {

    @Option(names = "--site", required = true, paramLabel = "FILE",
            description = "site file (YAML); every lane's devices are simulated where it says")
    private Path site;

    @Option(names = "--scenario", paramLabel = "FILE", description = "play a scenario (docs/simulator.md)")
    private Path scenario;

    @Option(names = "--traffic", paramLabel = "N", description = "random traffic, N arrivals per hour at the peaks")
    private double trafficPerHour;

    @Option(names = "--mix", paramLabel = "k=w,...",
            description = "traffic mix weights, e.g. resident=70,temporary=20,forced=2")
    private String mix;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "how long random traffic arrives and leaves, simulated (default: 24h)")
    private Duration duration = Duration.ofHours(24);

    @Option(names = "--speed", paramLabel = "X",
            description = "simulated seconds per real second while busy (default: ${DEFAULT-VALUE}, max safe 10)")
    private double speed = SimulatorOptions.MAX_SAFE_SPEED;

    @Option(names = "--seed", paramLabel = "N", description = "seeds every random choice (default: ${DEFAULT-VALUE})")
    private long seed = 1;

    @Option(names = "--start", paramLabel = "T", converter = StartConverter.class,
            description = "simulated start, e.g. 2026-11-23T07:00:00+08:00 (default: now)")
    private Instant start;

    @Option(names = "--pty-dir", paramLabel = "DIR",
            description = "put serial devices' pseudo-terminals here instead of the site's paths")
    private Path ptyDir;

    @Option(names = "--ephemeral", description = "TCP devices on free ports instead of the site's")
    private boolean ephemeral;

    @Option(names = "--arm-travel", paramLabel = "D", converter = DurationConverter.class,
            description = "barrier arm travel time (default: 2s)")
    private Duration armTravel = Duration.ofSeconds(2);

    @Option(names = "--owners", paramLabel = "N",
            description = "population size for traffic and --registry-out, 1 to 100000 (default: ${DEFAULT-VALUE})")
    private int owners = 300;

    @Option(names = "--registry-out", paramLabel = "FILE",
            description = "write the population's registry as JSON (to seed central)")
    private Path registryOut;

    @Option(names = "--events-out", paramLabel = "FILE", description = "write every event, tab-separated, at the end")
    private Path eventsOut;

    @Option(names = "--wait-for-agents", paramLabel = "D", converter = DurationConverter.class,
            description = "start the clock once every device has its agent connected (give up after D)")
    private Duration waitForAgents;

    @SuppressWarnings("UnusedVariable") // picocli sets it and prints the help
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    private boolean help;

    private SimulatorCommandLine() {
    }

    /**
     * @throws CommandLines.Exit after printing help (status 0) or what was wrong (status 2)
     */
    public static SimulatorCommandLine parse(PrintWriter out, PrintWriter err, String... args) {
        SimulatorCommandLine o = new SimulatorCommandLine();
        CommandLines.parse(new CommandLine(o), out, err, "", (cl, c) -> o.check(cl), args);
        return o;
    }

    private void check(CommandLine cl) {
        range(cl, "--traffic", trafficPerHour, 0, 10_000);
        range(cl, "--speed", speed, 0.1, 1000);
        range(cl, "--owners", owners, 1, 100_000);
        if (armTravel.compareTo(Duration.ofSeconds(1)) < 0 || armTravel.compareTo(Duration.ofSeconds(6)) > 0) {
            throw new ParameterException(cl, "--arm-travel " + armTravel.toSeconds() + "s is out of range: 1s to 6s");
        }
        if (mix != null) {
            try {
                TrafficMix.parse(mix, 1); // fail now, not mid-run
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, "--mix '" + mix + "': " + e.getMessage());
            }
        }
    }

    private static void range(CommandLine cl, String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ParameterException(cl, option + " " + value + " is out of range: " + min + " to " + max);
        }
    }

    /** Durations as the site files write them: 30s, 15min, 2h, 1h30min. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationText.parse(value).orElseThrow(() -> new TypeConversionException("'" + value
                    + "' is not " + DurationText.FORMAT));
        }
    }

    /** A date-time with its offset, as a lane's clock reads it. */
    static final class StartConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value
                        + "' is not a date-time with offset, e.g. 2026-11-23T07:00:00+08:00");
            }
        }
    }

    public Path site() {
        return site;
    }

    /** A scenario file to play, or null. */
    public Path scenario() {
        return scenario;
    }

    /** Random traffic's peak rate, or 0 for none. */
    public double trafficPerHour() {
        return trafficPerHour;
    }

    /** Random traffic's mix, or null for the typical one. */
    public String mix() {
        return mix;
    }

    /** How long random traffic arrives (simulated). */
    public Duration duration() {
        return duration;
    }

    public double speed() {
        return speed;
    }

    public long seed() {
        return seed;
    }

    /** Simulated start, or null for the wall clock's now. */
    public Instant start() {
        return start;
    }

    public Path ptyDir() {
        return ptyDir;
    }

    public boolean ephemeral() {
        return ephemeral;
    }

    public Duration armTravel() {
        return armTravel;
    }

    /** Population size (owners) for random traffic and --registry-out. */
    public int owners() {
        return owners;
    }

    /** Where to write the population's registry (JSON), or null. */
    public Path registryOut() {
        return registryOut;
    }

    /** Where to write the event list (tab-separated), or null. */
    public Path eventsOut() {
        return eventsOut;
    }

    /** How long to wait for every lane's agent to connect before the clock starts, or null to start at once. */
    public Duration waitForAgents() {
        return waitForAgents;
    }
}
