package io.parkgate.agent.testing;

import io.parkgate.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Two connected pseudo-terminals made by socat, reachable through symlinks {@code a} and {@code b}
 * in a directory of the test's choosing (a {@code @TempDir}). Bytes written to one come out of the
 * other, raw, without echo. {@link #kill()} makes both ports vanish (as an unplugged USB adapter
 * does) and {@link #restart()} brings them back under the same names.
 */
public final class PseudoTerminalPair implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(5);

    private final Path a;
    private final Path b;
    private Process socat;

    private PseudoTerminalPair(Path dir) {
        this.a = dir.resolve("a");
        this.b = dir.resolve("b");
    }

    /** Starts socat and waits until both links exist. */
    public static PseudoTerminalPair open(Path dir) throws IOException {
        PseudoTerminalPair pair = new PseudoTerminalPair(dir);
        pair.start();
        return pair;
    }

    /** Path of one end, e.g. to open as a serial port. */
    public String a() {
        return a.toString();
    }

    /** Path of the other end. */
    public String b() {
        return b.toString();
    }

    private void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        socat = pb.start();
        try {
            Await.until(START_TIMEOUT, "socat links " + a + " and " + b,
                    () -> Files.exists(a) && Files.exists(b) || !socat.isAlive());
        } catch (AssertionError e) {
            socat.destroyForcibly();
            throw new IOException(e.getMessage(), e);
        }
        if (!socat.isAlive()) {
            throw new IOException("socat exited with " + socat.exitValue() + " before creating its links");
        }
    }

    /** Stops socat: both ports vanish and whoever had them open sees an error or hang-up. */
    public void kill() {
        if (socat == null) {
            return;
        }
        socat.destroy();
        try {
            if (!socat.waitFor(3, TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socat = null;
        // socat removes its links on SIGTERM; make sure, so a restart creates fresh ones.
        try {
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
        } catch (IOException ignored) {
            // a leftover link is replaced by the next socat anyway
        }
    }

    /** Starts a new socat with the same link names (after {@link #kill()}). */
    public void restart() throws IOException {
        kill();
        start();
    }

    @Override
    public void close() {
        kill();
    }
}
