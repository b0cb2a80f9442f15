package io.parkgate.agent.decision;

import static io.parkgate.agent.decision.Site.NOW;
import static io.parkgate.agent.decision.Site.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parkgate.config.MatchPolicy;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatchPolicyTest {

    private final Site site = new Site();
    private final DecisionEngine engine = new DecisionEngine();

    static Stream<Arguments> cases() {
        MatchPolicy exact = MatchPolicy.EXACT;
        MatchPolicy single = MatchPolicy.FUZZY_SINGLE;
        MatchPolicy attendant = MatchPolicy.ATTENDANT_CONFIRMS;
        String one = "粤B1234S";      // one confusable from the resident 粤B12345
        String two = "粤B1Z34S";      // two confusables from it
        String province = "B12345";    // province character missed
        String twin = "粤E60001";      // one confusable from two residents at once
        return Stream.of(
                // policy, read, card, verdict, code, match, plate decided about
                Arguments.of(exact, Site.RESIDENT, null, Verdict.OPEN, DecisionCode.RESIDENT_PASS, MatchKind.EXACT,
                        Site.RESIDENT),
                Arguments.of(single, Site.RESIDENT, null, Verdict.OPEN, DecisionCode.RESIDENT_PASS, MatchKind.EXACT,
                        Site.RESIDENT),
                Arguments.of(attendant, Site.RESIDENT, null, Verdict.OPEN, DecisionCode.RESIDENT_PASS, MatchKind.EXACT,
                        Site.RESIDENT),

                Arguments.of(exact, one, null, Verdict.OPEN, DecisionCode.TEMPORARY, MatchKind.NONE, one),
                Arguments.of(single, one, null, Verdict.OPEN, DecisionCode.RESIDENT_PASS, MatchKind.FUZZY,
                        Site.RESIDENT),
                Arguments.of(attendant, one, null, Verdict.HOLD, DecisionCode.FUZZY_NEEDS_CONFIRMATION,
                        MatchKind.FUZZY, one),

                Arguments.of(exact, two, null, Verdict.OPEN, DecisionCode.TEMPORARY, MatchKind.NONE, two),
                Arguments.of(single, two, null, Verdict.HOLD, DecisionCode.FUZZY_NEEDS_CONFIRMATION,
                        MatchKind.FUZZY, two),
                Arguments.of(attendant, two, null, Verdict.HOLD, DecisionCode.FUZZY_NEEDS_CONFIRMATION,
                        MatchKind.FUZZY, two),

                // the card confirms the candidate
                Arguments.of(exact, two, Site.RESIDENT_CARD, Verdict.HOLD, DecisionCode.CARD_PLATE_MISMATCH,
                        MatchKind.NONE, two),
                Arguments.of(single, two, Site.RESIDENT_CARD, Verdict.OPEN, DecisionCode.RESIDENT_PASS, MatchKind.FUZZY,
                        Site.RESIDENT),
                Arguments.of(attendant, two, Site.RESIDENT_CARD, Verdict.HOLD, DecisionCode.FUZZY_NEEDS_CONFIRMATION,
                        MatchKind.FUZZY, two),

                Arguments.of(exact, province, null, Verdict.HOLD, DecisionCode.PLATELESS, MatchKind.NONE, province),
                Arguments.of(single, province, null, Verdict.OPEN, DecisionCode.RESIDENT_PASS, MatchKind.FUZZY,
                        Site.RESIDENT),
                Arguments.of(attendant, province, null, Verdict.HOLD, DecisionCode.FUZZY_NEEDS_CONFIRMATION,
                        MatchKind.FUZZY, province),

                // another province character may be another vehicle: only the card or the attendant confirms
                Arguments.of(exact, "闽B12345", null, Verdict.OPEN, DecisionCode.TEMPORARY, MatchKind.NONE, "闽B12345"),
                Arguments.of(single, "闽B12345", null, Verdict.HOLD, DecisionCode.FUZZY_NEEDS_CONFIRMATION,
                        MatchKind.FUZZY, "闽B12345"),
                Arguments.of(single, "闽B12345", Site.RESIDENT_CARD, Verdict.OPEN, DecisionCode.RESIDENT_PASS,
                        MatchKind.FUZZY, Site.RESIDENT),
                Arguments.of(attendant, "闽B12345", null, Verdict.HOLD, DecisionCode.FUZZY_NEEDS_CONFIRMATION,
                        MatchKind.FUZZY, "闽B12345"),

                // two equally close candidates are never guessed between, unless a card names one
                Arguments.of(exact, twin, null, Verdict.OPEN, DecisionCode.TEMPORARY, MatchKind.NONE, twin),
                Arguments.of(single, twin, null, Verdict.HOLD, DecisionCode.AMBIGUOUS_MATCH, MatchKind.FUZZY, twin),
                Arguments.of(attendant, twin, null, Verdict.HOLD, DecisionCode.AMBIGUOUS_MATCH, MatchKind.FUZZY, twin),
                Arguments.of(single, twin, Site.TWIN_2_CARD, Verdict.OPEN, DecisionCode.RESIDENT_PASS, MatchKind.FUZZY,
                        Site.TWIN_2),

                // a fuzzy blacklisted candidate holds unless only exact reads count
                Arguments.of(exact, "粤CG6666", null, Verdict.OPEN, DecisionCode.TEMPORARY, MatchKind.NONE, "粤CG6666"),
                Arguments.of(attendant, "粤CG6666", null, Verdict.HOLD, DecisionCode.BLACKLISTED, MatchKind.FUZZY,
                        "粤CG6666"));
    }

    /** Verifies how each MatchPolicy treats exact, fuzzy, card-confirmed and ambiguous reads at entry. */
    @ParameterizedTest(name = "{0} {1} card={2}")
    @MethodSource("cases")
    void appliesMatchPolicy(MatchPolicy policy, String plate, String card, Verdict verdict, DecisionCode code,
                            MatchKind match, String decided) {
        Decision d = engine.decideEntry(site.lane(policy), read(plate), card, NOW);
        assertEquals(code, d.code(), d.reason());
        assertEquals(verdict, d.verdict());
        assertEquals(match, d.match());
        assertEquals(decided, d.plate());
        assertEquals(plate, d.plateAsRead());
        if (match == MatchKind.FUZZY) {
            org.junit.jupiter.api.Assertions.assertNotNull(d.matchNote(), "a fuzzy match is always noted");
        } else {
            assertNull(d.matchNote());
        }
    }

    /** Verifies the notes recorded for a fuzzy match taken, one held, a tie, and one the card confirmed. */
    @Test
    void fuzzyMatchNotes() {
        assertEquals("读为粤B1234S，按粤B12345匹配（S/5 易混）",
                engine.decideEntry(site.lane(), read("粤B1234S"), null, NOW).matchNote());
        assertEquals("读为粤8I2345，按粤B12345匹配（8/B 易混、I/1 易混），相差2个字符，须值班员确认",
                engine.decideEntry(site.lane(), read("粤8I2345"), null, NOW).matchNote());
        assertEquals("读为粤E60001，粤E6000I、粤EG0001同样接近，不作猜测",
                engine.decideEntry(site.lane(), read("粤E60001"), null, NOW).matchNote());
        assertEquals("读为闽B12345，按粤B12345匹配（省份“粤”读为“闽”），省份不同可能是另一辆车，须值班员确认",
                engine.decideEntry(site.lane(), read("闽B12345"), null, NOW).matchNote());
        assertEquals("读为粤8I2345，按粤B12345匹配（8/B 易混、I/1 易混），卡片绑定车牌确认",
                engine.decideEntry(site.lane(), read("粤8I2345"), Site.RESIDENT_CARD, NOW).matchNote());
        assertEquals("读为粤B1234S，按粤B12345匹配（S/5 易混），按本车道策略须值班员确认",
                engine.decideEntry(site.lane(MatchPolicy.ATTENDANT_CONFIRMS), read("粤B1234S"), null, NOW).matchNote());
        assertEquals("车牌有多个同样接近的登记记录，不作猜测，请值班员确认：读为粤E60001，粤E6000I、粤EG0001同样接近，不作猜测",
                engine.decideEntry(site.lane(), read("粤E60001"), null, NOW).reason());
    }
}
