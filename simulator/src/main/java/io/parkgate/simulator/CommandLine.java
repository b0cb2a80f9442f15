package io.parkgate.simulator;

import io.parkgate.config.DurationText;
import io.parkgate.simulator.traffic.TrafficMix;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's command line, parsed once into typed values.
 *
 * @param scenario      a scenario file to play, or null
 * @param trafficPerHour random traffic's peak rate, or 0 for none
 * @param mix           random traffic's mix, or null for the typical one
 * @param duration      how long random traffic arrives (simulated)
 * @param start         simulated start, or null for the wall clock's now
 * @param owners        population size (owners) for random traffic and --registry-out
 * @param registryOut   where to write the population's registry (JSON), or null
 * @param eventsOut     where to write the event list (tab-separated), or null
 * @param waitForAgents how long to wait for every lane's agent to connect to its devices before the
 *                      clock starts (separately started agents), or null to start at once
 */
public record CommandLine(Path site, Path scenario, double trafficPerHour, String mix, Duration duration,
                          double speed, long seed, Instant start, Path ptyDir, boolean ephemeral, Duration armTravel,
                          int owners, Path registryOut, Path eventsOut, Duration waitForAgents) {

    public static final String USAGE = """
            usage: SimulatorMain --site FILE [options]
              --site FILE            site file (YAML); every lane's devices are simulated where it says
              --scenario FILE        play a scenario (docs/simulator.md)
              --traffic N            random traffic, N arrivals per hour at the peaks
              --mix k=w,...          traffic mix weights, e.g. resident=70,temporary=20,forced=2
              --duration D           how long random traffic arrives (default 24h, simulated)
              --speed X              simulated seconds per real second while busy (default 10, max safe 10)
              --seed N               seeds every random choice (default 1)
              --start T              simulated start, e.g. 2026-11-23T07:00:00+08:00 (default now)
              --pty-dir DIR          put serial devices' pseudo-terminals here instead of the site's paths
              --ephemeral            TCP devices on free ports instead of the site's
              --arm-travel D         barrier arm travel time 1s..6s (default 2s)
              --owners N             population size for traffic and --registry-out (default 300)
              --registry-out FILE    write the population's registry as JSON (to seed central)
              --events-out FILE      write every event, tab-separated, at the end
              --wait-for-agents D    start the clock once every device has its agent connected (give up after D)
            """;

    /**
     * @throws IllegalArgumentException saying which option was wrong and what was expected
     */
    public static CommandLine parse(String... args) {
        Path site = null;
        Path scenario = null;
        double traffic = 0;
        String mix = null;
        Duration duration = Duration.ofHours(24);
        double speed = SimulatorOptions.MAX_SAFE_SPEED;
        long seed = 1;
        Instant start = null;
        Path ptyDir = null;
        boolean ephemeral = false;
        Duration armTravel = Duration.ofSeconds(2);
        int owners = 300;
        Path registryOut = null;
        Path eventsOut = null;
        Duration waitForAgents = null;
        List<String> a = new ArrayList<>(List.of(args));
        while (!a.isEmpty()) {
            String opt = a.remove(0);
            if (opt.equals("--ephemeral")) {
                ephemeral = true;
                continue;
            }
            if (a.isEmpty()) {
                throw new IllegalArgumentException(opt + " needs a value");
            }
            String v = a.remove(0);
            switch (opt) {
                case "--site" -> site = Path.of(v);
                case "--scenario" -> scenario = Path.of(v);
                case "--traffic" -> traffic = number(opt, v, 0.01, 10_000);
                case "--mix" -> mix = v;
                case "--duration" -> duration = duration(opt, v);
                case "--speed" -> speed = number(opt, v, 0.1, 1000);
                case "--seed" -> seed = (long) number(opt, v, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--start" -> {
                    try {
                        start = OffsetDateTime.parse(v).toInstant();
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--start '" + v
                                + "' is not a date-time with offset, e.g. 2026-11-23T07:00:00+08:00");
                    }
                }
                case "--pty-dir" -> ptyDir = Path.of(v);
                case "--arm-travel" -> armTravel = duration(opt, v);
                case "--owners" -> owners = (int) number(opt, v, 1, 100_000);
                case "--registry-out" -> registryOut = Path.of(v);
                case "--events-out" -> eventsOut = Path.of(v);
                case "--wait-for-agents" -> waitForAgents = duration(opt, v);
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        if (site == null) {
            throw new IllegalArgumentException("--site FILE is required");
        }
        if (mix != null) {
            TrafficMix.parse(mix, 1); // fail now, not mid-run
        }
        return new CommandLine(site, scenario, traffic, mix, duration, speed, seed, start, ptyDir, ephemeral,
                armTravel, owners, registryOut, eventsOut, waitForAgents);
    }

    private static double number(String opt, String v, double min, double max) {
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(opt + " '" + v + "' is not a number between " + min + " and " + max);
    }

    private static Duration duration(String opt, String v) {
        try {
            return DurationText.parse(v).orElseThrow(() -> new IllegalArgumentException(opt + " '" + v + "' is not "
                    + DurationText.FORMAT));
        } catch (IllegalArgumentException e) {
            throw e;
        }
    }
}
