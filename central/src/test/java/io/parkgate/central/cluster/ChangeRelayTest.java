package io.parkgate.central.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.change.Change;
import io.parkgate.central.change.Changes;
import io.parkgate.central.change.RecordedNote;
import io.parkgate.central.db.Database;
import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.db.TestPostgres;
import io.parkgate.central.passage.PassageService;
import io.parkgate.central.registry.RegistryService;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Owner;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two centrals' relays on one PostgreSQL database: what one commits (passages, the exception queue, the registry's
 * version, a forced resync) the other is told, and never its own.
 */
class ChangeRelayTest {

    private static final Principal BOSS = new Principal("boss", "经理", Role.MANAGER);

    /** Verifies that passages, queue changes and registry versions stored through x reach y, not x itself. */
    @Test
    void whatOneCentralCommitsTheOtherIsTold() throws Exception {
        DatabaseTarget.Postgres target = TestPostgres.newDatabase();
        Clock clock = Clock.systemUTC();
        try (Database dx = Database.open(target); Database dy = Database.open(target)) {
            Changes changesX = new Changes();
            PassageService px = new PassageService(dx, "site", clock, changesX);
            PassageService py = new PassageService(dy, "site", clock, new Changes());
            RegistryService rx = await(RegistryService.load(dx, "site", clock));
            RegistryService ry = await(RegistryService.load(dy, "site", clock));
            List<Change> toldX = new CopyOnWriteArrayList<>();
            List<Change> toldY = new CopyOnWriteArrayList<>();
            List<LaneEvent> storedForY = new CopyOnWriteArrayList<>();
            try (ChangeRelay x = new ChangeRelay(dx, target, "x", "site", px, rx, toldX::add, rows -> { },
                    () -> { }).start();
                 ChangeRelay y = new ChangeRelay(dy, target, "y", "site", py, ry, toldY::add, storedForY::addAll,
                         () -> { })
                         .start()) {
                changesX.listen(x::announced);
                rx.onChange(d -> x.registryChanged(d.toVersion()));
                rx.onForcedResync(v -> x.forcedResync(rx.forcedUntil()));

                // 400 events in one batch: more ids than one notification holds.
                List<LaneEvent> events = IntStream.range(0, 400).mapToObj(i -> LaneEvent.of("ev-" + i, "north-in",
                        EventType.ENTRY, Instant.now(), String.format("粤B%05d", i), "TEMPORARY", "临时车"))
                        .toList();
                px.storeAndWait(events);
                px.storeAndWait(List.of(LaneEvent.of("ex-1", "north-out", EventType.EXCEPTION, Instant.now(),
                        null, "PLATELESS", "无牌车")));
                Await.until(Duration.ofSeconds(30), "y told of every row x stored", () -> storedForY.size() == 401);
                assertTrue(toldY.stream().anyMatch(c -> c instanceof Change.ExceptionsChanged), toldY.toString());
                assertEquals(401, toldY.stream().filter(c -> c instanceof Change.PassagesStored)
                        .mapToInt(c -> ((Change.PassagesStored) c).events().size()).sum());

                // A lane note, whole: the console on y shows it at once, as on x.
                RecordedNote note = new RecordedNote("n-1", Instant.parse("2026-12-05T02:00:00Z"), "north-in",
                        "north-gate", "DAMAGE", "粤B12345", "左前门有划痕，已告知司机\"王\"", "wang", "王师傅", "ev-1");
                changesX.announce(new Change.NoteRecorded(note));
                Await.until(Duration.ofSeconds(30), "y told of x's note", () -> toldY.contains(
                        new Change.NoteRecorded(note)));

                long v = await(rx.upsert(BOSS, new RegistrySnapshot(0, List.of(new Owner("o1", "张三", "1-1-101",
                        "138")), List.of(new Vehicle("粤B12345", "o1", PlateColour.BLUE, VehicleClass.SMALL)),
                        List.of(), List.of(), List.of(), List.of(), List.of())));
                Await.until(Duration.ofSeconds(30), "y knows the registry's new version", () -> ry.version() == v);
                assertFalse(ry.forcing());
                await(rx.forceResync(BOSS, "数据库恢复"));
                Await.until(Duration.ofSeconds(30), "y sends snapshots forced too", ry::forcing);
                assertTrue(toldX.isEmpty(), "x is not told its own changes: " + toldX);
            }
        }
    }

    /**
     * Verifies that after a PostgreSQL restart the relay listens again by itself, says so (the consoles' state is
     * then read again), and the other central is told of what is stored afterwards.
     */
    @Test
    void listensAgainAfterAServerRestart() throws Exception {
        DatabaseTarget.Postgres target = TestPostgres.newDatabase();
        Clock clock = Clock.systemUTC();
        TestPostgres server = TestPostgres.shared();
        try (Database dx = Database.open(target); Database dy = Database.open(target)) {
            Changes changesX = new Changes();
            PassageService px = new PassageService(dx, "site", clock, changesX);
            RegistryService rx = await(RegistryService.load(dx, "site", clock));
            RegistryService ry = await(RegistryService.load(dy, "site", clock));
            List<LaneEvent> storedForY = new CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicInteger resynced = new java.util.concurrent.atomic.AtomicInteger();
            try (ChangeRelay x = new ChangeRelay(dx, target, "x", "site", px, rx, c -> { }, rows -> { },
                    () -> { }).start();
                 ChangeRelay y = new ChangeRelay(dy, target, "y", "site", new PassageService(dy, "site", clock,
                         new Changes()), ry,
                         c -> { }, storedForY::addAll, resynced::incrementAndGet).start()) {
                changesX.listen(x::announced);
                px.storeAndWait(List.of(LaneEvent.of("before", "north-in", EventType.ENTRY, Instant.now(), "粤B1",
                        "TEMPORARY", "临时车")));
                Await.until(Duration.ofSeconds(30), "told before the restart", () -> storedForY.size() == 1);
                server.stopNow();
                server.restart();
                Await.until(Duration.ofSeconds(60), "y listening again", () -> resynced.get() == 1);
                // x's own connection meets the restart at its next work; the lanes would resend that batch.
                for (int attempt = 0; ; attempt++) {
                    try {
                        px.storeAndWait(List.of(LaneEvent.of("after", "north-in", EventType.ENTRY, Instant.now(),
                                "粤B2", "TEMPORARY", "临时车")));
                        break;
                    } catch (RuntimeException e) {
                        if (!Database.isUnavailable(e) || attempt > 3) {
                            throw e;
                        }
                    }
                }
                Await.until(Duration.ofSeconds(30), "told after the restart", () -> storedForY.size() == 2);
                assertEquals("after", storedForY.get(1).eventId());
            }
        }
    }

    /** Verifies that ids of any characters are kept apart and every chunk fits a notification. */
    @Test
    void eventIdsAreChunkedToFitANotification() {
        List<String> ids = IntStream.range(0, 1000).mapToObj(i -> "车道,事件 \"" + i + "\" " + "x".repeat(40))
                .toList();
        List<String> chunks = ChangeRelay.chunks(ids);
        assertTrue(chunks.size() > 1, "more than one notification");
        List<Object> back = new java.util.ArrayList<>();
        for (String c : chunks) {
            assertTrue(c.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < ChangeRelay.MAX_PAYLOAD, c);
            new io.vertx.core.json.JsonArray(c).forEach(back::add);
        }
        assertEquals(ids, back);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
