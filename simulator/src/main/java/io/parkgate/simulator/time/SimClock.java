package io.parkgate.simulator.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Simulated time: runs at {@code speed} × real time, can be frozen (speed 0) and moved by hand, and
 * skips ahead when nothing is happening. Agents in the same JVM are handed this clock, so the whole
 * car park agrees on one time. Views made by {@link #withZone} share the same timeline.
 */
public final class SimClock extends Clock {

    private final Timeline timeline;
    private final ZoneId zone;

    private SimClock(Timeline timeline, ZoneId zone) {
        this.timeline = timeline;
        this.zone = zone;
    }

    /** A clock starting at {@code start}, running at {@code speed} × real time (0 = frozen). */
    public static SimClock startingAt(Instant start, ZoneId zone, double speed) {
        return new SimClock(new Timeline(start, speed, System::nanoTime), zone);
    }

    /** A frozen clock that only moves with {@link #advance}: for deterministic tests. */
    public static SimClock frozenAt(Instant start, ZoneId zone) {
        return startingAt(start, zone, 0);
    }

    /** For tests of the running mode: real time from {@code nanoSource}. */
    static SimClock withNanoSource(Instant start, ZoneId zone, double speed, LongSupplier nanoSource) {
        return new SimClock(new Timeline(start, speed, nanoSource), zone);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return newZone.equals(zone) ? this : new SimClock(timeline, newZone);
    }

    @Override
    public Instant instant() {
        return timeline.now();
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    public double speed() {
        return timeline.speed();
    }

    /** Changes the speed from now on; time so far is kept. */
    public void setSpeed(double speed) {
        timeline.setSpeed(speed);
    }

    /** Moves time forward by {@code d} at once. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time never goes back: " + d);
        }
        timeline.skipTo(timeline.now().plus(d));
    }

    /** Moves time forward to {@code t} at once; an instant already past leaves time unchanged. */
    public void skipTo(Instant t) {
        timeline.skipTo(t);
    }

    /** Real nanoseconds it takes for {@code simulated} to pass at the current speed; MAX when frozen. */
    public long realNanosFor(Duration simulated) {
        double speed = timeline.speed();
        if (speed <= 0) {
            return Long.MAX_VALUE;
        }
        double nanos = simulated.toNanos() / speed;
        return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, (long) nanos);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimClock c && c.timeline == timeline && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(timeline), zone);
    }

    @Override
    public String toString() {
        return "SimClock[" + instant() + " x" + speed() + "]";
    }

    /** The shared state: an anchor (simulated instant at a real nanoTime) and a speed. */
    private static final class Timeline {
        private final LongSupplier nanos;
        private Instant anchorSim;
        private long anchorNanos;
        private double speed;

        Timeline(Instant start, double speed, LongSupplier nanos) {
            if (speed < 0 || Double.isNaN(speed)) {
                throw new IllegalArgumentException("speed must be >= 0, was " + speed);
            }
            this.nanos = nanos;
            this.anchorSim = start;
            this.anchorNanos = nanos.getAsLong();
            this.speed = speed;
        }

        synchronized Instant now() {
            if (speed == 0) {
                return anchorSim;
            }
            long elapsed = nanos.getAsLong() - anchorNanos;
            return anchorSim.plusNanos((long) (elapsed * speed));
        }

        synchronized double speed() {
            return speed;
        }

        synchronized void setSpeed(double newSpeed) {
            if (newSpeed < 0 || Double.isNaN(newSpeed)) {
                throw new IllegalArgumentException("speed must be >= 0, was " + newSpeed);
            }
            reanchor(now());
            speed = newSpeed;
        }

        synchronized void skipTo(Instant t) {
            Instant now = now();
            reanchor(t.isAfter(now) ? t : now);
        }

        private void reanchor(Instant at) {
            anchorSim = at;
            anchorNanos = nanos.getAsLong();
        }
    }
}
