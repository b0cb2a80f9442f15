package io.parkgate.central.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.auth.UserService;
import io.parkgate.central.change.Changes;
import io.parkgate.central.db.Database;
import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.db.TestPostgres;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.lane.LaneService;
import io.parkgate.testing.Await;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two centrals of a group on one PostgreSQL database, both asked to accept (or sign) the same handover at once.
 * Each reads the form as not yet accepted before either writes; only the guard in the update lets just one win.
 * The race is made certain, not hoped for: the test holds the form's row locked until both centrals wait on it.
 */
class HandoverRaceTest {

    private static final String SITE = "site";
    private static final String POST = "北门岗";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Principal WANG = new Principal("wang", "王", Role.ATTENDANT);
    private static final Principal LI = new Principal("li", "李", Role.ATTENDANT);
    private static final Principal SUP1 = new Principal("sup1", "班长一", Role.SUPERVISOR);
    private static final Principal SUP2 = new Principal("sup2", "班长二", Role.SUPERVISOR);

    private final Clock clock = Clock.systemUTC();
    private DatabaseTarget.Postgres target;
    private Database dbA;
    private Database dbB;
    private ShiftService centralA;
    private ShiftService centralB;

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @BeforeEach
    void twoCentralsOnOneDatabase() throws Exception {
        target = TestPostgres.newDatabase();
        dbA = Database.open(target, SITE);
        dbB = Database.open(target, SITE);
        try (UserService users = new UserService(dbA, clock)) {
            await(users.create(null, SITE, "li", "李", Role.ATTENDANT, "li-password-1"));
        }
        centralA = new ShiftService(dbA, SITE, clock, await(LaneService.load(dbA, SITE, clock, new Changes())),
                ZoneId.of("Asia/Shanghai"));
        centralB = new ShiftService(dbB, SITE, clock, await(LaneService.load(dbB, SITE, clock, new Changes())),
                ZoneId.of("Asia/Shanghai"));
    }

    @AfterEach
    void close() {
        dbA.close();
        dbB.close();
    }

    /** Verifies that of two simultaneous acceptances one wins, and the post gets one new shift, not two. */
    @Test
    void ofTwoSimultaneousAcceptancesOneWins() throws Exception {
        Handover form = handedOverToLi();
        List<Future<Handover>> both = whileFormLocked(form.id(),
                () -> List.of(centralA.accept(LI, form.id()), centralB.accept(LI, form.id())));

        assertEquals(1, winners(both, "was accepted meanwhile"));
        assertEquals(List.of("wang", "li"), shiftsAtThePost(), "one shift handed over, one taken");
        assertEquals("li", await(centralA.currentShift(POST)).shift().attendant());
    }

    /** Verifies that of two supervisors signing at once one signature is kept, and the form names that one. */
    @Test
    void ofTwoSimultaneousSignaturesOneIsKept() throws Exception {
        Handover form = handedOverToLi();
        await(centralA.accept(LI, form.id()));
        List<Future<Handover>> both = whileFormLocked(form.id(),
                () -> List.of(centralA.sign(SUP1, form.id()), centralB.sign(SUP2, form.id())));

        assertEquals(1, winners(both, "was signed meanwhile"));
        String winner = both.get(0).succeeded() ? "sup1" : "sup2";
        assertEquals(winner, await(centralB.handover(form.id())).supervisor());
    }

    private Handover handedOverToLi() throws Exception {
        Shift shift = await(centralA.open(WANG, POST));
        return await(centralA.handOver(WANG, shift.id(), new HandoverForm("li", "夜班无异常", 2, 3, 1, 2, 150, 0,
                null)));
    }

    /**
     * Starts the calls while the form's row is locked, waits until both centrals' transactions wait for that lock
     * (so both have read the form as it was), releases it and waits for both outcomes.
     */
    private <T> List<Future<T>> whileFormLocked(String handoverId, java.util.function.Supplier<List<Future<T>>> calls)
            throws Exception {
        List<Future<T>> started;
        try (Connection lock = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password())) {
            lock.setAutoCommit(false);
            try (PreparedStatement ps = lock.prepareStatement("SELECT id FROM handovers WHERE id=? FOR UPDATE")) {
                ps.setString(1, handoverId);
                ps.executeQuery().close();
            }
            started = calls.get();
            Await.until(PATIENCE, "both centrals waiting to write the form", () -> waitingOnALock(lock) == 2);
            lock.commit();
        }
        List<CompletableFuture<T>> outcomes = new ArrayList<>();
        for (Future<T> f : started) {
            outcomes.add(f.toCompletionStage().toCompletableFuture().exceptionally(e -> null));
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get();
        return started;
    }

    private static int waitingOnALock(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's activity: " + e.getMessage(), e);
        }
    }

    /** How many calls succeeded; each that failed must have failed as a conflict saying {@code why}. */
    private static <T> int winners(List<Future<T>> calls, String why) {
        int won = 0;
        for (Future<T> f : calls) {
            if (f.succeeded()) {
                won++;
            } else {
                assertTrue(f.cause() instanceof CentralException e && e.kind().status() == 409
                        && e.getMessage().contains(why), String.valueOf(f.cause()));
            }
        }
        return won;
    }

    private List<String> shiftsAtThePost() throws Exception {
        return dbA.txAndWait(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT attendant FROM shifts WHERE site=? AND post=? ORDER BY started_at")) {
                ps.setString(1, SITE);
                ps.setString(2, POST);
                List<String> attendants = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        attendants.add(rs.getString(1));
                    }
                }
                return attendants;
            }
        });
    }
}
