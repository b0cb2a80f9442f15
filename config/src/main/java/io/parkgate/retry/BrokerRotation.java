package io.parkgate.retry;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Which broker of a list to try next, and how long to wait first. A failed broker hands over to the next at
 * once; only when every broker of the list has failed in a row is the {@link Backoff} waited (doubling per
 * such round). After a connection the broker that worked stays first, so a dead broker early in the list
 * does not delay every reconnect. Used from one thread (the one that connects).
 */
public final class BrokerRotation {

    private final List<String> urls;
    private final Backoff backoff;
    private int current;
    private int failedInRound;
    private int failedRounds;

    public BrokerRotation(List<String> urls, Backoff backoff) {
        this.urls = List.copyOf(urls);
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (this.urls.isEmpty()) {
            throw new IllegalArgumentException("at least one broker URL is needed");
        }
        if (new HashSet<>(this.urls).size() != this.urls.size()) {
            throw new IllegalArgumentException("broker URLs repeated: " + this.urls);
        }
    }

    /** The broker to try now. */
    public String current() {
        return urls.get(current);
    }

    public List<String> urls() {
        return urls;
    }

    /** The attempt on {@link #current()} failed: moves to the next broker and says how long to wait first. */
    public Duration failed() {
        current = (current + 1) % urls.size();
        if (++failedInRound < urls.size()) {
            return Duration.ZERO;
        }
        failedInRound = 0;
        return backoff.delayAfter(++failedRounds);
    }

    /** The attempt on {@link #current()} worked: it is tried first next time, and the back-off starts over. */
    public void connected() {
        failedInRound = 0;
        failedRounds = 0;
    }
}
