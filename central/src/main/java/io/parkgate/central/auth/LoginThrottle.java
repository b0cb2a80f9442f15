package io.parkgate.central.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Failed logins counted per user name and per client address. Past the limit within the window the
 * user (or the address) is refused without a password check until the window has passed since the first
 * failure: guessing costs a window per few tries, and a flood from one address costs central nothing.
 */
public final class LoginThrottle {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int PER_USER = 5;
    public static final int PER_ADDRESS = 20;
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(Instant first, int count) {
    }

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the user or the address must wait, or empty when a try is allowed now. */
    public Optional<Duration> blocked(String user, String address) {
        Instant now = clock.instant();
        Optional<Duration> u = wait("u:" + user, PER_USER, now);
        return u.isPresent() ? u : wait("a:" + address, PER_ADDRESS, now);
    }

    public void failed(String user, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> !f.first().plus(WINDOW).isAfter(now));
        }
        for (String key : new String[] {"u:" + user, "a:" + address}) {
            failures.merge(key, new Failures(now, 1), (old, one) -> old.first().plus(WINDOW).isAfter(now)
                    ? new Failures(old.first(), old.count() + 1) : one);
        }
    }

    /** A right password clears the user's count (the address keeps its own). */
    public void succeeded(String user) {
        failures.remove("u:" + user);
    }

    private Optional<Duration> wait(String key, int limit, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.count() < limit) {
            return Optional.empty();
        }
        Instant until = f.first().plus(WINDOW);
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }
}
