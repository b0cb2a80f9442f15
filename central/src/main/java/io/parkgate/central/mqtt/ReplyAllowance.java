package io.parkgate.central.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most {@code burst} costly replies per lane within a sliding window: a lane restarting a few times
 * still gets its snapshot each time, a lane sending hundreds of hellos gets a few answers, not hundreds.
 */
final class ReplyAllowance {

    private final Clock clock;
    private final int burst;
    private final Duration window;
    private final ConcurrentMap<String, Deque<Instant>> sent = new ConcurrentHashMap<>();

    ReplyAllowance(Clock clock, int burst, Duration window) {
        this.clock = clock;
        this.burst = burst;
        this.window = window;
    }

    /** True (and counted) when the lane may have another reply now. */
    boolean take(String lane) {
        Instant now = clock.instant();
        boolean[] ok = {false};
        sent.compute(lane, (k, times) -> {
            Deque<Instant> t = times == null ? new ArrayDeque<>() : times;
            while (!t.isEmpty() && !t.peekFirst().plus(window).isAfter(now)) {
                t.pollFirst();
            }
            if (t.size() < burst) {
                t.addLast(now);
                ok[0] = true;
            }
            return t;
        });
        return ok[0];
    }
}
