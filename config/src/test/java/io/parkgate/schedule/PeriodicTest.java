package io.parkgate.schedule;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PeriodicTest {

    /** Verifies that a task that throws runs again: the executor alone would have dropped it after the first throw. */
    @Test
    void aFailingRunDoesNotStopTheTask() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            CountDownLatch runs = new CountDownLatch(3);
            Periodic.every(executor, Duration.ZERO, Duration.ofMillis(1),
                    LoggerFactory.getLogger(PeriodicTest.class), "a test task that always fails", () -> {
                        runs.countDown();
                        throw new IllegalStateException("broken on purpose");
                    });
            assertTrue(runs.await(30, TimeUnit.SECONDS), "ran three times in spite of failing every time");
        } finally {
            executor.shutdownNow();
        }
    }

    /** Verifies that a period of zero is refused with what the task is, not turned into a busy loop. */
    @Test
    void refusesAZeroPeriod() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Periodic.every(executor,
                    Duration.ZERO, Duration.ZERO, LoggerFactory.getLogger(PeriodicTest.class), "the tick", () -> { }));
            assertTrue(e.getMessage().startsWith("the tick"), e.getMessage());
        } finally {
            executor.shutdownNow();
        }
    }
}
