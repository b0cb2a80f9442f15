package io.parkgate.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** The tests' one way to wait for a condition with a deadline (Awaitility underneath). */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(5);

    private Await() {
    }

    /**
     * Returns as soon as {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} when it still does not hold after {@code timeout}
     */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        try {
            // In the test's own thread, as the condition may read what only that thread sees.
            Awaitility.await(what).pollInSameThread().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + timeout + " waiting for: " + what, e);
        }
    }
}
