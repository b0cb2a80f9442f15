package io.parkgate.agent.device.camera.imaging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between a camera and the lane's recogniser. When a burst outruns the recogniser the
 * <em>oldest</em> frame is dropped: the newest frames show the vehicle now on the loop.
 */
final class FrameQueue {

    private final int capacity;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private boolean closed;

    FrameQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues {@code frame}; returns the frame it pushed out to make room, or null. */
    synchronized Frame offer(Frame frame) {
        if (closed) {
            return frame;
        }
        Frame dropped = frames.size() == capacity ? frames.pollFirst() : null;
        frames.addLast(frame);
        notifyAll();
        return dropped;
    }

    /** The oldest frame, waiting up to {@code timeout}; null on timeout or when closed and empty. */
    synchronized Frame poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (frames.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return frames.pollFirst();
    }

    synchronized int size() {
        return frames.size();
    }

    /** Refuses further frames; returns those still waiting (never examined). */
    synchronized java.util.List<Frame> close() {
        closed = true;
        java.util.List<Frame> left = java.util.List.copyOf(frames);
        frames.clear();
        notifyAll();
        return left;
    }
}
