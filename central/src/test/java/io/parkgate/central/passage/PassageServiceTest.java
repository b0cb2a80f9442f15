package io.parkgate.central.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.change.Change;
import io.parkgate.central.change.Changes;
import io.parkgate.central.db.Database;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassageServiceTest {

    private static final Instant T = Instant.parse("2026-11-22T06:00:00Z");
    @TempDir
    Path dir;

    /** Verifies that an event sent twice is stored once, and that exceptions open with the first copy only. */
    @Test
    void storedExactlyOnce() {
        try (Database db = io.parkgate.central.db.TestDatabases.open(dir, "c.db")) {
            Changes changes = new Changes();
            List<Change> told = new ArrayList<>();
            changes.listen(told::add);
            PassageService s = new PassageService(db, "site", Clock.systemUTC(), changes);
            LaneEvent held = LaneEvent.of("e1", "north-out", EventType.EXCEPTION, T, "粤B1", "PLATELESS", "无牌车");
            LaneEvent entry = LaneEvent.of("e2", "north-in", EventType.ENTRY, T.plusSeconds(5), "粤B2", "VISITOR", "访客");
            PassageService.Stored first = s.storeAndWait(List.of(held, entry));
            assertEquals(2, first.inserted());
            assertEquals(List.of("X-e1"), first.openedExceptions());
            assertEquals(List.of(new Change.PassagesStored(List.of(held, entry)), new Change.ExceptionsChanged()), told,
                    "the stored rows and the opened case are announced once committed");
            told.clear();
            PassageService.Stored again = s.storeAndWait(List.of(entry, held));
            assertEquals(0, again.inserted());
            assertEquals(2, again.duplicates());
            assertTrue(again.openedExceptions().isEmpty());
            assertEquals(List.of(), told, "duplicates change nothing and are not announced again");
            assertEquals(2L, s.count().toCompletionStage().toCompletableFuture().join());
        }
    }

    /** Verifies the register filters (plate, lane, time range, decision) and the CSV export. */
    @Test
    void queryAndCsv() {
        try (Database db = io.parkgate.central.db.TestDatabases.open(dir, "c.db")) {
            PassageService s = new PassageService(db, "site", Clock.systemUTC(), new Changes());
            s.storeAndWait(List.of(
                    LaneEvent.of("a", "north-in", EventType.ENTRY, T, "粤B1", "RESIDENT_PASS", "月卡"),
                    LaneEvent.of("b", "north-out", EventType.EXIT, T.plusSeconds(60), "粤B1", "SHORT_STAY", "短时,免费"),
                    LaneEvent.of("c", "north-in", EventType.ENTRY, T.plusSeconds(120), "粤B2", "TEMPORARY", "临时车")));
            assertEquals(2, join(s.query(new RegisterQuery("粤B1", null, null, null, null, null, 100))).size());
            assertEquals(List.of("c"), join(s.query(new RegisterQuery(null, "north-in", T.plusSeconds(1), null, null,
                    null, 100))).stream().map(LaneEvent::eventId).toList());
            List<LaneEvent> shortStay = join(s.query(new RegisterQuery(null, null, null, null, "SHORT_STAY",
                    null, 100)));
            String csv = RegisterCsv.render(shortStay);
            assertTrue(csv.startsWith("\uFEFF时间"), csv);
            assertTrue(csv.contains("\"短时,免费\""), csv);
            assertThrows(IllegalArgumentException.class, () -> new RegisterQuery(null, null, T, T.minusSeconds(1),
                    null, null, 10));
        }
    }

    private static <T> T join(io.vertx.core.Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
