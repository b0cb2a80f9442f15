package io.parkgate.central.exception;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.change.Changes;
import io.parkgate.central.db.Database;
import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.db.TestPostgres;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.lane.LaneService;
import io.parkgate.central.passage.PassageService;
import io.parkgate.config.Direction;
import io.parkgate.wire.Command;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two centrals (two connections) on one database take the same exception at the same moment: one supervisor
 * gets it, the other is told it is taken; one resolution, one release command. Alone, a central's one database
 * thread puts such requests in a row; several centrals must not rely on that.
 */
class ClaimRaceTest {

    private static final Principal LI = new Principal("li", "李班长", Role.SUPERVISOR);
    private static final Principal ZHAO = new Principal("zhao", "赵班长", Role.SUPERVISOR);
    private static final Principal BOSS = new Principal("boss", "经理", Role.MANAGER);
    private static final String SECRET = "north-out-secret-0123456789";

    /** Verifies that of two claims (and two resolutions) made at once on two centrals, exactly one succeeds. */
    @Test
    void oneClaimAndOneResolutionWinAcrossCentrals() throws Exception {
        // Several centrals share a PostgreSQL database (they are refused on SQLite): this runs on one.
        DatabaseTarget target = TestPostgres.newDatabase();
        Clock clock = Clock.systemUTC();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Database one = Database.open(target); Database two = Database.open(target)) {
            LaneService lanesA = await(LaneService.load(one, "site", clock, new Changes()));
            await(lanesA.provision("test", new LaneDefinition("north-out", "gate", Direction.OUT, "out-password-1",
                    SECRET)));
            LaneService lanesB = await(LaneService.load(two, "site", clock, new Changes()));
            List<Command> sent = new CopyOnWriteArrayList<>();
            ExceptionService a = new ExceptionService(one, "site", clock, Duration.ofMinutes(5),
                    new CommandIssuer(lanesA, clock, Duration.ofSeconds(60), sent::add), new Changes());
            ExceptionService b = new ExceptionService(two, "site", clock, Duration.ofMinutes(5),
                    new CommandIssuer(lanesB, clock, Duration.ofSeconds(60), sent::add), new Changes());
            PassageService passages = new PassageService(one, "site", clock, new Changes());
            Resolution release = new Resolution(null, null, "无牌，车主到场", null, 0, Resolution.FeeAction.WAIVE,
                    null, "车主为业主", "放行", true);
            for (int round = 0; round < 30; round++) {
                String event = "e" + round;
                passages.storeAndWait(List.of(LaneEvent.of(event, "north-out", EventType.EXCEPTION, Instant.now(),
                        null, "PLATELESS", "无牌车")));
                String id = "X-" + event;
                int claims = wins(pool, () -> await(a.claim(LI, id)), () -> await(b.claim(ZHAO, id)));
                assertEquals(1, claims, "round " + round + ": claims that succeeded");
                ExceptionCase held = await(a.list(null)).stream().filter(x -> x.id().equals(id)).findFirst()
                        .orElseThrow();
                Principal claimer = "li".equals(held.claimedBy()) ? LI : ZHAO;
                int before = sent.size();
                int resolutions = wins(pool, () -> await(a.resolve(claimer, id, release)),
                        () -> await(b.resolve(BOSS, id, release)));
                assertEquals(1, resolutions, "round " + round + ": resolutions that succeeded");
                assertEquals(before + 1, sent.size(), "round " + round + ": one release command");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many of the two calls, started together, succeeded. */
    private static int wins(ExecutorService pool, Callable<?> first, Callable<?> second) throws Exception {
        var f1 = pool.submit(first);
        var f2 = pool.submit(second);
        int n = 0;
        for (var f : List.of(f1, f2)) {
            try {
                f.get(30, TimeUnit.SECONDS);
                n++;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof io.parkgate.central.error.CentralException)
                        && !(e.getCause() instanceof java.util.concurrent.ExecutionException x
                        && x.getCause() instanceof io.parkgate.central.error.CentralException)) {
                    throw e; // a refusal is expected; anything else is a failure
                }
            }
        }
        return n;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
