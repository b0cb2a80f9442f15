package io.parkgate.central.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.db.Database;
import io.parkgate.central.db.TestDatabases;
import io.parkgate.central.error.CentralException;
import io.parkgate.testing.MutableClock;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two centrals' user services on one database: what one instance revokes, the other refuses within
 * {@link UserService#SESSION_RECHECK}, although it had the token in its cache.
 */
class SessionsAcrossInstancesTest {

    private static final Principal BOSS = new Principal("boss", "老板", Role.MANAGER);

    @TempDir
    Path dir;

    /** Verifies that a logout, a disabled account and a role change on B reach A within the bound. */
    @Test
    void revocationOnOneInstanceIsSeenByTheOtherWithinTheBound() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T02:00:00Z"));
        try (Database db = TestDatabases.open(dir, "c.db");
             UserService a = new UserService(db, clock);
             UserService b = new UserService(db, clock)) {
            get(a.create(null, "site", "boss", "老板", Role.MANAGER, "boss-password"));
            get(a.create(BOSS, "site", "wang", "王", Role.SUPERVISOR, "wang-password"));

            // Logout on B.
            String token = get(a.login("wang", "wang-password", "10.0.0.1")).token();
            assertTrue(get(a.authenticate(token)).isPresent(), "A knows the token (and caches it)");
            assertTrue(get(b.authenticate(token)).isPresent(), "B accepts A's token: it is in the database");
            get(b.logout(token));
            assertEquals(Optional.empty(), get(b.authenticate(token)), "B refuses at once");
            clock.advance(UserService.SESSION_RECHECK.plusMillis(1));
            assertEquals(Optional.empty(), get(a.authenticate(token)), "A refuses once the bound has passed");

            // Disabled on B.
            String second = get(a.login("wang", "wang-password", "10.0.0.1")).token();
            assertTrue(get(a.authenticate(second)).isPresent());
            get(b.setDisabled(BOSS, "wang", true));
            clock.advance(UserService.SESSION_RECHECK.plusMillis(1));
            assertEquals(Optional.empty(), get(a.authenticate(second)), "a disabled user is refused on A too");
            get(b.setDisabled(BOSS, "wang", false));

            // Within the bound A may still answer from its cache, never longer.
            String third = get(a.login("wang", "wang-password", "10.0.0.1")).token();
            assertTrue(get(a.authenticate(third)).isPresent());
            get(b.logout(third));
            clock.advance(Duration.ofMillis(10));
            clock.advance(UserService.SESSION_RECHECK);
            assertEquals(Optional.empty(), get(a.authenticate(third)));
        }
    }

    /**
     * Verifies that failed logins count across centrals: three wrong passwords on A and two on B block the user
     * on A, even with the right password, as five on one central would; the window passed, the user signs in.
     */
    @Test
    void failedLoginsCountAcrossCentrals() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T02:00:00Z"));
        try (Database db = TestDatabases.open(dir, "c.db");
             UserService a = new UserService(db, clock, true);
             UserService b = new UserService(db, clock, true)) {
            get(a.create(null, "site", "boss", "老板", Role.MANAGER, "boss-password"));
            get(a.create(BOSS, "site", "wang", "王", Role.SUPERVISOR, "wang-password"));
            for (int i = 0; i < LoginThrottle.PER_USER; i++) {
                UserService on = i < 3 ? a : b;
                assertEquals(CentralException.Kind.UNAUTHENTICATED, refusal(on.login("wang", "wrong-password",
                        "10.0.0." + i)), "try " + i);
            }
            assertEquals(CentralException.Kind.TOO_MANY_REQUESTS, refusal(a.login("wang", "wang-password",
                    "10.0.0.9")), "five failures over two centrals block the user");
            clock.advance(LoginThrottle.WINDOW);
            assertTrue(get(a.login("wang", "wang-password", "10.0.0.9")).token() != null, "after the window");
        }
    }

    private static CentralException.Kind refusal(Future<?> f) throws Exception {
        try {
            get(f);
        } catch (java.util.concurrent.ExecutionException e) {
            return ((CentralException) e.getCause()).kind();
        }
        throw new AssertionError("not refused");
    }

    private static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
