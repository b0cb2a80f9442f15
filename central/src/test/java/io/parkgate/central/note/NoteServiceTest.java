package io.parkgate.central.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.change.Change;
import io.parkgate.central.change.Changes;
import io.parkgate.central.change.RecordedNote;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.lane.LaneService;
import io.parkgate.central.passage.PassageService;
import io.parkgate.config.Direction;
import io.parkgate.wire.BarrierState;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.LaneStatus;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lane notes on a real SQLite file built by the production migrations. */
class NoteServiceTest {

    private static final Instant T = Instant.parse("2026-11-23T02:00:00Z");
    private static final Principal WANG = new Principal("wang", "王师傅", Role.ATTENDANT);

    @TempDir
    Path dir;

    /**
     * Verifies that a note names the vehicle's passage: the visit the lane holds now, else the plate's latest
     * event at the lane within the window, else none; and that it is audited and listed newest first.
     */
    @Test
    void attachesToThePassageOfItsPlate() throws Exception {
        try (Database db = io.parkgate.central.db.TestDatabases.open(dir, "c.db")) {
            LaneService lanes = lanes(db);
            Changes changes = new Changes();
            List<Change> told = new CopyOnWriteArrayList<>();
            changes.listen(told::add);
            NoteService notes = new NoteService(db, "site", Clock.fixed(T, ZoneOffset.UTC), lanes, changes);
            new PassageService(db, "site", Clock.fixed(T, ZoneOffset.UTC), new Changes()).storeAndWait(List.of(
                    LaneEvent.of("old", "north-in", EventType.ENTRY, T.minus(Duration.ofHours(5)), "粤B1",
                            "TEMPORARY", "临时车"),
                    LaneEvent.of("e1", "north-in", EventType.ENTRY, T.minus(Duration.ofMinutes(3)), "粤B1",
                            "TEMPORARY", "临时车"),
                    LaneEvent.of("e2", "north-in", EventType.ENTRY, T.minus(Duration.ofHours(5)), "粤B2", "TEMPORARY",
                            "临时车")));
            lanes.updateStatus(new LaneStatus("north-in", true, T, BarrierState.CLOSED, List.of(), 1,
                    new LaneStatus.Waiting("held-visit", T, "粤B3", "粤B3", 90, null, "HOLD", "BLACKLISTED", "黑名单",
                            null, null))).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

            RecordedNote latest = get(notes.record(WANG, new LaneNote(LaneNote.Kind.DAMAGE, "north-in", "粤B1",
                    "左前灯破裂")));
            RecordedNote held = get(notes.record(WANG, new LaneNote(LaneNote.Kind.CALL, "north-in", "粤B3", "")));
            RecordedNote tooOld = get(notes.record(WANG, new LaneNote(LaneNote.Kind.DAMAGE, "north-in", "粤B2", "划痕")));
            RecordedNote noPlate = get(notes.record(WANG, new LaneNote(LaneNote.Kind.GOODS_CHECK, "north-in", null,
                    "")));
            assertEquals("e1", latest.passageEventId(), "the latest entry, not the one 5 hours ago");
            assertEquals("held-visit", held.passageEventId(), "the visit the lane holds");
            assertNull(tooOld.passageEventId(), tooOld.toString());
            assertNull(noPlate.passageEventId(), noPlate.toString());
            assertEquals("north", latest.post());
            assertEquals("王师傅", latest.byName());
            assertEquals(T, latest.at());
            assertEquals(List.of(new Change.NoteRecorded(latest), new Change.NoteRecorded(held),
                    new Change.NoteRecorded(tooOld), new Change.NoteRecorded(noPlate)), told,
                    "every stored note is announced, as stored");

            List<RecordedNote> all = get(notes.list(new NoteService.Query("north-in", null, null, null, null, 10)));
            assertEquals(4, all.size());
            assertEquals(List.of("e1"), get(notes.list(new NoteService.Query(null, null, null, null, "e1", 10)))
                    .stream().map(RecordedNote::passageEventId).toList());
            assertEquals(2, get(notes.list(new NoteService.Query(null, "north", null, null, null, 2))).size());
            assertEquals(0, get(notes.list(new NoteService.Query(null, null, T.plusSeconds(1), null, null, 10)))
                    .size());
            assertEquals(4, db.txAndWait(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM audit_log WHERE action='LANE_NOTE' AND actor='wang'")) {
                    var rs = ps.executeQuery();
                    rs.next();
                    return rs.getInt(1);
                }
            }).intValue());
        }
    }

    /** Verifies that a note on a lane central does not know, or a query with a bad limit, is refused. */
    @Test
    void refusesUnknownLanesAndBadLimits() throws Exception {
        try (Database db = io.parkgate.central.db.TestDatabases.open(dir, "c.db")) {
            NoteService notes = new NoteService(db, "site", Clock.fixed(T, ZoneOffset.UTC), lanes(db), new Changes());
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(notes.record(WANG,
                    new LaneNote(LaneNote.Kind.CALL, "south-9", null, ""))));
            assertTrue(e.getCause() instanceof CentralException && e.getCause().getMessage().contains("south-9"),
                    String.valueOf(e.getCause()));
            assertThrows(CentralException.class, () -> new NoteService.Query(null, null, null, null, null, 0));
            assertThrows(CentralException.class, () -> new NoteService.Query(null, null, null, null, null, 2001));
        }
    }

    private static LaneService lanes(Database db) throws Exception {
        LaneService lanes = LaneService.load(db, "site", Clock.fixed(T, ZoneOffset.UTC),
                new Changes()).toCompletionStage()
                .toCompletableFuture().join();
        lanes.provision("test", new LaneDefinition("north-in", "north", Direction.IN, "password-of-north-in",
                "secret-in-0123456789"))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return lanes;
    }

    private static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
