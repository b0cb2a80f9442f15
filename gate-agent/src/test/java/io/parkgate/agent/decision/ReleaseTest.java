package io.parkgate.agent.decision;

import static io.parkgate.agent.decision.Site.NOW;
import static io.parkgate.agent.decision.Site.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.config.Direction;
import io.parkgate.config.LaneRules;
import io.parkgate.tariff.PayerCategory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReleaseTest {

    private final Site site = new Site();
    private final DecisionEngine engine = new DecisionEngine();

    /** Verifies that a held entry released by the supervisor opens as temporary, keeping the code. */
    @Test
    void releasedEntryOpensAsTemporary() {
        Decision held = engine.decideEntry(site.lane(), read("粤A77777"), Site.RESIDENT_CARD, NOW);
        Decision d = engine.decideAfterRelease(Direction.IN, site.lane(), held, NOW);
        assertEquals(Verdict.OPEN, d.verdict());
        assertEquals(DecisionCode.CARD_PLATE_MISMATCH, d.code());
        assertEquals(PayerCategory.TEMPORARY, d.payer());
        assertTrue(d.reason().startsWith("班长核实后放行，按临时车收费；原因：卡0E00A35C21"), d.reason());
    }

    /** Verifies that a held exit released by the supervisor is charged as temporary from its entry. */
    @Test
    void releasedExitChargedAsTemporary() {
        site.inside("e1", Site.RESIDENT, null, Duration.ofMinutes(150), PayerCategory.PASS_HOLDER);
        Decision held = engine.decideExit(site.lane(), read(Site.RESIDENT), "0E00000002", NOW);
        assertEquals(DecisionCode.CARD_PLATE_MISMATCH, held.code());
        Decision d = engine.decideAfterRelease(Direction.OUT, site.lane(), held, NOW);
        assertEquals(Verdict.COLLECT_FEE, d.verdict());
        assertEquals(DecisionCode.CARD_PLATE_MISMATCH, d.code());
        assertEquals(PayerCategory.TEMPORARY, d.payer());
        assertEquals(1500, d.fee().fen());
        assertEquals("e1", d.entryEventId());
    }

    /** Verifies that a held exit without entry record is released at the flat fee. */
    @Test
    void releasedExitWithoutEntryPaysFlat() {
        LaneContext ctx = site.lane(Site.rules(LaneRules.AlreadyInsideRule.REPLACE_STAY,
                LaneRules.NoEntryRecordRule.HOLD, LaneRules.ExpiredPassRule.HOLD));
        Decision held = engine.decideExit(ctx, read("苏E54321"), null, NOW);
        Decision d = engine.decideAfterRelease(Direction.OUT, ctx, held, NOW);
        assertEquals(Verdict.COLLECT_FEE, d.verdict());
        assertEquals(DecisionCode.NO_ENTRY_RECORD, d.code());
        assertEquals(2000, d.fee().fen());
    }

    /** Verifies that a plateless exit released by the supervisor and found by nothing pays the flat fee. */
    @Test
    void releasedPlatelessExit() {
        Decision held = engine.decideExit(site.lane(), null, null, NOW);
        Decision d = engine.decideAfterRelease(Direction.OUT, site.lane(), held, NOW);
        assertEquals(DecisionCode.PLATELESS, d.code());
        assertEquals(2000, d.fee().fen());
    }

    /** Verifies that releasing a decision that is not a hold is refused, naming it. */
    @Test
    void refusesToReleaseAnOpen() {
        Decision open = engine.decideEntry(site.lane(), read(Site.RESIDENT), null, NOW);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.decideAfterRelease(Direction.IN, site.lane(), open, NOW));
        assertEquals("only a held vehicle can be released; decision RESIDENT_PASS for 粤B12345 is OPEN", e.getMessage());
    }
}
