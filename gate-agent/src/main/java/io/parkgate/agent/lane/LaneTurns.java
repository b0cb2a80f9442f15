package io.parkgate.agent.lane;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * The lane's work, one task at a time, in the order handed in: what keeps the state machine free of locks. A task
 * runs on the lane's own thread ({@link #later}), or, for a card or plate read that finds the lane idle, at once on
 * the reader's thread ({@link #now}): waking the lane's thread costs tens of microseconds to milliseconds on a
 * busy machine, between a frame's last byte and the OPEN. Whoever holds the turn runs everything queued meanwhile,
 * in order, so a read never overtakes the loop change reported before it.
 */
final class LaneTurns {

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    /** Held by the one thread running the lane's tasks; its release publishes what they changed to the next. */
    private final AtomicBoolean turn = new AtomicBoolean();
    private final Executor laneThread;
    private final Logger log;
    private volatile boolean closed;

    LaneTurns(Executor laneThread, Logger log) {
        this.laneThread = laneThread;
        this.log = log;
    }

    /**
     * Runs {@code task} on the lane's thread after everything handed in before it.
     *
     * @throws RejectedExecutionException once closed
     */
    void later(Runnable task) {
        requireOpen();
        queue.add(task);
        laneThread.execute(this::runQueued);
    }

    /**
     * Runs {@code task} on the caller's thread if the lane is idle, otherwise after what is queued, by the thread
     * that has the turn. Returns once it ran or was queued behind a running task.
     *
     * @throws RejectedExecutionException once closed
     */
    void now(Runnable task) {
        requireOpen();
        queue.add(task);
        runQueued();
    }

    /** Runs what is queued if no other thread has the turn; checks again after letting go, so nothing is left. */
    void runQueued() {
        while (!queue.isEmpty() && turn.compareAndSet(false, true)) {
            try {
                Runnable task;
                while ((task = queue.poll()) != null) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.error("lane task failed; the lane carries on", e);
                    }
                }
            } finally {
                turn.set(false);
            }
        }
    }

    /** Whether no thread has the turn and nothing waits for one (a task's own completions come before this). */
    boolean idle() {
        return !turn.get() && queue.isEmpty();
    }

    /** Refuses new tasks; what is queued still runs on the lane's thread as it shuts down. */
    void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new RejectedExecutionException("the lane is closing");
        }
    }
}
