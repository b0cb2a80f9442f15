package io.parkgate.agent.decision;

import static io.parkgate.agent.decision.Site.NOW;
import static io.parkgate.agent.decision.Site.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.port.PlateRead;
import io.parkgate.config.LaneRules;
import io.parkgate.plate.PlateColour;
import io.parkgate.tariff.PayerCategory;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EntryDecisionTest {

    private final Site site = new Site();
    private final DecisionEngine engine = new DecisionEngine();

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, read, card, verdict, code, payer, plate decided about, match
                Arguments.of("resident by plate", read(Site.RESIDENT), null,
                        Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER, Site.RESIDENT,
                                MatchKind.EXACT),
                Arguments.of("resident by card only", null, Site.RESIDENT_CARD,
                        Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER, Site.RESIDENT,
                                MatchKind.CARD_ONLY),
                Arguments.of("resident by card with plateless read", new PlateRead(null, PlateColour.UNKNOWN, 0, null),
                        Site.RESIDENT_CARD, Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER,
                        Site.RESIDENT, MatchKind.CARD_ONLY),
                Arguments.of("resident, card and plate agree", read(Site.RESIDENT), "0e00a35c21",
                        Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER, Site.RESIDENT,
                                MatchKind.EXACT),
                Arguments.of("pass expiring", read(Site.EXPIRING), null,
                        Verdict.OPEN, DecisionCode.RESIDENT_PASS_EXPIRING, PayerCategory.PASS_HOLDER, Site.EXPIRING,
                        MatchKind.EXACT),
                Arguments.of("pass expired, charged as temporary", read(Site.EXPIRED), null,
                        Verdict.OPEN, DecisionCode.PASS_EXPIRED, PayerCategory.TEMPORARY, Site.EXPIRED,
                                MatchKind.EXACT),
                Arguments.of("registered vehicle without pass", read(Site.NO_PASS), null,
                        Verdict.OPEN, DecisionCode.TEMPORARY, PayerCategory.TEMPORARY, Site.NO_PASS, MatchKind.EXACT),
                Arguments.of("visitor", read(Site.VISITOR), null,
                        Verdict.OPEN, DecisionCode.VISITOR, PayerCategory.VISITOR, Site.VISITOR, MatchKind.EXACT),
                Arguments.of("temporary", read("苏E54321"), null,
                        Verdict.OPEN, DecisionCode.TEMPORARY, PayerCategory.TEMPORARY, "苏E54321", MatchKind.NONE),
                Arguments.of("blacklisted", read(Site.BLACKLISTED), null,
                        Verdict.HOLD, DecisionCode.BLACKLISTED, PayerCategory.TEMPORARY, Site.BLACKLISTED,
                                MatchKind.EXACT),
                Arguments.of("blacklisted, read one confusable away", read("粤CG6666"), null,
                        Verdict.HOLD, DecisionCode.BLACKLISTED, PayerCategory.TEMPORARY, Site.BLACKLISTED,
                                MatchKind.FUZZY),
                Arguments.of("card bound to another plate", read("粤A77777"), Site.RESIDENT_CARD,
                        Verdict.HOLD, DecisionCode.CARD_PLATE_MISMATCH, PayerCategory.TEMPORARY, "粤A77777",
                                MatchKind.NONE),
                Arguments.of("card of another resident", read(Site.EXPIRING), Site.RESIDENT_CARD,
                        Verdict.HOLD, DecisionCode.CARD_PLATE_MISMATCH, PayerCategory.TEMPORARY, Site.EXPIRING,
                                MatchKind.EXACT),
                Arguments.of("lost card", read(Site.RESIDENT), Site.LOST_CARD,
                        Verdict.OPEN, DecisionCode.INVALID_CARD, PayerCategory.TEMPORARY, Site.RESIDENT,
                                MatchKind.EXACT),
                Arguments.of("returned card", read("苏E54321"), Site.RETURNED_CARD,
                        Verdict.OPEN, DecisionCode.INVALID_CARD, PayerCategory.TEMPORARY, "苏E54321", MatchKind.NONE),
                Arguments.of("unknown card, no plate", null, Site.UNKNOWN_CARD,
                        Verdict.OPEN, DecisionCode.INVALID_CARD, PayerCategory.TEMPORARY, null, MatchKind.NONE),
                Arguments.of("plateless, no card", new PlateRead(null, PlateColour.UNKNOWN, 0, null), null,
                        Verdict.HOLD, DecisionCode.PLATELESS, PayerCategory.TEMPORARY, null, MatchKind.NONE),
                Arguments.of("nothing at all", null, null,
                        Verdict.HOLD, DecisionCode.PLATELESS, PayerCategory.TEMPORARY, null, MatchKind.NONE),
                Arguments.of("blank read, blank card", read(" · "), " ",
                        Verdict.HOLD, DecisionCode.PLATELESS, PayerCategory.TEMPORARY, null, MatchKind.NONE),
                Arguments.of("police", read("粤B1234警", PlateColour.WHITE), null,
                        Verdict.OPEN, DecisionCode.POLICY_EXEMPT, PayerCategory.EXEMPT, "粤B1234警", MatchKind.NONE),
                Arguments.of("armed police", read("WJ01234", PlateColour.WHITE), null,
                        Verdict.OPEN, DecisionCode.POLICY_EXEMPT, PayerCategory.EXEMPT, "WJ01234", MatchKind.NONE),
                Arguments.of("military", read("VA12345", PlateColour.UNKNOWN), null,
                        Verdict.OPEN, DecisionCode.POLICY_EXEMPT, PayerCategory.EXEMPT, "VA12345", MatchKind.NONE),
                Arguments.of("fire rescue", read("京A1234应急", PlateColour.WHITE), null,
                        Verdict.OPEN, DecisionCode.POLICY_EXEMPT, PayerCategory.EXEMPT, "京A1234应急", MatchKind.NONE),
                Arguments.of("ambulance by registry exemption", read(Site.AMBULANCE), null,
                        Verdict.OPEN, DecisionCode.POLICY_EXEMPT, PayerCategory.EXEMPT, Site.AMBULANCE,
                                MatchKind.EXACT),
                Arguments.of("management exemption", read(Site.MANAGEMENT), null,
                        Verdict.OPEN, DecisionCode.MANAGEMENT_EXEMPT, PayerCategory.EXEMPT, Site.MANAGEMENT,
                        MatchKind.EXACT),
                Arguments.of("green new-energy plate missing province is not military", read("BD12345",
                        PlateColour.GREEN),
                        null, Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER, Site.NEW_ENERGY,
                        MatchKind.FUZZY),
                Arguments.of("driving-school plate is charged", read("沪A1234学", PlateColour.YELLOW), null,
                        Verdict.OPEN, DecisionCode.TEMPORARY, PayerCategory.TEMPORARY, "沪A1234学", MatchKind.NONE),
                Arguments.of("unusable plate text is held", read("粤B12#45"), null,
                        Verdict.HOLD, DecisionCode.PLATELESS, PayerCategory.TEMPORARY, "粤B12#45", MatchKind.NONE),
                Arguments.of("unregistered plate with province missed is held", read("B98765"), null,
                        Verdict.HOLD, DecisionCode.PLATELESS, PayerCategory.TEMPORARY, "B98765", MatchKind.NONE),
                Arguments.of("unusable plate text, valid card decides", read("粤B12#45"), Site.RESIDENT_CARD,
                        Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER, Site.RESIDENT,
                        MatchKind.CARD_ONLY),
                Arguments.of("unusable plate text, lost card", read("粤B12#45"), Site.LOST_CARD,
                        Verdict.HOLD, DecisionCode.PLATELESS, PayerCategory.TEMPORARY, "粤B12#45", MatchKind.NONE));
    }

    /** Verifies each entry case of docs/domain.md: verdict, code, payer, plate decided about and match kind. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesEntry(String name, PlateRead plate, String card, Verdict verdict, DecisionCode code,
                      PayerCategory payer, String decidedPlate, MatchKind match) {
        Decision d = engine.decideEntry(site.lane(), plate, card, NOW);
        assertEquals(code, d.code(), name + ": " + d.reason());
        assertEquals(verdict, d.verdict(), name);
        assertEquals(payer, d.payer(), name);
        assertEquals(decidedPlate, d.plate(), name);
        assertEquals(match, d.match(), name);
        assertNotNull(d.reason(), name);
        assertNotNull(d.reasonEn(), name);
        assertNotNull(d.driverMessage(), name);
        assertNull(d.fee(), name + ": no fee at entry");
    }

    /** Verifies that a pass expiring within the warning tells the driver how many days are left. */
    @Test
    void expiringPassWarnsDriver() {
        Decision d = engine.decideEntry(site.lane(), read(Site.EXPIRING), null, NOW);
        assertEquals("月卡将于3天后到期，请及时续费", d.driverMessage());
        assertEquals("住户车辆粤B22222，通行证3天后到期", d.reason());
    }

    /** Verifies that an expired pass is held under the HOLD rule, with the local expiry time in the reason. */
    @Test
    void expiredPassHeldUnderHoldRule() {
        LaneContext ctx = site.lane(Site.rules(LaneRules.AlreadyInsideRule.REPLACE_STAY,
                LaneRules.NoEntryRecordRule.HOLD, LaneRules.ExpiredPassRule.HOLD));
        Decision d = engine.decideEntry(ctx, read(Site.EXPIRED), null, NOW);
        assertEquals(Verdict.HOLD, d.verdict());
        assertEquals(DecisionCode.PASS_EXPIRED, d.code());
        assertEquals("住户车辆粤B33333通行证已于2026-11-12 18:00过期，请值班员处理", d.reason());
    }

    /** Verifies that policy exemptions name their category in the reason. */
    @Test
    void policyExemptionNamesCategory() {
        assertEquals("政策性免费：警车", engine.decideEntry(site.lane(), read("粤B1234警"), null, NOW).reason());
        assertEquals("政策性免费：救护车", engine.decideEntry(site.lane(), read(Site.AMBULANCE), null, NOW).reason());
        assertEquals("exempt by policy: armed police",
                engine.decideEntry(site.lane(), read("WJ01234", PlateColour.WHITE), null, NOW).reasonEn());
    }

    /**
     * Verifies that WJ and military text on a civil-coloured plate is not exempted: it can be a
     * new-energy plate whose province character was missed.
     */
    @Test
    void policyTextOnCivilColourIsNotExempt() {
        assertEquals(DecisionCode.TEMPORARY, engine.decideEntry(site.lane(), read("WJ01234", PlateColour.GREEN), null,
                NOW).code());
        assertEquals(DecisionCode.TEMPORARY, engine.decideEntry(site.lane(), read("VA12345", PlateColour.BLUE), null,
                NOW).code());
        assertEquals(DecisionCode.POLICY_EXEMPT, engine.decideEntry(site.lane(), read("粤B1234警", PlateColour.BLUE),
                null, NOW).code());
    }

    /**
     * Verifies that text reading like a military plate but matching a registered plate with its province
     * missed is decided by the registry, and only unregistered such text is exempt.
     */
    @Test
    void registryMatchBeatsMilitaryLookingText() {
        Decision registered = engine.decideEntry(site.lane(), read("BD12345", PlateColour.UNKNOWN), null, NOW);
        assertEquals(DecisionCode.RESIDENT_PASS, registered.code());
        assertEquals(Site.NEW_ENERGY, registered.plate());
        Decision military = engine.decideEntry(site.lane(), read("KD12345", PlateColour.UNKNOWN), null, NOW);
        assertEquals(DecisionCode.POLICY_EXEMPT, military.code());
        assertEquals("政策性免费：军车", military.reason());
    }

    /** Verifies that a site category's own plate patterns exempt plates the built-in rules do not know. */
    @Test
    void siteCategoryPatternsExempt() {
        java.util.List<io.parkgate.config.ExemptionCategory> categories = java.util.List.of(
                new io.parkgate.config.ExemptionCategory("POLICE", "警车", "police",
                        java.util.List.of(java.util.regex.Pattern.compile("^粤O"))));
        LaneContext ctx = new LaneContext(Site.REGISTRY, site.stays, site.lane().rules(), categories, 0, site::fee,
                Site.ZONE);
        Decision d = engine.decideEntry(ctx, read("粤O1234", PlateColour.WHITE), null, NOW);
        assertEquals(DecisionCode.POLICY_EXEMPT, d.code());
        assertEquals("政策性免费：警车", d.reason());
        assertEquals(DecisionCode.TEMPORARY, engine.decideEntry(ctx, read("粤P12345"), null, NOW).code());
    }

    /** Verifies that a valid card bound to no plate neither mismatches nor identifies, and texts name the card. */
    @Test
    void unboundCardIsNeitherMismatchNorIdentity() {
        assertEquals(DecisionCode.RESIDENT_PASS,
                engine.decideEntry(site.lane(), read(Site.RESIDENT), Site.UNBOUND_CARD, NOW).code());
        Decision cardOnly = engine.decideEntry(site.lane(), null, Site.UNBOUND_CARD, NOW);
        assertEquals(DecisionCode.TEMPORARY, cardOnly.code());
        assertEquals("临时车辆卡3333333333，已登记为陌生车辆", cardOnly.reason());
    }

    /** Verifies that a held unusable read says exactly what is wrong with it, and a card-decided one notes it. */
    @Test
    void unusableReadSaysWhatIsWrong() {
        Decision held = engine.decideEntry(site.lane(), read("粤B12#45"), null, NOW);
        assertEquals("车牌读数粤B12#45无效（第5位含非法字符“#”），无法核对，请值班员处理", held.reason());
        Decision byCard = engine.decideEntry(site.lane(), read("粤B12#45"), Site.RESIDENT_CARD, NOW);
        assertEquals("粤B12#45", byCard.plateAsRead());
        assertEquals("车牌读数粤B12#45无效（第5位含非法字符“#”），按卡识别", byCard.matchNote());
    }

    /** Verifies that a mismatched card's reason names the card, its plate and the plate read. */
    @Test
    void mismatchReasonNamesCardAndPlates() {
        Decision d = engine.decideEntry(site.lane(), read("粤A77777"), Site.RESIDENT_CARD, NOW);
        assertEquals("卡0E00A35C21绑定车牌粤B12345，与识别车牌粤A77777不符，请报班长核实；放行后按临时车收费", d.reason());
        assertEquals("0E00A35C21", d.card());
    }

    /** Verifies that a plate already inside replaces its old stay under REPLACE_STAY, naming it. */
    @Test
    void alreadyInsideReplacesStay() {
        site.inside("e-old", Site.RESIDENT, null, Duration.ofHours(30), PayerCategory.PASS_HOLDER);
        Decision d = engine.decideEntry(site.lane(), read(Site.RESIDENT), null, NOW);
        assertEquals(Verdict.OPEN, d.verdict());
        assertEquals(DecisionCode.ALREADY_INSIDE, d.code());
        assertEquals(PayerCategory.PASS_HOLDER, d.payer());
        assertEquals("e-old", d.entryEventId());
        assertTrue(d.reason().startsWith("车辆已在场（2026-11-21 12:00经north-in入场，记录e-old），旧记录按漏记出场关闭；"),
                d.reason());
    }

    /** Verifies that a plate (or card) already inside is held under the HOLD rule. */
    @Test
    void alreadyInsideHeldUnderHoldRule() {
        site.inside("e-old", null, Site.RESIDENT_CARD, Duration.ofHours(3), PayerCategory.PASS_HOLDER);
        LaneContext ctx = site.lane(Site.rules(LaneRules.AlreadyInsideRule.HOLD, LaneRules.NoEntryRecordRule.HOLD,
                LaneRules.ExpiredPassRule.CHARGE_AS_TEMPORARY));
        Decision d = engine.decideEntry(ctx, read(Site.RESIDENT), Site.RESIDENT_CARD, NOW);
        assertEquals(Verdict.HOLD, d.verdict());
        assertEquals(DecisionCode.ALREADY_INSIDE, d.code());
        assertEquals("e-old", d.entryEventId());
    }

    /** Verifies that a hold is not turned into ALREADY_INSIDE: the more serious reason stays. */
    @Test
    void holdWinsOverAlreadyInside() {
        site.inside("e-old", "粤A77777", null, Duration.ofHours(3), PayerCategory.TEMPORARY);
        Decision d = engine.decideEntry(site.lane(), read("粤A77777"), Site.RESIDENT_CARD, NOW);
        assertEquals(Verdict.HOLD, d.verdict());
        assertEquals(DecisionCode.CARD_PLATE_MISMATCH, d.code());
        assertNull(d.entryEventId());
    }
}
