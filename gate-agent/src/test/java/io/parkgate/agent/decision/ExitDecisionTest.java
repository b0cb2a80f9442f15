package io.parkgate.agent.decision;

import static io.parkgate.agent.decision.Site.NOW;
import static io.parkgate.agent.decision.Site.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.port.PlateRead;
import io.parkgate.config.LaneRules;
import io.parkgate.config.MatchPolicy;
import io.parkgate.plate.PlateColour;
import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.FeeRequest;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.tariff.VehicleClass;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExitDecisionTest {

    private final Site site = new Site();
    private final DecisionEngine engine = new DecisionEngine();

    private Decision exit(PlateRead plate, String card) {
        return engine.decideExit(site.lane(), plate, card, NOW);
    }

    private static void assertDecision(Decision d, Verdict verdict, DecisionCode code, PayerCategory payer, long fen) {
        assertEquals(code, d.code(), d.reason());
        assertEquals(verdict, d.verdict(), d.reason());
        assertEquals(payer, d.payer(), d.reason());
        assertNotNull(d.fee(), d.reason());
        assertEquals(fen, d.fee().fen(), d.reason());
    }

    /** Verifies that a resident with a valid pass leaves free and the stay is named. */
    @Test
    void residentLeavesFree() {
        site.inside("e1", Site.RESIDENT, null, Duration.ofHours(5), PayerCategory.PASS_HOLDER);
        Decision d = exit(read(Site.RESIDENT), null);
        assertDecision(d, Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER, 0);
        assertEquals(FeeQuote.ZeroFeeReason.PASS_HOLDER, d.fee().zeroReason());
        assertEquals("e1", d.entryEventId());
    }

    /** Verifies that a resident leaving by card alone finds the stay recorded under the card's plate. */
    @Test
    void residentLeavesByCardOnly() {
        site.inside("e1", Site.RESIDENT, Site.RESIDENT_CARD, Duration.ofHours(5), PayerCategory.PASS_HOLDER);
        Decision d = exit(null, Site.RESIDENT_CARD);
        assertDecision(d, Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER, 0);
        assertEquals(MatchKind.CARD_ONLY, d.match());
        assertEquals("e1", d.entryEventId());
    }

    /** Verifies that an expiring pass is announced at exit too. */
    @Test
    void expiringPassAnnouncedAtExit() {
        site.inside("e1", Site.EXPIRING, null, Duration.ofHours(5), PayerCategory.PASS_HOLDER);
        Decision d = exit(read(Site.EXPIRING), null);
        assertDecision(d, Verdict.OPEN, DecisionCode.RESIDENT_PASS_EXPIRING, PayerCategory.PASS_HOLDER, 0);
        assertEquals("月卡将于3天后到期，请及时续费", d.driverMessage());
    }

    /** Verifies that a temporary vehicle pays per started hour for the stay, with the tariff's inputs checked. */
    @Test
    void temporaryPays() {
        site.inside("e1", "苏E54321", null, Duration.ofMinutes(150), PayerCategory.TEMPORARY);
        Decision d = exit(read("苏E54321"), null);
        assertDecision(d, Verdict.COLLECT_FEE, DecisionCode.TEMPORARY, PayerCategory.TEMPORARY, 1500);
        assertEquals("请缴费15.00元", d.driverMessage());
        assertEquals("临时车辆苏E54321，停车2小时30分，应收15.00元", d.reason());
        FeeRequest r = site.priced.get(0);
        assertEquals(NOW.minus(Duration.ofMinutes(150)), r.entry());
        assertEquals(NOW, r.exit());
        assertEquals(VehicleClass.SMALL, r.vehicleClass());
    }

    /** Verifies that a short stay costs nothing and opens with the SHORT_STAY remark. */
    @Test
    void shortStayOpens() {
        site.inside("e1", "苏E54321", null, Duration.ofMinutes(10), PayerCategory.TEMPORARY);
        Decision d = exit(read("苏E54321"), null);
        assertDecision(d, Verdict.OPEN, DecisionCode.SHORT_STAY, PayerCategory.TEMPORARY, 0);
        assertEquals(FeeQuote.ZeroFeeReason.SHORT_STAY, d.fee().zeroReason());
    }

    /** Verifies that the vehicle class comes from the registry, else from the plate colour. */
    @Test
    void vehicleClassFromRegistryOrColour() {
        site.inside("e1", Site.LARGE, null, Duration.ofMinutes(90), PayerCategory.TEMPORARY);
        assertEquals(2000, exit(read(Site.LARGE), null).fee().fen());
        site.inside("e2", "苏E54321", null, Duration.ofMinutes(90), PayerCategory.TEMPORARY);
        assertEquals(2000, exit(read("苏E54321", PlateColour.YELLOW), null).fee().fen());
        assertEquals(VehicleClass.LARGE, site.priced.get(1).vehicleClass());
    }

    /** Verifies that an exit read differing from the entry read by a confusable still finds the entry. */
    @Test
    void findsEntryDespiteConfusableRead() {
        site.inside("e1", "苏E54321", null, Duration.ofMinutes(150), PayerCategory.TEMPORARY);
        Decision d = exit(read("苏E5432I"), null);
        assertDecision(d, Verdict.COLLECT_FEE, DecisionCode.TEMPORARY, PayerCategory.TEMPORARY, 1500);
        assertEquals("e1", d.entryEventId());
        assertEquals("苏E54321", d.plate());
        assertEquals("苏E5432I", d.plateAsRead());
        assertEquals(MatchKind.FUZZY, d.match());
        assertEquals("入场记录读为苏E5432I，按苏E54321匹配（I/1 易混）", d.matchNote());
    }

    /** Verifies that a resident whose entry was recorded under a misread plate is still found. */
    @Test
    void findsResidentEntryRecordedUnderMisread() {
        site.inside("e1", "粤B1234S", null, Duration.ofHours(2), PayerCategory.PASS_HOLDER);
        Decision d = exit(read(Site.RESIDENT), null);
        assertDecision(d, Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER, 0);
        assertEquals("e1", d.entryEventId());
        assertEquals(Site.RESIDENT, d.plate());
        assertEquals(MatchKind.FUZZY, d.match());
    }

    /** Verifies that a stay recorded under exactly the read beats an ambiguous or fuzzy registry match. */
    @Test
    void exactStayBeatsFuzzyRegistryMatch() {
        site.inside("e1", "粤E60001", null, Duration.ofMinutes(150), PayerCategory.TEMPORARY);
        Decision tie = exit(read("粤E60001"), null);
        assertDecision(tie, Verdict.COLLECT_FEE, DecisionCode.TEMPORARY, PayerCategory.TEMPORARY, 1500);
        assertEquals("粤E60001", tie.plate());
        assertEquals(MatchKind.EXACT, tie.match());
        assertEquals("入场记录车牌与读数完全一致，不采用登记库模糊匹配（读为粤E60001，粤E6000I、粤EG0001同样接近，不作猜测）",
                tie.matchNote());
        site.inside("e2", "粤B1234S", null, Duration.ofMinutes(150), PayerCategory.TEMPORARY);
        Decision single = exit(read("粤B1234S"), null);
        assertDecision(single, Verdict.COLLECT_FEE, DecisionCode.TEMPORARY, PayerCategory.TEMPORARY, 1500);
        assertEquals("e2", single.entryEventId());
        assertEquals("粤B1234S", single.plate());
    }

    /** Verifies that two vehicles inside equally close to the exit read are not guessed between. */
    @Test
    void ambiguousStaysAreHeld() {
        site.inside("e1", "粤K6000I", null, Duration.ofHours(2), PayerCategory.TEMPORARY);
        site.inside("e2", "粤KG0001", null, Duration.ofHours(3), PayerCategory.TEMPORARY);
        Decision d = exit(read("粤K60001"), null);
        assertEquals(Verdict.HOLD, d.verdict());
        assertEquals(DecisionCode.AMBIGUOUS_MATCH, d.code());
        assertEquals("读为粤K60001，粤K6000I、粤KG0001同样接近，不作猜测", d.matchNote());
        assertNull(d.entryEventId());
    }

    /** Verifies that under the EXACT policy a confusable exit read does not take another vehicle's entry. */
    @Test
    void exactPolicyDoesNotMatchStaysFuzzily() {
        site.inside("e1", "苏E54321", null, Duration.ofMinutes(150), PayerCategory.TEMPORARY);
        Decision d = engine.decideExit(site.lane(MatchPolicy.EXACT), read("苏E5432T"), null, NOW);
        assertDecision(d, Verdict.COLLECT_FEE, DecisionCode.NO_ENTRY_RECORD, PayerCategory.TEMPORARY, 2000);
    }

    /** Verifies visitors: free within the visitors' free hours, then charged. */
    @Test
    void visitorFreeHoursThenCharged() {
        site.inside("e1", Site.VISITOR, null, Duration.ofMinutes(100), PayerCategory.VISITOR);
        Decision free = exit(read(Site.VISITOR), null);
        assertDecision(free, Verdict.OPEN, DecisionCode.VISITOR, PayerCategory.VISITOR, 0);
        assertEquals(FeeQuote.ZeroFeeReason.VISITOR_FREE_HOURS, free.fee().zeroReason());
        site.stays.remove("e1");
        site.inside("e2", Site.VISITOR, null, Duration.ofMinutes(210), PayerCategory.VISITOR);
        assertDecision(exit(read(Site.VISITOR), null), Verdict.COLLECT_FEE, DecisionCode.VISITOR,
                PayerCategory.VISITOR, 1000);
    }

    /** Verifies that a pass that ran out during the stay is charged from its end, as temporary. */
    @Test
    void passExpiredDuringStayChargedFromItsEnd() {
        site.inside("e1", Site.EXPIRED, null, Duration.ofDays(10).plusHours(5), PayerCategory.PASS_HOLDER);
        Decision d = exit(read(Site.EXPIRED), null);
        assertDecision(d, Verdict.COLLECT_FEE, DecisionCode.PASS_EXPIRED, PayerCategory.TEMPORARY, 240 * 500);
        assertEquals(NOW.minus(Duration.ofDays(10)), site.priced.get(0).entry());
    }

    /** Verifies that an expired pass is held at exit under the HOLD rule, with the fee to collect. */
    @Test
    void expiredPassHeldAtExit() {
        site.inside("e1", Site.EXPIRED, null, Duration.ofDays(10).plusHours(5), PayerCategory.PASS_HOLDER);
        LaneContext ctx = site.lane(Site.rules(LaneRules.AlreadyInsideRule.REPLACE_STAY,
                LaneRules.NoEntryRecordRule.HOLD, LaneRules.ExpiredPassRule.HOLD));
        Decision d = engine.decideExit(ctx, read(Site.EXPIRED), null, NOW);
        assertDecision(d, Verdict.HOLD, DecisionCode.PASS_EXPIRED, PayerCategory.TEMPORARY, 240 * 500);
        assertEquals("e1", d.entryEventId());
    }

    /** Verifies that a vehicle that entered as temporary pays as temporary even if its plate has a pass. */
    @Test
    void entryCategoryBindsTheStay() {
        site.inside("e1", Site.RESIDENT, Site.LOST_CARD, Duration.ofMinutes(150), PayerCategory.TEMPORARY);
        assertDecision(exit(read(Site.RESIDENT), null), Verdict.COLLECT_FEE, DecisionCode.TEMPORARY,
                PayerCategory.TEMPORARY, 1500);
    }

    /** Verifies that an invalid card at exit is charged as temporary. */
    @Test
    void invalidCardCharged() {
        site.inside("e1", Site.RESIDENT, null, Duration.ofMinutes(150), PayerCategory.PASS_HOLDER);
        Decision d = exit(read(Site.RESIDENT), Site.LOST_CARD);
        assertDecision(d, Verdict.COLLECT_FEE, DecisionCode.INVALID_CARD, PayerCategory.TEMPORARY, 1500);
        assertTrue(d.reason().startsWith("已挂失的卡1111111111，按临时车收费"), d.reason());
    }

    /** Verifies that a card bound to another plate is held at exit, with the temporary fee to collect. */
    @Test
    void cardMismatchHeldWithFee() {
        site.inside("e1", "苏E54321", null, Duration.ofMinutes(150), PayerCategory.TEMPORARY);
        Decision d = exit(read("苏E54321"), Site.RESIDENT_CARD);
        assertDecision(d, Verdict.HOLD, DecisionCode.CARD_PLATE_MISMATCH, PayerCategory.TEMPORARY, 1500);
        assertEquals("e1", d.entryEventId());
    }

    /** Verifies each no-entry-record rule, and that a pass holder without entry record still leaves free. */
    @Test
    void noEntryRecordRules() {
        assertDecision(exit(read("苏E54321"), null), Verdict.COLLECT_FEE, DecisionCode.NO_ENTRY_RECORD,
                PayerCategory.TEMPORARY, 2000);
        Decision held = engine.decideExit(site.lane(Site.rules(LaneRules.AlreadyInsideRule.REPLACE_STAY,
                LaneRules.NoEntryRecordRule.HOLD, LaneRules.ExpiredPassRule.HOLD)), read("苏E54321"), null, NOW);
        assertDecision(held, Verdict.HOLD, DecisionCode.NO_ENTRY_RECORD, PayerCategory.TEMPORARY, 2000);
        Decision free = engine.decideExit(site.lane(Site.rules(LaneRules.AlreadyInsideRule.REPLACE_STAY,
                LaneRules.NoEntryRecordRule.FREE, LaneRules.ExpiredPassRule.HOLD)), read("苏E54321"), null, NOW);
        assertDecision(free, Verdict.OPEN, DecisionCode.NO_ENTRY_RECORD, PayerCategory.TEMPORARY, 0);
        Decision resident = exit(read(Site.RESIDENT), null);
        assertDecision(resident, Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER, 0);
        assertTrue(resident.reason().startsWith("无入场记录；"), resident.reason());
    }

    /** Verifies that a context built from the lane's rules charges the rules' flat fee without entry record. */
    @Test
    void flatFeeFromLaneRules() {
        LaneRules rules = new LaneRules(Duration.ofSeconds(3), MatchPolicy.FUZZY_SINGLE,
                LaneRules.AlreadyInsideRule.REPLACE_STAY, LaneRules.NoEntryRecordRule.CHARGE_FLAT, Duration.ofDays(7),
                LaneRules.ExpiredPassRule.CHARGE_AS_TEMPORARY, 3000);
        LaneContext ctx = LaneContext.of(Site.REGISTRY, site.stays, rules, Site.CATEGORIES, site::fee, Site.ZONE);
        Decision d = engine.decideExit(ctx, read("苏E54321"), null, NOW);
        assertDecision(d, Verdict.COLLECT_FEE, DecisionCode.NO_ENTRY_RECORD, PayerCategory.TEMPORARY, 3000);
        assertEquals("无入场记录，请缴费30.00元", d.driverMessage());
    }

    /** Verifies that policy and management exemptions leave free with the register's remark. */
    @Test
    void exemptionsLeaveFree() {
        site.inside("e1", "粤B1234警", null, Duration.ofHours(3), PayerCategory.EXEMPT);
        Decision police = exit(read("粤B1234警", PlateColour.WHITE), null);
        assertDecision(police, Verdict.OPEN, DecisionCode.POLICY_EXEMPT, PayerCategory.EXEMPT, 0);
        assertEquals(FeeQuote.ZeroFeeReason.POLICY_EXEMPT, police.fee().zeroReason());
        assertEquals("政策性免费：警车", police.fee().remark());
        assertEquals("e1", police.entryEventId());
        site.inside("e2", Site.MANAGEMENT, null, Duration.ofHours(3), PayerCategory.EXEMPT);
        Decision approved = exit(read(Site.MANAGEMENT), null);
        assertDecision(approved, Verdict.OPEN, DecisionCode.MANAGEMENT_EXEMPT, PayerCategory.EXEMPT, 0);
        assertEquals(FeeQuote.ZeroFeeReason.MANAGEMENT_APPROVED, approved.fee().zeroReason());
        assertDecision(exit(read(Site.AMBULANCE), null), Verdict.OPEN, DecisionCode.POLICY_EXEMPT,
                PayerCategory.EXEMPT, 0);
    }

    /**
     * Verifies unusable reads at exit: an entry recorded under the same text is found, a valid card finds
     * the entry, and otherwise the vehicle is held saying what is wrong with the read.
     */
    @Test
    void unusableReadsAtExit() {
        site.inside("e1", "粤B12#45", null, Duration.ofMinutes(150), PayerCategory.TEMPORARY);
        assertDecision(exit(read("粤B12#45"), null), Verdict.COLLECT_FEE, DecisionCode.TEMPORARY,
                PayerCategory.TEMPORARY, 1500);
        site.inside("e2", Site.RESIDENT, Site.RESIDENT_CARD, Duration.ofHours(2), PayerCategory.PASS_HOLDER);
        Decision byCard = exit(read("粤X#"), Site.RESIDENT_CARD);
        assertDecision(byCard, Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER, 0);
        assertEquals("e2", byCard.entryEventId());
        Decision held = exit(read("粤Q1"), null);
        assertEquals(Verdict.HOLD, held.verdict());
        assertEquals(DecisionCode.PLATELESS, held.code());
        assertEquals("车牌读数粤Q1无效（长度为3位，应为7位（新能源8位）），无法核对，请值班员处理", held.reason());
    }

    /** Verifies that blacklisted and plateless vehicles are held at exit. */
    @Test
    void blacklistedAndPlatelessHeld() {
        site.inside("e1", Site.BLACKLISTED, null, Duration.ofHours(3), PayerCategory.TEMPORARY);
        Decision black = exit(read(Site.BLACKLISTED), null);
        assertEquals(Verdict.HOLD, black.verdict());
        assertEquals(DecisionCode.BLACKLISTED, black.code());
        Decision plateless = exit(new PlateRead(null, PlateColour.UNKNOWN, 0, null), null);
        assertEquals(Verdict.HOLD, plateless.verdict());
        assertEquals(DecisionCode.PLATELESS, plateless.code());
    }

    /** Verifies that a tariff that fails to price holds the vehicle and says why, instead of throwing. */
    @Test
    void pricingFailureHolds() {
        site.inside("e1", "苏E54321", null, Duration.ofMinutes(150), PayerCategory.TEMPORARY);
        LaneContext broken = new LaneContext(Site.REGISTRY, site.stays, site.lane().rules(), Site.CATEGORIES, 2000,
                r -> {
                    throw new IllegalStateException("no tariff for class SMALL");
                }, Site.ZONE);
        Decision d = engine.decideExit(broken, read("苏E54321"), null, NOW);
        assertEquals(Verdict.HOLD, d.verdict());
        assertEquals(DecisionCode.TEMPORARY, d.code());
        assertEquals("临时车辆苏E54321，停车2小时30分，计费失败：no tariff for class SMALL，请值班员人工收费", d.reason());
    }

    /** Verifies that an entry recorded later than the exit (lane clocks apart) costs nothing rather than failing. */
    @Test
    void entryAfterExitCostsNothing() {
        site.inside("e1", "苏E54321", null, Duration.ofMinutes(-2), PayerCategory.TEMPORARY);
        assertDecision(exit(read("苏E54321"), null), Verdict.OPEN, DecisionCode.SHORT_STAY, PayerCategory.TEMPORARY, 0);
    }

    /**
     * Verifies that an exit lane PC whose clock is hours behind the entry lane's lets the car out free without
     * calling it a short stay: the register's remark and the reason say the lane clocks disagree.
     */
    @Test
    void exitLaneClockBehindIsNamedNotCalledAShortStay() {
        site.inside("e1", "苏E54321", null, Duration.ofHours(-3), PayerCategory.TEMPORARY);
        Decision d = exit(read("苏E54321"), null);
        assertEquals(Verdict.OPEN, d.verdict(), d.reason());
        assertEquals(0, d.fee().fen());
        assertEquals("出场时间早于入场记录3小时00分（车道电脑时钟不一致），未计费", d.fee().remark());
        assertEquals("临时车辆苏E54321，停车0小时00分，出场时间早于入场记录3小时00分（车道电脑时钟不一致），未计费", d.reason());
    }
}
