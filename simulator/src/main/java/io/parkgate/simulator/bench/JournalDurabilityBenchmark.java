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
 * What durability before OPEN costs: what the lane commits before OPEN (a row in the pending passages,
 * {@link AgentStore#journalPassage}) and after it (the register row and its stay,
 * {@link AgentStore#settlePassages}), beside the register row and stay committed at once (what the lane
 * committed before OPEN until 2026-12-05), in SQLite's WAL mode with
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
    @Command(name = "JournalDurabilityBenchmark", description = "The lane store's entry transactions, one car at a"
            + " time, in SQLite WAL mode, synchronous=NORMAL against FULL.")
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
            long[][] lane = run(dir.resolve("journal-" + mode + "-" + System.nanoTime()), mode, commits, true);
            print(mode, "pending row, before OPEN", lane[0]);
            print(mode, "register row + stay, after", lane[1]);
            long[][] oneStep = run(dir.resolve("journal-" + mode + "-" + System.nanoTime()), mode, commits, false);
            print(mode, "register row + stay at once", oneStep[0]);
        }
    }

    private static void print(String mode, String what, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "  WAL synchronous=%-6s %-28s p50=%.3f ms  p90=%.3f ms  p99=%.3f ms  "
                + "max=%.3f ms%n", mode, what + ":", ms(nanos, 0.5), ms(nanos, 0.9), ms(nanos, 0.99),
                nanos[nanos.length - 1] / 1e6);
    }

    /** Pause between entries: a lane's thread is idle between cars, its caches cold when the next one comes. */
    private static final long PAUSE_NANOS = 20_000_000L;

    /**
     * @param twoStep the lane's way (the pending row, then the register row and stay), else the register row and
     *                stay in one transaction ({@link AgentStore#recordEntry}, what the lane committed before OPEN
     *                until the pending row)
     * @return the times of the first step and, for two steps, of the second
     */
    private static long[][] run(Path dir, String mode, int commits, boolean twoStep) {
        System.setProperty(AgentStore.SYNCHRONOUS_PROPERTY, mode);
        Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
        try (AgentStore store = AgentStore.open(dir, "bench-in", clock)) {
            long[] first = new long[commits];
            long[] second = new long[commits];
            Instant at = clock.instant();
            for (int i = 0; i < commits; i++) {
                String plate = String.format(Locale.ROOT, "粤B%05d", i);
                PassageRecord entry = new PassageRecord(UUID.randomUUID().toString(), "bench-in", Direction.IN, plate,
                        plate, String.format(Locale.ROOT, "%010X", 0x2000000000L + i), at.plusMillis(i), null, null,
                        DecisionCode.RESIDENT_PASS, Verdict.OPEN, "住户车辆，通行证有效", MatchKind.EXACT, null,
                        PayerCategory.PASS_HOLDER, 0, Payment.none(), null, null, null, null);
                java.util.concurrent.locks.LockSupport.parkNanos(PAUSE_NANOS);
                long t = System.nanoTime();
                if (twoStep) {
                    store.journalPassage(entry);
                    long t2 = System.nanoTime();
                    first[i] = t2 - t;
                    store.settlePassages();
                    second[i] = System.nanoTime() - t2;
                } else {
                    store.recordEntry(entry);
                    first[i] = System.nanoTime() - t;
                }
            }
            return new long[][] {first, second};
        } finally {
            System.clearProperty(AgentStore.SYNCHRONOUS_PROPERTY);
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
