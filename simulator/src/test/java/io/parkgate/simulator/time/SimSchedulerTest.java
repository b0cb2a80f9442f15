package io.parkgate.simulator.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Simulated time: speed, skipping when idle, and tasks in order. */
class SimSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T06:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Verifies that the clock runs at its speed factor from an injected real-time source. */
    @Test
    void clockRunsAtSpeed() {
        AtomicLong nanos = new AtomicLong();
        SimClock clock = SimClock.withNanoSource(T0, ZONE, 10, nanos::get);
        nanos.addAndGet(1_000_000_000L);
        assertEquals(T0.plusSeconds(10), clock.instant());
        clock.setSpeed(2);
        nanos.addAndGet(500_000_000L);
        assertEquals(T0.plusSeconds(11), clock.instant());
        clock.advance(Duration.ofHours(1));
        assertEquals(T0.plusSeconds(3611), clock.instant());
        clock.skipTo(T0); // the past: ignored
        assertEquals(T0.plusSeconds(3611), clock.instant());
        assertEquals(clock.instant(), clock.withZone(ZoneOffset.UTC).instant(), "views share one timeline");
        assertEquals(250_000_000L, clock.realNanosFor(Duration.ofMillis(500)));
    }

    /** Verifies that hand-driven tasks run in time order, FIFO at equal times, each seeing its own instant. */
    @Test
    void manualTasksRunInOrder() {
        SimClock clock = SimClock.frozenAt(T0, ZONE);
        SimScheduler s = new SimScheduler(clock, new Activity());
        List<String> ran = new ArrayList<>();
        s.schedule(Duration.ofSeconds(2), () -> ran.add("b@" + clock.instant()));
        s.schedule(Duration.ofSeconds(1), () -> ran.add("a@" + clock.instant()));
        s.schedule(Duration.ofSeconds(2), () -> ran.add("c@" + clock.instant()));
        SimScheduler.Scheduled cancelled = s.schedule(Duration.ofSeconds(1), () -> ran.add("x"));
        cancelled.cancel();
        s.schedule(Duration.ofSeconds(5), () -> ran.add("late"));
        s.advanceBy(Duration.ofSeconds(3));
        assertEquals(List.of("a@" + T0.plusSeconds(1), "b@" + T0.plusSeconds(2), "c@" + T0.plusSeconds(2)), ran);
        assertEquals(T0.plusSeconds(3), clock.instant());
        assertEquals(1, s.pending());
    }

    /** Verifies that while everything is idle the scheduler skips hours ahead at once. */
    @Test
    void idleSkipsAhead() throws Exception {
        SimClock clock = SimClock.startingAt(T0, ZONE, 10);
        Activity activity = new Activity();
        activity.register(() -> false);
        try (SimScheduler s = new SimScheduler(clock, activity)) {
            CountDownLatch ran = new CountDownLatch(1);
            s.schedule(Duration.ofHours(5), ran::countDown);
            s.start();
            assertTrue(ran.await(15, TimeUnit.SECONDS), "5 simulated hours skipped");
            assertFalse(clock.instant().isBefore(T0.plus(Duration.ofHours(5))));
        }
    }

    /** Verifies that while something is busy time runs at speed and is not skipped; skipping resumes when idle. */
    @Test
    void busyRunsAtSpeed() throws Exception {
        SimClock clock = SimClock.startingAt(T0, ZONE, 20);
        Activity activity = new Activity();
        AtomicBoolean busy = new AtomicBoolean(true);
        activity.register(busy::get);
        try (SimScheduler s = new SimScheduler(clock, activity)) {
            CountDownLatch soon = new CountDownLatch(1);
            CountDownLatch later = new CountDownLatch(1);
            s.schedule(Duration.ofSeconds(2), soon::countDown); // 100 ms real at x20
            s.schedule(Duration.ofHours(1), later::countDown);
            long t0 = System.nanoTime();
            s.start();
            assertTrue(soon.await(15, TimeUnit.SECONDS));
            long realMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(realMs >= 90, "2 s simulated at x20 took " + realMs + " ms real");
            assertFalse(later.await(300, TimeUnit.MILLISECONDS), "no skip while busy");
            busy.set(false);
            activity.changed();
            assertTrue(later.await(15, TimeUnit.SECONDS), "skips once idle");
        }
    }

    /** Verifies that a scheduler running tasks too late halves the speed and says so, instead of racing on. */
    @Test
    void fallingBehindSlowsDown() throws Exception {
        AtomicLong nanos = new AtomicLong();
        SimClock clock = SimClock.withNanoSource(T0, ZONE, 10, nanos::get);
        Activity activity = new Activity();
        activity.register(() -> true);
        try (SimScheduler s = new SimScheduler(clock, activity)) {
            CountDownLatch ran = new CountDownLatch(1);
            s.schedule(Duration.ofSeconds(1), ran::countDown);
            nanos.addAndGet(1_000_000_000L); // a real second passes before it runs: 9 s simulated late
            s.start();
            assertTrue(ran.await(15, TimeUnit.SECONDS));
            assertEquals(5.0, clock.speed(), "halved");
            assertEquals(1, s.slowdowns().size(), s.slowdowns().toString());
            assertTrue(s.slowdowns().get(0).contains("cannot keep up at x10"), s.slowdowns().get(0));
        }
    }

    /** Verifies that tasks on time leave the speed alone. */
    @Test
    void onTimeKeepsSpeed() {
        SimClock clock = SimClock.frozenAt(T0, ZONE);
        try (SimScheduler s = new SimScheduler(clock, new Activity())) {
            s.schedule(Duration.ofSeconds(1), () -> { });
            s.advanceBy(Duration.ofSeconds(2));
            assertTrue(s.slowdowns().isEmpty());
        }
    }
}
