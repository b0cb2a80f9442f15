package io.parkgate.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How to run the simulated hardware.
 *
 * @param start          simulated time at start
 * @param speed          simulated seconds per real second while anything happens (idle time is
 *                       skipped); at most 10 keeps a 1 s safety-loop dwell visible to a 50 ms poll
 * @param seed           seeds every random choice (timings, misreads, traffic)
 * @param ephemeralPorts serve TCP devices on free ports (0) instead of the site file's ports
 * @param ptyDir         where pseudo-terminal links go when the site file's serial path is not used
 * @param armTravel      barrier arm travel time, 1..6 s
 * @param bindHost       address TCP devices listen on
 */
public record SimulatorOptions(Instant start, double speed, long seed, boolean ephemeralPorts, Path ptyDir,
                               Duration armTravel, String bindHost) {

    /** Above this speed a 1 s safety-loop dwell lasts less than two 50 ms agent polls. */
    public static final double MAX_SAFE_SPEED = 10;
    /**
     * The longest simulated time one agent poll interval may span: two polls within the shortest 1 s
     * safety-loop dwell. The simulator refuses speeds above this for the site's slowest poll.
     */
    public static final Duration MAX_BLIND_TIME = Duration.ofMillis(500);

    public SimulatorOptions {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(armTravel, "armTravel");
        if (speed <= 0 || speed > 1000 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("speed must be > 0 and <= 1000, was " + speed);
        }
        if (armTravel.compareTo(Duration.ofSeconds(1)) < 0 || armTravel.compareTo(Duration.ofSeconds(6)) > 0) {
            throw new IllegalArgumentException("arm travel must be 1..6 s, was " + armTravel);
        }
        bindHost = bindHost == null ? "127.0.0.1" : bindHost;
    }

    /** For tests and the all-in-one launcher: free ports, ×10, 2 s arm travel. */
    public static SimulatorOptions forTests(Instant start, long seed, Path ptyDir) {
        return new SimulatorOptions(start, MAX_SAFE_SPEED, seed, true, ptyDir, Duration.ofSeconds(2), "127.0.0.1");
    }
}
