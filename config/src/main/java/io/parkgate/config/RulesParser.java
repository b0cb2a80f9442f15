package io.parkgate.config;

import io.parkgate.config.LaneRules.AlreadyInsideRule;
import io.parkgate.config.LaneRules.ExpiredPassRule;
import io.parkgate.config.LaneRules.NoEntryRecordRule;
import java.time.Duration;

/**
 * Reads a {@code rules} mapping (site-wide or one lane's), each key defaulting to the rules it overrides; a fee
 * is at most {@code maxFen}, the largest amount the site takes at once.
 */
final class RulesParser {

    private RulesParser() {
    }

    static LaneRules parse(YamlMap m, LaneRules base, long maxFen) {
        Duration window = m.duration("identificationWindow", base.identificationWindow(), Duration.ofMillis(100),
                Duration.ofSeconds(60));
        MatchPolicy match = m.enumeration("matchPolicy", MatchPolicy.class, base.matchPolicy());
        AlreadyInsideRule inside = m.enumeration("alreadyInside", AlreadyInsideRule.class, base.alreadyInside());
        NoEntryRecordRule noEntry = m.enumeration("noEntryRecord", NoEntryRecordRule.class, base.noEntryRecord());
        long flatFee = m.integer("flatFeeNoEntryRecord", -1, 0, maxFen, TariffParser.fen(maxFen));
        boolean flatFeeReported = flatFee < 0 && m.has("flatFeeNoEntryRecord"); // one message for one wrong value
        flatFee = flatFee < 0 ? base.flatFeeNoEntryRecordFen() : flatFee;
        Duration warning = m.duration("passExpiryWarning", base.passExpiryWarning(), Duration.ZERO,
                Duration.ofDays(90));
        ExpiredPassRule expired = m.enumeration("expiredPass", ExpiredPassRule.class, base.expiredPass());
        if (noEntry == NoEntryRecordRule.CHARGE_FLAT && flatFee == 0 && !flatFeeReported) {
            String key = m.has("flatFeeNoEntryRecord") ? "flatFeeNoEntryRecord" : "noEntryRecord";
            m.problem(key, "noEntryRecord CHARGE_FLAT with a flat fee of 0",
                    "flatFeeNoEntryRecord: <fen> above 0 (e.g. 2000 for 20 元), or another noEntryRecord rule");
        }
        m.finish();
        return new LaneRules(window, match, inside, noEntry, warning, expired, flatFee);
    }
}
