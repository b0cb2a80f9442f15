package io.parkgate.simulator.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks at simulated instants of a {@link SimClock}. Either {@link #start() started} on its own
 * thread, where it waits (on a condition, never a sleep loop) for the real time that corresponds to
 * the next task at the clock's speed and skips time ahead while {@link Activity} says everything is
 * idle; or driven by hand with {@link #advanceBy} for deterministic tests. Tasks run one at a time.
 */
public final class SimScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimScheduler.class);
    /** Longest real wait before looking again, in case an idle change was not signalled. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * A task running later than this (simulated) means the scheduler cannot keep up at this speed: cars
     * would move in bursts the agents never saw coming. It then halves the speed (not below x1).
     */
    public static final Duration LAG_LIMIT = Duration.ofMillis(250);

    private final SimClock clock;
    private final Activity activity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long sequence;
    private Thread thread;
    private volatile boolean running;
    private final List<String> slowdowns = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean laggingAtFloor;

    public SimScheduler(SimClock clock, Activity activity) {
        this.clock = clock;
        this.activity = activity;
        activity.onChange(this::wakeUp);
    }

    public SimClock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Runs {@code task} after {@code delay} of simulated time. */
    public Scheduled schedule(Duration delay, Runnable task) {
        return scheduleAt(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), task);
    }

    /** Runs {@code task} at simulated instant {@code at} (at once if already past). */
    public Scheduled scheduleAt(Instant at, Runnable task) {
        lock.lock();
        try {
            Instant now = clock.instant();
            Task t = new Task(at, now.isAfter(at) ? now : at, sequence++, task);
            queue.add(t);
            changed.signalAll();
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** Starts the scheduler thread (real-time mode). */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = new Thread(this::loop, "sim-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Manual mode: runs every task due up to now + {@code d} in order, setting the clock to each
     * task's instant first, then leaves the clock at now + {@code d}.
     */
    public void advanceBy(Duration d) {
        if (running) {
            throw new IllegalStateException("advanceBy is for a scheduler that was not started");
        }
        Instant target = clock.instant().plus(d);
        while (true) {
            Task next;
            lock.lock();
            try {
                next = queue.peek();
                if (next == null || next.at.isAfter(target)) {
                    break;
                }
                queue.poll();
            } finally {
                lock.unlock();
            }
            clock.skipTo(next.at);
            runTask(next);
        }
        clock.skipTo(target);
    }

    /** The number of pending (not cancelled) tasks, for tests. */
    public int pending() {
        lock.lock();
        try {
            return (int) queue.stream().filter(t -> !t.cancelled).count();
        } finally {
            lock.unlock();
        }
    }

    private void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            Task due = null;
            Instant skipTarget = null;
            lock.lock();
            try {
                Task next = queue.peek();
                if (next == null) {
                    changed.awaitNanos(MAX_WAIT_NANOS);
                    continue;
                }
                if (next.cancelled) {
                    queue.poll();
                    continue;
                }
                Instant now = clock.instant();
                if (!next.at.isAfter(now)) {
                    due = queue.poll();
                } else {
                    skipTarget = next.at;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (due != null) {
                keepUp(due);
                runTask(due);
                continue;
            }
            // Asked outside the lock: probes take lane monitors, and lanes schedule while holding them.
            if (activity.allIdle()) {
                clock.skipTo(skipTarget);
                continue;
            }
            lock.lock();
            try {
                Task next = queue.peek();
                if (next != null && next.at.equals(skipTarget)) {
                    long wait = clock.realNanosFor(Duration.between(clock.instant(), skipTarget));
                    changed.awaitNanos(Math.min(wait, MAX_WAIT_NANOS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** What the scheduler said about keeping up (speed halved, or late even at x1): for the report. */
    public List<String> slowdowns() {
        return List.copyOf(slowdowns);
    }

    /** Halves the speed when a task runs too late to be trusted; says so once per change. */
    private void keepUp(Task due) {
        double speed = clock.speed();
        Duration late = Duration.between(due.due, clock.instant());
        if (speed <= 0 || late.compareTo(LAG_LIMIT) <= 0 || due.cancelled) {
            return;
        }
        String note;
        if (speed > 1) {
            double slower = Math.max(1, speed / 2);
            clock.setSpeed(slower);
            note = String.format(java.util.Locale.ROOT,
                    "cannot keep up at x%s (a task ran %d ms late in simulated time): slowed to x%s", speed,
                    late.toMillis(), slower);
        } else if (!laggingAtFloor) {
            laggingAtFloor = true;
            note = String.format(java.util.Locale.ROOT,
                    "cannot keep up even at x%s (a task ran %d ms late): timings in this run are not trustworthy",
                    speed, late.toMillis());
        } else {
            return;
        }
        slowdowns.add(note);
        LOG.warn("simulator {}", note);
    }

    private static void runTask(Task t) {
        if (t.cancelled) {
            return;
        }
        try {
            t.task.run();
        } catch (RuntimeException e) {
            LOG.error("simulated task failed", e);
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A scheduled task that can be cancelled. */
    public interface Scheduled {
        void cancel();
    }

    private static final class Task implements Comparable<Task>, Scheduled {
        final Instant at;
        /** When it was really due: {@code at}, or when it was scheduled if that was later. */
        final Instant due;
        final long seq;
        final Runnable task;
        volatile boolean cancelled;

        Task(Instant at, Instant due, long seq, Runnable task) {
            this.at = at;
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
