package io.parkgate.agent.device.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.feedback.FreeSpaces;
import io.parkgate.agent.lane.Authorisation;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.agent.lane.VehicleVisit;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.wire.SpaceCount;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The entry's free-space count: central's when it has one, lowered by the lane's own entries after it. */
class FreeSpacesTest {

    private static final Instant T = Instant.parse("2026-11-23T01:00:00Z");
    private final AtomicInteger openStays = new AtomicInteger(3);
    private final FreeSpaces spaces = new FreeSpaces("north-in", 10, openStays::get);

    /** Verifies the count before central, after central's count, after own entries, and central's next count. */
    @Test
    void centralsCountLoweredByOwnEntries() {
        assertEquals(7, spaces.free(), "capacity less the stays known, before central counts");
        assertFalse(spaces.fromCentral());

        spaces.central(new SpaceCount(10, 4, T));
        assertEquals(4, spaces.free(), "central's count, not the stays this lane knows");
        enter(null);
        enter(null);
        assertEquals(2, spaces.free(), "own entries take spaces while central is away");
        enter("earlier-stay");
        assertEquals(2, spaces.free(), "an entry replacing the vehicle's earlier stay takes no new space");

        spaces.central(new SpaceCount(10, 1, T.plusSeconds(60)));
        assertEquals(1, spaces.free(), "central's next count includes the entries");
        enter(null);
        enter(null);
        assertEquals(0, spaces.free(), "never below 0");
    }

    /** Verifies that counts that make no sense for the lane are ignored and the count shown stays. */
    @Test
    void nonsenseCountsIgnored() {
        spaces.central(new SpaceCount(10, 6, T));
        spaces.central(new SpaceCount(10, -1, T));
        spaces.central(new SpaceCount(10, 11, T));
        spaces.central(new SpaceCount(300, 250, T));
        spaces.central(new SpaceCount(10, Long.MIN_VALUE, T));
        assertEquals(6, spaces.free());
        assertEquals(4, spaces.ignored());
        spaces.central(new SpaceCount(10, 10, T));
        assertEquals(10, spaces.free(), "an empty car park is a count like any other");
    }

    /** Verifies that only entry lanes whose display shows a count have one. */
    @Test
    void onlyEntryDisplaysWithSpaces() {
        assertTrue(new FreeSpaces("x", 1, () -> 5).free() == 0, "over-full is 0");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FreeSpaces("x", 0, () -> 0));
    }

    private void enter(String replacing) {
        Decision d = new Decision(Verdict.OPEN, DecisionCode.TEMPORARY, "粤B12345", "粤B12345", null, null, null,
                "临时车", "temporary", "欢迎光临", PayerCategory.TEMPORARY, null, replacing);
        VehicleVisit v = VehicleVisit.arrive(T);
        spaces.actions(new LaneSnapshot("north-in", null, null, v, null), List.of(new LaneAction.Decided(v, d),
                new LaneAction.CommitPassage(v, d, Authorisation.BY_DECISION, T), new LaneAction.PulseOpen()));
    }
}
