package io.parkgate.central.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.db.Database;
import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.db.TestDatabases;
import io.parkgate.testing.MutableClock;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases between two centrals on one database (SQLite here; PostgreSQL in the postgresql-tests profile). */
class LeasesTest {

    private static final Duration TIME = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** Verifies that one central holds a lease until it lapses, then the other takes it over. */
    @Test
    void oneHolderUntilItsLeaseLapses() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T02:00:00Z"));
        try (Database db = TestDatabases.open(dir, "c.db")) {
            Leases a = new Leases(db, clock, "central-a");
            Leases b = new Leases(db, clock, "central-b");
            assertTrue(get(a.hold("long-stay", TIME)), "the first to ask takes it");
            assertFalse(get(b.hold("long-stay", TIME)), "held by A");
            assertTrue(get(b.hold("escalation", TIME)), "another lease is independent");
            clock.advance(TIME.minusSeconds(1));
            assertTrue(get(a.hold("long-stay", TIME)), "A renews");
            clock.advance(TIME.minusSeconds(1));
            assertFalse(get(b.hold("long-stay", TIME)), "renewed: still A's");
            clock.advance(Duration.ofSeconds(1)); // A stopped renewing (killed): its lease lapses
            assertTrue(get(b.hold("long-stay", TIME)), "B takes over a lapsed lease");
            assertFalse(get(a.hold("long-stay", TIME)), "A, back, finds it B's");
            get(b.release("long-stay"));
            assertTrue(get(a.hold("long-stay", TIME)), "released at B's clean stop: A takes it at once");
            get(b.release("long-stay"));
            assertFalse(get(b.hold("long-stay", TIME)), "B cannot release what A holds");
        }
    }

    /** Verifies that two centrals asking at once through their own connections never both win. */
    @Test
    void twoCentralsAskingAtOnceNeverBothWin() throws Exception {
        DatabaseTarget target = TestDatabases.target(dir, "c.db");
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T02:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Database one = Database.open(target); Database two = Database.open(target)) {
            Leases a = new Leases(one, clock, "central-a");
            Leases b = new Leases(two, clock, "central-b");
            for (int round = 0; round < 50; round++) {
                String name = "job-" + round;
                var fa = pool.submit((Callable<Boolean>) () -> get(a.hold(name, TIME)));
                var fb = pool.submit((Callable<Boolean>) () -> get(b.hold(name, TIME)));
                int winners = (fa.get(30, TimeUnit.SECONDS) ? 1 : 0) + (fb.get(30, TimeUnit.SECONDS) ? 1 : 0);
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Verifies that a lease is refused a name-less holder and a time that is not positive. */
    @Test
    void refusesNonsense() throws Exception {
        try (Database db = TestDatabases.open(dir, "c.db")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new Leases(db, Clock.systemUTC(), " "));
            Leases a = new Leases(db, Clock.systemUTC(), "a");
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> a.hold("x", Duration.ZERO));
        }
    }

    private static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
