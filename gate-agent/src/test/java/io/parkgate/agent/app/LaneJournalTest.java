package io.parkgate.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.VehicleVisit;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.agent.registry.OpenStays;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.config.Direction;
import io.parkgate.plate.PlateColour;
import io.parkgate.tariff.PayerCategory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaneJournalTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);

    /**
     * Verifies that the held visits a release can name stay bounded: a visit's exceptions are forgotten once
     * another vehicle is held (it no longer waits), while the held one's, corrected plates included, are kept.
     */
    @Test
    void heldVisitsAreForgottenOnceAnotherVehicleIsHeld() {
        try (AgentStore store = AgentStore.open(dir, "north-out", clock)) {
            LaneJournal journal = new LaneJournal("north-out", Direction.OUT, store, new OpenStays(), e -> { },
                    clock);
            String first = null;
            for (int i = 0; i < 50; i++) {
                String exception = hold(journal, VehicleVisit.arrive(clock.instant()), "粤B" + (10000 + i));
                first = first == null ? exception : first;
            }
            assertNull(journal.heldVisit(first), "the first held vehicle left long ago");
            assertEquals(1, journal.heldVisitCount(), "only the vehicle held now");

            VehicleVisit now = VehicleVisit.arrive(clock.instant());
            String misread = hold(journal, now, "粤B8888");
            String corrected = hold(journal, now, "粤B8883");
            assertEquals(now.eventId(), journal.heldVisit(misread), "the held vehicle, as first read");
            assertEquals(now.eventId(), journal.heldVisit(corrected), "the held vehicle, corrected");
            assertEquals(2, journal.heldVisitCount());
        }
    }

    /** Holds {@code visit} read as {@code plate}; returns the exception id central's release would name. */
    private String hold(LaneJournal journal, VehicleVisit visit, String plate) {
        VehicleVisit read = visit.withPlate(new PlateRead(plate, PlateColour.BLUE, 95, null));
        Decision held = new Decision(Verdict.HOLD, DecisionCode.BLACKLISTED, plate, plate, null, MatchKind.EXACT,
                null, "黑名单", "blacklisted", null, PayerCategory.TEMPORARY, null, null);
        journal.held(new LaneAction.Hold(read, held, clock.instant()));
        return "X-" + LaneJournal.exceptionEventId(visit.eventId(), plate, DecisionCode.BLACKLISTED.name());
    }
}
