package io.parkgate.simulator.device;

import java.time.Duration;
import java.time.Instant;

/**
 * The mechanical barrier arm: travels between closed (position 0) and open (1) in {@code travel};
 * an open command while closing reverses it from where it is, and so does a close while opening.
 * Pure state; the I/O controller schedules the end of travel. Not thread-safe (guarded by the owner).
 */
public final class BarrierArm {

    /** Where the arm is; neither limit switch is made while it travels. */
    public enum State { CLOSED, OPENING, OPEN, CLOSING }

    private final Duration travel;
    private State state = State.CLOSED;
    private double positionAtChange;
    private Instant changedAt = Instant.EPOCH;

    public BarrierArm(Duration travel) {
        if (travel.compareTo(Duration.ofSeconds(1)) < 0 || travel.compareTo(Duration.ofSeconds(6)) > 0) {
            throw new IllegalArgumentException("arm travel must be 1..6 s, was " + travel);
        }
        this.travel = travel;
    }

    public State state() {
        return state;
    }

    public Duration travel() {
        return travel;
    }

    public boolean openLimit() {
        return state == State.OPEN;
    }

    public boolean closedLimit() {
        return state == State.CLOSED;
    }

    /** 0 = down, 1 = up, at {@code now}. */
    public double position(Instant now) {
        double moved = (double) Duration.between(changedAt, now).toNanos() / travel.toNanos();
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case OPENING -> Math.min(1, positionAtChange + moved);
            case CLOSING -> Math.max(0, positionAtChange - moved);
        };
    }

    /**
     * Starts opening.
     *
     * @return the time until fully open, or null when already open or opening
     */
    public Duration open(Instant now) {
        if (state == State.OPEN || state == State.OPENING) {
            return null;
        }
        double from = position(now);
        start(State.OPENING, from, now);
        return scaled(1 - from);
    }

    /**
     * Starts closing.
     *
     * @return the time until fully closed, or null when already closed or closing
     */
    public Duration close(Instant now) {
        if (state == State.CLOSED || state == State.CLOSING) {
            return null;
        }
        double from = position(now);
        start(State.CLOSING, from, now);
        return scaled(from);
    }

    /** Ends the travel in progress: the arm reaches its limit. */
    public void reachLimit(Instant now) {
        if (state == State.OPENING) {
            start(State.OPEN, 1, now);
        } else if (state == State.CLOSING) {
            start(State.CLOSED, 0, now);
        }
    }

    private void start(State s, double from, Instant now) {
        state = s;
        positionAtChange = from;
        changedAt = now;
    }

    private Duration scaled(double fraction) {
        return Duration.ofNanos(Math.round(travel.toNanos() * fraction));
    }
}
