package io.parkgate.central.exception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.change.Change;
import io.parkgate.central.change.Changes;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.lane.LaneService;
import io.parkgate.central.passage.PassageService;
import io.parkgate.config.Direction;
import io.parkgate.testing.MutableClock;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandKind;
import io.parkgate.wire.CommandSigner;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.PaymentMethod;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExceptionServiceTest {

    private static final Instant T = Instant.parse("2026-11-22T06:00:00Z");
    private static final String SECRET = "north-out-secret-0123456789";
    private static final Principal SUP = new Principal("sup", "Sup", Role.SUPERVISOR);
    private static final Principal SUP2 = new Principal("sup2", "Sup2", Role.SUPERVISOR);
    @TempDir
    Path dir;

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** The exit lane provisioned and the service, escalating after 5 min; commands go to {@code sent}. */
    private static ExceptionService service(Database db, MutableClock clock, List<Command> sent, Changes changes)
            throws Exception {
        LaneService lanes = await(LaneService.load(db, "site", clock, new Changes()));
        await(lanes.provision("test", new LaneDefinition("north-out", "gate", Direction.OUT, "out-password-1",
                SECRET)));
        return new ExceptionService(db, "site", clock, Duration.ofMinutes(5),
                new CommandIssuer(lanes, clock, Duration.ofSeconds(60), sent::add), changes);
    }

    /** Verifies escalation after the configured time, claim rules, and a signed release sent on resolve. */
    @Test
    void escalateClaimResolveRelease() throws Exception {
        MutableClock clock = new MutableClock(T, ZoneOffset.UTC);
        try (Database db = io.parkgate.central.db.TestDatabases.open(dir, "c.db")) {
            List<Command> sent = new CopyOnWriteArrayList<>();
            Changes changes = new Changes();
            List<Change> told = new CopyOnWriteArrayList<>();
            changes.listen(told::add);
            ExceptionService s = service(db, clock, sent, changes);
            new PassageService(db, "site", clock, new Changes()).storeAndWait(List.of(LaneEvent.of("e1", "north-out",
                    EventType.EXCEPTION, T, null, "PLATELESS", "无牌车")));
            assertEquals(0, await(s.escalateOverdue()));
            assertEquals(List.of(), told, "nothing escalated, nothing announced");
            clock.set(T.plus(Duration.ofMinutes(6)));
            assertEquals(1, await(s.escalateOverdue()));
            assertEquals(List.of(new Change.ExceptionsChanged()), told, "the escalation is announced");
            assertEquals(ExceptionStatus.ESCALATED, await(s.get("X-e1")).exception().status());

            assertEquals(CentralException.Kind.FORBIDDEN, assertThrows(CentralException.class,
                    () -> await(s.claim(new Principal("a", "A", Role.ATTENDANT), "X-e1"))).kind());
            Resolution collect = new Resolution(null, null, "无牌，车主到场", null, 2000, Resolution.FeeAction.COLLECT,
                    PaymentMethod.CASH, null, "收费放行", true);
            assertEquals(CentralException.Kind.CONFLICT, assertThrows(CentralException.class,
                    () -> await(s.resolve(SUP, "X-e1", collect))).kind(), "resolved before being claimed");
            assertEquals(1, told.size(), "refusals change nothing and are not announced");
            await(s.claim(SUP, "X-e1"));
            assertEquals(2, told.size(), "the claim is announced");
            assertEquals(CentralException.Kind.CONFLICT, assertThrows(CentralException.class,
                    () -> await(s.claim(SUP2, "X-e1"))).kind());
            assertEquals(CentralException.Kind.FORBIDDEN, assertThrows(CentralException.class,
                    () -> await(s.resolve(SUP2, "X-e1", collect))).kind(), "resolved by another supervisor");
            assertTrue(sent.isEmpty());
            ExceptionCase done = await(s.resolve(SUP, "X-e1", collect));
            assertEquals(360L, done.secondsToClaim());
            assertEquals(3, told.size(), "the resolution is announced");
            assertEquals(1, sent.size());
            Command c = sent.get(0);
            assertEquals(CommandKind.RELEASE, c.kind());
            assertEquals(done.commandId(), c.commandId());
            assertTrue(new CommandSigner(SECRET).verify(c));
        }
    }

    /**
     * Verifies that the plate of a case escalated to the manager is not corrected at the booth: an attendant and an
     * unclaimed supervisor are refused and the case stays escalated; the supervisor who claims it, or the manager,
     * corrects it, and only then is a command sent to the lane.
     */
    @Test
    void anEscalatedCasesPlateIsCorrectedOnlyByAManagerOrItsClaimingSupervisor() throws Exception {
        MutableClock clock = new MutableClock(T, ZoneOffset.UTC);
        try (Database db = io.parkgate.central.db.TestDatabases.open(dir, "c.db")) {
            List<Command> sent = new CopyOnWriteArrayList<>();
            ExceptionService s = service(db, clock, sent, new Changes());
            new PassageService(db, "site", clock, new Changes()).storeAndWait(List.of(
                    LaneEvent.of("e1", "north-out", EventType.EXCEPTION, T, "粤B12345", "PLATE_CARD_MISMATCH", "车牌不符"),
                    LaneEvent.of("e2", "north-out", EventType.EXCEPTION, T, "粤B12346", "PLATE_CARD_MISMATCH", "车牌不符")));
            clock.set(T.plus(Duration.ofMinutes(6)));
            assertEquals(2, await(s.escalateOverdue()));

            Principal attendant = new Principal("a", "A", Role.ATTENDANT);
            for (Principal p : List.of(attendant, SUP)) {
                CentralException refused = assertThrows(CentralException.class,
                        () -> await(s.correctPlate(p, "X-e1", "粤B12347")), p.username());
                assertEquals(CentralException.Kind.CONFLICT, refused.kind(), p.username());
                assertTrue(refused.getMessage().contains("escalated to the manager"), refused.getMessage());
            }
            assertEquals(ExceptionStatus.ESCALATED, await(s.get("X-e1")).exception().status());
            assertEquals(List.of(), sent, "a refused correction sends the lane nothing");

            await(s.claim(SUP, "X-e1"));
            assertEquals(ExceptionStatus.RESOLVED, await(s.correctPlate(SUP, "X-e1", "粤B12347")).status());
            Principal manager = new Principal("m", "M", Role.MANAGER);
            assertEquals(ExceptionStatus.RESOLVED, await(s.correctPlate(manager, "X-e2", "粤B12348")).status());
            assertEquals(List.of(CommandKind.CORRECT_PLATE, CommandKind.CORRECT_PLATE),
                    sent.stream().map(Command::kind).toList());
        }
    }

    /** Verifies that a waiver without a reason and a negative fee are refused with the field named. */
    @Test
    void badResolutionsRefused() {
        CentralException e = assertThrows(CentralException.class, () -> new Resolution(null, null, null, null, 100,
                Resolution.FeeAction.WAIVE, null, " ", "放行", true));
        assertTrue(e.getMessage().contains("waiveReason"), e.getMessage());
        assertThrows(CentralException.class, () -> new Resolution(null, null, null, null, -1,
                Resolution.FeeAction.COLLECT, PaymentMethod.CASH, null, "放行", true));
    }
}
