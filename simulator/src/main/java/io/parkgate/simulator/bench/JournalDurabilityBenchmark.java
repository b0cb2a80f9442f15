package io.parkgate.simulator.bench;

import io.parkgate.cli.CommandLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What durability before OPEN costs: one passage-sized row committed in SQLite's WAL mode with
 * {@code synchronous=NORMAL} (the commit is appended to the WAL with write(2): it survives kill -9 of the
 * agent, not a power cut before the next checkpoint) against {@code synchronous=FULL} (the WAL is
 * fsync'ed on every commit: it survives a power cut too). Prints p50/p90/p99/max of the commit, per mode.
 *
 * <p>Usage: {@code JournalDurabilityBenchmark [--commits 1000] [--dir DIR]} (DIR on the disk the lane
 * store would use; default a temporary directory).
 */
public final class JournalDurabilityBenchmark {

    private JournalDurabilityBenchmark() {
    }

    /** The command line. */
    @Command(name = "JournalDurabilityBenchmark", description = "One passage-sized commit at a time in SQLite WAL"
            + " mode, synchronous=NORMAL against FULL.")
    static final class Options {
        @Option(names = "--commits", paramLabel = "N", description = "commits per mode (default: ${DEFAULT-VALUE})")
        int commits = 1000;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "a folder on the disk the lane store would use (default: a temporary folder)")
        Path dir;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    public static void main(String[] args) throws Exception {
        Options o = CommandLines.parseOrExit(new Options(), args);
        int commits = o.commits;
        Path dir = o.dir;
        dir = dir == null ? Files.createTempDirectory("parkgate-durability") : Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "journal durability: %d commits per mode in %s, load average %.2f%n",
                commits, dir, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        for (String mode : new String[] {"NORMAL", "FULL", "NORMAL", "FULL"}) {
            long[] nanos = run(dir.resolve("journal-" + mode + "-" + System.nanoTime() + ".db"), mode, commits);
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "  WAL synchronous=%-6s commit: p50=%.3f ms  p90=%.3f ms  p99=%.3f ms  "
                    + "max=%.3f ms%n", mode, ms(nanos, 0.5), ms(nanos, 0.9), ms(nanos, 0.99),
                    nanos[nanos.length - 1] / 1e6);
        }
    }

    private static long[] run(Path file, String mode, int commits) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + mode);
                s.execute("CREATE TABLE passage (event_id TEXT PRIMARY KEY, lane_id TEXT, direction TEXT, plate TEXT, "
                        + "card TEXT, at INTEGER, code TEXT, verdict TEXT, reason TEXT, payer TEXT, fee_fen INTEGER, "
                        + "remarks TEXT)");
            }
            c.setAutoCommit(false);
            long[] nanos = new long[commits];
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO passage VALUES (?, 'lane-1', 'IN', ?, ?, ?, 'RESIDENT_PASS', 'OPEN', "
                            + "'住户车辆，通行证有效', 'PASS_HOLDER', 0, NULL)")) {
                for (int i = 0; i < commits; i++) {
                    long t = System.nanoTime();
                    insert.setString(1, "event-" + i);
                    insert.setString(2, String.format(Locale.ROOT, "粤B%05d", i));
                    insert.setString(3, String.format(Locale.ROOT, "%010X", i));
                    insert.setLong(4, 1_764_800_000_000L + i);
                    insert.executeUpdate();
                    c.commit();
                    nanos[i] = System.nanoTime() - t;
                }
            }
            return nanos;
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
