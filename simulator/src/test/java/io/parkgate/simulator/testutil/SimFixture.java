package io.parkgate.simulator.testutil;

import io.parkgate.simulator.report.EventLog;
import io.parkgate.simulator.time.Activity;
import io.parkgate.simulator.time.SimClock;
import io.parkgate.simulator.time.SimScheduler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** A frozen simulated clock with a hand-driven scheduler and an event log. */
public final class SimFixture {

    public static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public final SimClock clock = SimClock.frozenAt(T0, ZONE);
    public final Activity activity = new Activity();
    public final SimScheduler scheduler = new SimScheduler(clock, activity);
    public final EventLog events = new EventLog();

    /** Waits (real time, bounded) until {@code condition} holds; fails with {@code what} otherwise. */
    public static void await(String what, long timeoutMillis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            LockSupport.parkNanos(2_000_000); // deadline loop: bounded, fails with a message
        }
    }
}
