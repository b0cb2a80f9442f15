package io.parkgate.agent.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Puts the JVM's JIT compiler threads under Linux's idle scheduling policy, so that a lane thread woken by a card
 * frame takes a core from them at once.
 *
 * <p>Why: a lane sees a car every few minutes, so its code is compiled to the optimising tier bit by bit all day.
 * Each such compilation takes a core for several milliseconds, and on a lane PC's two cores a woken reader, lane or
 * Modbus thread can wait for it: the OPEN latency benchmark's slowest samples (3–9 ms of "rest") each came within
 * milliseconds of a C2 compilation. A lower nice value does not help on current kernels (the running task keeps its
 * slice); the idle policy does, as a normal task waking always pre-empts an idle one. The compiler still gets every
 * core the lane leaves free, which is nearly all of them.
 *
 * <p>Linux has no Java API for this, so {@code chrt} (util-linux) is run for each compiler thread found in
 * {@code /proc/self/task}. Lowering one's own threads needs no privilege. Where it cannot be done (no procfs, no
 * chrt) the agent runs as before and says so. The launcher turns off {@code UseDynamicNumberOfCompilerThreads}, so
 * every compiler thread exists from the start and none is made later at the normal policy.
 */
public final class CompilerThreads {

    /** Thread names as the kernel keeps them (15 characters): "C1 CompilerThre", "C2 CompilerThre". */
    private static final List<String> NAMES = List.of("C1 CompilerThre", "C2 CompilerThre");
    /** The scheduling policy field of /proc/…/stat (the 41st): 5 is SCHED_IDLE. */
    static final int SCHED_IDLE = 5;
    private static final long CHRT_PATIENCE_SECONDS = 5;

    private CompilerThreads() {
    }

    /** What was done: how many compiler threads now run at idle policy, and why any did not. */
    public record Outcome(int idle, int found, String problem) {

        /** One line for the agent's start-up log. */
        public String describe() {
            if (problem != null) {
                return "JIT compiler threads left at normal priority (" + problem + "): a compilation may delay a"
                        + " lane's OPEN by a few milliseconds";
            }
            return "JIT compiler threads at idle priority (" + idle + " of " + found + "): the lane's threads"
                    + " pre-empt them";
        }
    }

    /** This JVM's compiler threads. */
    public static Outcome idle() {
        return idle(Path.of("/proc/self/task"), "chrt");
    }

    static Outcome idle(Path tasks, String chrt) {
        List<String> tids;
        try (Stream<Path> all = Files.list(tasks)) {
            tids = all.filter(t -> NAMES.contains(name(t))).map(t -> t.getFileName().toString()).toList();
        } catch (IOException e) {
            return new Outcome(0, 0, "cannot list " + tasks + ": " + e.getMessage());
        }
        if (tids.isEmpty()) {
            return new Outcome(0, 0, "no compiler thread found in " + tasks);
        }
        int done = 0;
        List<String> failures = new ArrayList<>();
        for (String tid : tids) {
            String failure = run(chrt, "--idle", "--pid", "0", tid);
            if (failure == null) {
                done++;
            } else {
                failures.add(failure);
            }
        }
        return new Outcome(done, tids.size(), failures.isEmpty() ? null : String.join("; ", failures));
    }

    /** The scheduling policy of thread {@code tid} in {@code tasks} (field 41 of its stat), or -1. */
    static int policy(Path tasks, String tid) {
        try {
            String stat = Files.readString(tasks.resolve(tid).resolve("stat"), StandardCharsets.US_ASCII);
            // The name in brackets may hold spaces: count fields after its closing bracket (field 2 ends there).
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(after[41 - 3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String name(Path task) {
        try {
            return Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return ""; // the thread ended meanwhile
        }
    }

    /** Runs a command; null when it succeeded, else what went wrong. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!p.waitFor(CHRT_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + " did not finish";
            }
            return p.exitValue() == 0 ? null : String.join(" ", command) + " exited " + p.exitValue()
                    + (out.isEmpty() ? "" : ": " + out);
        } catch (IOException e) {
            return "cannot run " + command[0] + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
