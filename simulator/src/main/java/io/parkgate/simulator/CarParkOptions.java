package io.parkgate.simulator;

import io.parkgate.cli.CommandLines;
import io.parkgate.config.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The car park's command line (README command 1), parsed and checked once. Help goes to standard output;
 * a wrong option is named on standard error with the closest real option, and the program exits 2.
 */
@Command(name = "java -jar simulator/target/parkgate-carpark.jar", sortOptions = false,
        description = "Runs the whole car park on this machine: central with its broker and console, one gate agent"
                + " per lane, every lane's hardware simulated, random traffic on an accelerated clock.")
public final class CarParkOptions {

    /** Marks a data folder the car park made, so that a fresh run may empty it without asking. */
    static final String MARKER = ".parkgate-carpark";
    static final double MAX_HOURS = 7 * 24;

    @Option(names = "--site", paramLabel = "FILE", description = "site file (default: ${DEFAULT-VALUE})")
    private Path site = Path.of("config/examples/compound-imaging.yaml");

    @Option(names = "--hours", paramLabel = "H",
            description = "simulated hours of traffic (arrivals and departures), more than 0 and at most 168"
                    + " (default: ${DEFAULT-VALUE})")
    private double hours = 4;

    @Option(names = "--speed", paramLabel = "X", description = "simulated seconds per real second while vehicles"
            + " move, 0.1 to 10; idle time is skipped whatever the speed (default: ${DEFAULT-VALUE})")
    private double speed = SimulatorOptions.MAX_SAFE_SPEED;

    @Option(names = "--per-hour", paramLabel = "N",
            description = "arrivals per hour at the peak, 1 to 1000 (default: ${DEFAULT-VALUE})")
    private double perHour = 40;

    @Option(names = "--seed", paramLabel = "N",
            description = "seeds the population and the traffic (default: ${DEFAULT-VALUE})")
    private long seed = 1;

    @Option(names = "--data", paramLabel = "DIR", description = "where central and the agents keep their files;"
            + " emptied at start unless --keep-data (default: ${DEFAULT-VALUE})")
    private Path data = Path.of("var/carpark");

    @Option(names = "--keep-data", description = "start on the previous run's files: registry, register, open"
            + " stays (cars still inside from that run then arrive as ALREADY_INSIDE)")
    private boolean keepData;

    @Option(names = "--keep-running", description = "keep central and the console up after the traffic ends")
    private boolean keepRunning;

    @SuppressWarnings("UnusedVariable") // picocli sets it and prints the help
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    private boolean help;

    private CarParkOptions() {
    }

    /**
     * @throws CommandLines.Exit after printing help (status 0) or what was wrong (status 2)
     */
    public static CarParkOptions parse(PrintWriter out, PrintWriter err, String... args) {
        CarParkOptions o = new CarParkOptions();
        CommandLines.parse(new picocli.CommandLine(o), out, err, "", (cl, c) -> o.check(cl), args);
        return o;
    }

    private void check(picocli.CommandLine cl) {
        if (!(hours > 0 && hours <= MAX_HOURS)) {
            throw new ParameterException(cl, "--hours " + hours + " is out of range: more than 0 and at most "
                    + (int) MAX_HOURS + " simulated hours");
        }
        if (!(speed >= 0.1 && speed <= SimulatorOptions.MAX_SAFE_SPEED)) {
            throw new ParameterException(cl, "--speed " + speed + " is out of range: 0.1 to "
                    + SimulatorOptions.MAX_SAFE_SPEED + " (faster, a car's one-second dwell on a loop can fall between"
                    + " two of the agent's 50 ms polls, and the simulated lane would no longer be faithful)");
        }
        if (!(perHour >= 1 && perHour <= 1000)) {
            throw new ParameterException(cl, "--per-hour " + perHour + " is out of range: 1 to 1000");
        }
    }

    /**
     * Makes the data folder ready: emptied when the car park made it (and --keep-data is not given), created
     * when missing. A folder with other files in it is never emptied.
     *
     * @return its absolute path
     * @throws IllegalStateException naming the folder when it holds files the car park did not make
     */
    public Path prepareData() {
        Path dir = data.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(dir) && !keepData && !isEmpty(dir)) {
                if (!Files.exists(dir.resolve(MARKER))) {
                    throw new IllegalStateException("--data " + dir + " holds files the car park did not make;"
                            + " choose an empty or new folder, or pass --keep-data to run on it as it is");
                }
                FileTrees.deleteContents(dir);
            }
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve(MARKER))) {
                Files.writeString(dir.resolve(MARKER), "made by the parkgate car park; emptied at each start\n");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare --data " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    public Path site() {
        return site;
    }

    /** Simulated time during which vehicles arrive. */
    public Duration hours() {
        return Duration.ofMinutes(Math.round(hours * 60));
    }

    public double speed() {
        return speed;
    }

    public double perHour() {
        return perHour;
    }

    public long seed() {
        return seed;
    }

    public boolean keepData() {
        return keepData;
    }

    public boolean keepRunning() {
        return keepRunning;
    }
}
