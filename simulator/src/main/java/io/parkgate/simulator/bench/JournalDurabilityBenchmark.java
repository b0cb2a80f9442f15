package io.parkgate.simulator.bench;

import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.store.PassageRecord;
import io.parkgate.agent.store.Payment;
import io.parkgate.cli.CommandLines;
import io.parkgate.config.Direction;
import io.parkgate.tariff.PayerCategory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What durability before OPEN costs: the lane store's own entry transaction (the register row and its stay,
 * {@link AgentStore#recordEntry}, as the lane commits it before OPEN) in SQLite's WAL mode with
 * {@code synchronous=NORMAL} (the commit is appended to the WAL with write(2): it survives kill -9 of the
 * agent, not a power cut before the next checkpoint) against {@code synchronous=FULL} (the WAL is
 * fsync'ed on every commit: it survives a power cut too), chosen with {@link AgentStore#SYNCHRONOUS_PROPERTY}.
 * One entry at a time with a pause between, as cars come, not back to back. Prints p50/p90/p99/max per mode.
 *
 * <p>Usage: {@code JournalDurabilityBenchmark [--commits 1000] [--dir DIR]} (DIR on the disk the lane
 * store would use; default a temporary directory).
 */
public final class JournalDurabilityBenchmark {

    private JournalDurabilityBenchmark() {
    }

    /** The command line. */
    @Command(name = "JournalDurabilityBenchmark", description = "The lane store's entry transaction, one at a time,"
            + " in SQLite WAL mode, synchronous=NORMAL against FULL.")
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
            long[] nanos = run(dir.resolve("journal-" + mode + "-" + System.nanoTime()), mode, commits);
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "  WAL synchronous=%-6s entry + stay: p50=%.3f ms  p90=%.3f ms  "
                    + "p99=%.3f ms  max=%.3f ms%n", mode, ms(nanos, 0.5), ms(nanos, 0.9), ms(nanos, 0.99),
                    nanos[nanos.length - 1] / 1e6);
        }
    }

    /** Pause between entries: a lane's thread is idle between cars, its caches cold when the next one comes. */
    private static final long PAUSE_NANOS = 20_000_000L;

    private static long[] run(Path dir, String mode, int commits) {
        System.setProperty(AgentStore.SYNCHRONOUS_PROPERTY, mode);
        Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
        try (AgentStore store = AgentStore.open(dir, "bench-in", clock)) {
            long[] nanos = new long[commits];
            Instant at = clock.instant();
            for (int i = 0; i < commits; i++) {
                String plate = String.format(Locale.ROOT, "粤B%05d", i);
                PassageRecord entry = new PassageRecord(UUID.randomUUID().toString(), "bench-in", Direction.IN, plate,
                        plate, String.format(Locale.ROOT, "%010X", 0x2000000000L + i), at.plusMillis(i), null, null,
                        DecisionCode.RESIDENT_PASS, Verdict.OPEN, "住户车辆，通行证有效", MatchKind.EXACT, null,
                        PayerCategory.PASS_HOLDER, 0, Payment.none(), null, null, null, null);
                java.util.concurrent.locks.LockSupport.parkNanos(PAUSE_NANOS);
                long t = System.nanoTime();
                store.recordEntry(entry);
                nanos[i] = System.nanoTime() - t;
            }
            return nanos;
        } finally {
            System.clearProperty(AgentStore.SYNCHRONOUS_PROPERTY);
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
