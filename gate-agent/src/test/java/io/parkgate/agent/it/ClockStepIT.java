package io.parkgate.agent.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.protocol.card.Em4100;
import io.parkgate.testing.Await;
import io.parkgate.testing.ProcessOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent service as its own process (AgentMain) on a lane PC whose clock is stepped while it runs: libfaketime
 * is preloaded into it and its offset read from a file the test rewrites, as a time server's first answer after a
 * dead clock battery would set the clock. The monotonic clock is left alone, as the kernel leaves it.
 *
 * <p>A resident is let in by card and has left the arming loop, not yet reached the safety loop, when the clock is
 * set three hours forward. The lane must not take the opening for abandoned (30 s) and pulse CLOSE at the car: the
 * arm stays up, the car crosses as its passage, and the arm closes behind it.
 */
class ClockStepIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofHours(3);
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d+)([smhdy]?)");

    @TempDir
    Path dir;

    /** Verifies that an opening's car is not closed on when the lane PC's clock is set forward under it. */
    @Test
    void aClockSetForwardDoesNotCloseTheArmOnTheCar() throws Exception {
        try (DeviceEndpoint ioEnd = DeviceEndpoint.tcp(); DeviceEndpoint cardEnd = DeviceEndpoint.tcp()) {
            Path site = LaneRig.writeSeededSite(dir, ioEnd, cardEnd);
            long base = inheritedOffsetSeconds();
            Path offset = dir.resolve("faketime-offset");
            Files.writeString(offset, "+" + base + "\n", StandardCharsets.US_ASCII);
            Path out = dir.resolve("agent.log");
            Path faketime = libfaketime();
            Process agent = LaneRig.startAgentProcess(site, out, env -> fakeClock(env, faketime, offset));
            Supplier<String> log = () -> ProcessOutput.read(out);
            try (RecordingIoController io = new RecordingIoController(1, ioEnd.in(), ioEnd.out())) {
                Await.until(WAIT, "READY and polled", () -> log.get().contains("READY lane-1")
                        && io.requests().size() >= 5);

                io.setInputs(true, false, false, true);
                awaitPolled(io, true, false);
                cardEnd.write(Em4100.encode(LaneRig.RESIDENT_CARD));
                Await.until(WAIT, "OPEN for the resident", () -> !io.requests(r -> r.isCoilOn(0)).isEmpty());
                io.setInputs(true, false, true, false);
                io.setInputs(false, false, true, false); // between the loops, under the raised arm
                awaitPolled(io, false, false);

                Files.writeString(offset, "+" + (base + STEP.toSeconds()) + "\n", StandardCharsets.US_ASCII);
                Await.until(WAIT, "the step seen, or CLOSE", () -> log.get().contains("clock was set forward")
                        || !closes(io).isEmpty());
                assertTrue(closes(io).isEmpty(), "CLOSE pulsed at the car after the clock was set forward:\n"
                        + log.get());
                Thread.sleep(1_000); // ten of the lane's ticks: none may take the opening for abandoned
                assertTrue(closes(io).isEmpty(), "CLOSE pulsed at the car after the step:\n" + log.get());
                assertTrue(Pattern.compile("this PC's clock was set forward by (3 h 00 min 0\\d|2 h 59 min 5\\d) s")
                        .matcher(log.get()).find(), log.get());

                io.setInputs(false, true, true, false);
                awaitPolled(io, false, true);
                io.setInputs(false, false, true, false);
                Await.until(WAIT, "CLOSE behind the car", () -> !closes(io).isEmpty());
                agent.destroy();
                assertTrue(agent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "stopped on SIGTERM:\n" + log.get());
            } finally {
                agent.destroyForcibly();
            }
            String text = log.get();
            assertTrue(text.contains("passed"), "the car's crossing is its passage:\n" + text);
            assertFalse(text.contains("ALARM"), "an alarm:\n" + text);
        }
    }

    private static List<RecordingIoController.Request> closes(RecordingIoController io) {
        return io.requests(r -> r.isCoilOn(1));
    }

    /** Waits until the agent has read the loops as given (a request made after the change carries them). */
    private static void awaitPolled(RecordingIoController io, boolean arming, boolean safety) {
        int before = io.requests().size();
        Await.until(WAIT, "a poll showing arming " + arming + ", safety " + safety, () -> {
            List<RecordingIoController.Request> all = io.requests();
            return all.size() > before + 2 && all.get(all.size() - 1).armingLoop() == arming
                    && all.get(all.size() - 1).safetyLoop() == safety;
        });
    }

    /**
     * The clock offset this test runs under (.ci/date-shift preloads libfaketime with {@code FAKETIME=+400d}), in
     * seconds: the agent's clock starts from the same time as the test's, which seeded its registry.
     */
    private static long inheritedOffsetSeconds() {
        String inherited = System.getenv("FAKETIME");
        if (inherited == null || inherited.isBlank()) {
            return 0;
        }
        Matcher m = OFFSET.matcher(inherited.trim());
        assertTrue(m.matches(), "a FAKETIME this test cannot follow: " + inherited);
        long n = Long.parseLong(m.group(2));
        long unit = switch (m.group(3)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            case "y" -> 365 * 86_400L;
            default -> 1;
        };
        return (m.group(1).equals("-") ? -1 : 1) * n * unit;
    }

    /**
     * The lane PC's wall clock offset by the file {@code offset}, re-read every second; the monotonic clock left
     * alone. An inherited {@code FAKETIME} would win over the file, so it goes ({@link #inheritedOffsetSeconds()}
     * is in the file instead).
     */
    private static void fakeClock(Map<String, String> env, Path faketime, Path offset) {
        env.remove("FAKETIME");
        env.remove("FAKETIME_SHARED");
        env.put("LD_PRELOAD", faketime.toString());
        env.put("FAKETIME_TIMESTAMP_FILE", offset.toString());
        env.put("FAKETIME_CACHE_DURATION", "1");
        env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        env.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }

    /** libfaketime, which {@code .ci/provision} installs (package libfaketime, with the faketime command). */
    private static Path libfaketime() throws IOException {
        try (Stream<Path> found = Files.find(Path.of("/usr/lib"), 3,
                (p, a) -> p.getFileName().toString().equals("libfaketime.so.1"))) {
            return found.findFirst().orElseThrow(() -> new AssertionError(
                    "libfaketime.so.1 not found under /usr/lib: run bash .ci/provision (it installs faketime)"));
        }
    }
}
