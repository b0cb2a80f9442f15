package io.parkgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.testing.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lane writes before it pulses OPEN, inside a 5 ms budget: each write must stay cheap. */
class WriteCostTest {

    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");
    private static final int WRITES = 1_000;

    @TempDir
    Path dataDir;

    /**
     * Verifies that an entry (register row + stay, committed) costs well under a millisecond of CPU at the
     * median and at p99. CPU time of the calling thread, where SQLite runs, not wall time: other builds
     * share this machine's two cores.
     */
    @Test
    void entryAndExitWritesAreCheap() {
        MutableClock clock = new MutableClock(T0, ZoneId.of("Asia/Shanghai"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (AgentStore store = AgentStore.open(dataDir, Rows.LANE, clock)) {
            long[] entryCpu = new long[WRITES];
            long[] exitCpu = new long[WRITES];
            long[] wall = new long[WRITES];
            for (int i = 0; i < WRITES; i++) {
                PassageRecord entry = Rows.entry("粤B" + (10_000 + i), T0.plusSeconds(i));
                long w = System.nanoTime();
                long c = threads.getCurrentThreadCpuTime();
                store.recordEntry(entry);
                entryCpu[i] = threads.getCurrentThreadCpuTime() - c;
                wall[i] = System.nanoTime() - w;
                c = threads.getCurrentThreadCpuTime();
                store.recordExit(Rows.exit(entry, T0.plusSeconds(i + 60), 500));
                exitCpu[i] = threads.getCurrentThreadCpuTime() - c;
            }
            String report = "entry CPU " + stats(entryCpu) + "; exit CPU " + stats(exitCpu) + "; entry wall "
                    + stats(wall);
            System.out.println(report);
            assertTrue(percentile(entryCpu, 50) < 500_000 && percentile(exitCpu, 50) < 500_000, report);
            assertTrue(percentile(entryCpu, 99) < 2_000_000 && percentile(exitCpu, 99) < 2_000_000, report);
        }
    }

    private static String stats(long[] nanos) {
        return String.format("p50 %d µs, p99 %d µs", percentile(nanos, 50) / 1_000, percentile(nanos, 99) / 1_000);
    }

    private static long percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }
}
