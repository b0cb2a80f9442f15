package io.parkgate.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerThreadsTest {

    @TempDir
    Path dir;

    /**
     * Verifies, in this very JVM, that every JIT compiler thread ends up under the idle policy, read back from the
     * kernel, and that the other threads (this one) keep theirs.
     */
    @Test
    void theCompilerThreadsOfThisJvmBecomeIdle() {
        Path tasks = Path.of("/proc/self/task");
        assumeTrue(Files.isDirectory(tasks), "Linux only");
        CompilerThreads.Outcome outcome = CompilerThreads.idle();
        try {
            checkIdle(tasks, outcome);
        } finally {
            // The rest of the module's tests run in this JVM: give its compiler back the normal policy.
            for (String tid : tids(tasks)) {
                if (comm(tasks.resolve(tid)).contains("CompilerThre")) {
                    run("chrt", "--other", "--pid", "0", tid);
                }
            }
        }
    }

    private static void checkIdle(Path tasks, CompilerThreads.Outcome outcome) {
        assertNull(outcome.problem(), outcome.describe());
        assertTrue(outcome.found() >= 1, outcome.describe());
        assertEquals(outcome.found(), outcome.idle(), outcome.describe());
        int checked = 0;
        for (String tid : tids(tasks)) {
            String comm = comm(tasks.resolve(tid));
            if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                assertEquals(CompilerThreads.SCHED_IDLE, CompilerThreads.policy(tasks, tid), comm + " " + tid);
                checked++;
            }
        }
        assertEquals(outcome.found(), checked);
        String self = Long.toString(ProcessHandle.current().pid());
        assertEquals(0, CompilerThreads.policy(tasks, self), "the main thread stays SCHED_OTHER");
    }

    /** Verifies that a missing chrt is reported in words and nothing is thrown: the lane runs as before. */
    @Test
    void withoutChrtTheAgentSaysWhyAndGoesOn() throws Exception {
        Path task = Files.createDirectories(dir.resolve("4711"));
        Files.writeString(task.resolve("comm"), "C2 CompilerThre\n", StandardCharsets.US_ASCII);
        CompilerThreads.Outcome outcome = CompilerThreads.idle(dir, dir.resolve("no-such-chrt").toString());
        assertEquals(0, outcome.idle());
        assertEquals(1, outcome.found());
        assertTrue(outcome.problem().contains("cannot run"), outcome.problem());
        assertTrue(outcome.describe().contains("left at normal priority"), outcome.describe());
    }

    /** Verifies that a process without compiler threads (or without procfs) is told apart from a failure to set. */
    @Test
    void noCompilerThreadsIsSaidPlainly() {
        assertEquals("no compiler thread found in " + dir, CompilerThreads.idle(dir, "chrt").problem());
        assertTrue(CompilerThreads.idle(dir.resolve("absent"), "chrt").problem().startsWith("cannot list"));
    }

    private static void run(String... command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).start()
                    .waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            // best effort: see the caller
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.List<String> tids(Path tasks) {
        try (var s = Files.list(tasks)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).strip();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
