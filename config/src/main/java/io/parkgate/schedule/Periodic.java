package io.parkgate.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A task run again and again on an executor, that survives its own failures.
 *
 * <p>{@link ScheduledExecutorService#scheduleWithFixedDelay} stops a task for good the first time it throws, and
 * says so only through the future nobody reads: a lane whose tick or journal checkpoint failed once would then
 * go quietly without it. Every periodic task in parkgate is started here instead: a failure is logged with what
 * the task is, and the next run comes on time.
 */
@SuppressWarnings("FutureReturnValueIgnored") // the task catches its own failures; shutdown stops it
public final class Periodic {

    private Periodic() {
    }

    /**
     * Runs {@code task} after {@code first}, then {@code every} after each run ends, until the executor shuts down.
     * A run that throws is logged on {@code log} as a failure of {@code what}.
     */
    public static void every(ScheduledExecutorService executor, Duration first, Duration every,
            Logger log, String what, Runnable task) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(what, "what");
        if (first.isNegative() || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException(what + ": needs first >= 0 and every > 0, got " + first + ", " + every);
        }
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("{} failed; it runs again in {} ms", what, every.toMillis(), e);
            }
        }, first.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
    }
}
