package io.parkgate.agent.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of prepayments that let a vehicle out, so a resent one cannot let another out. Kept in memory and
 * bounded: central resends only the last 24 h, so an id older than that is never seen again, and a cap keeps
 * a flood of payments from growing it. After a restart the grace window and the stay's entry time still
 * guard (see {@link PrepaymentCover}). Thread-safe.
 */
final class UsedPrepayments {

    /** How long central keeps resending a prepayment after its hello (docs/mqtt.md). */
    static final Duration KEPT = Duration.ofHours(24);
    static final int MAX = 4096;

    private final Map<String, Instant> usedAt = new LinkedHashMap<>();

    /** Whether {@code id} let a vehicle out (or is being tried for one right now). */
    synchronized boolean contains(String id) {
        return usedAt.containsKey(id);
    }

    /**
     * Claims {@code id} for an exit at {@code now}; false when it is already claimed. Claiming before the lane
     * tries it means two copies arriving together cannot both open.
     */
    synchronized boolean claim(String id, Instant now) {
        forgetOlderThan(now.minus(KEPT));
        if (usedAt.containsKey(id)) {
            return false;
        }
        usedAt.put(id, now);
        if (usedAt.size() > MAX) {
            Iterator<String> oldest = usedAt.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Gives back a claim that let nobody out (no vehicle was waiting for it), so a later exit may use it. */
    synchronized void release(String id) {
        usedAt.remove(id);
    }

    synchronized int size() {
        return usedAt.size();
    }

    private void forgetOlderThan(Instant cutoff) {
        // Claimed in time order (give or take a clock step), so the oldest are first.
        Iterator<Instant> it = usedAt.values().iterator();
        while (it.hasNext() && it.next().isBefore(cutoff)) {
            it.remove();
        }
    }
}
