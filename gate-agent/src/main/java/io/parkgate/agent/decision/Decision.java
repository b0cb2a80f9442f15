package io.parkgate.agent.decision;

import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.PayerCategory;

/**
 * A lane's decision about one vehicle, with its reason in words a supervisor understands.
 *
 * @param plate         the plate the decision is about: the registered plate when matched, else as read;
 *                      null when plateless
 * @param plateAsRead   the camera's text (differs from {@code plate} after a fuzzy match), or null
 * @param card          the card presented, or null
 * @param match         how the plate was matched
 * @param matchNote     for a fuzzy match, what was read and what it was taken for; else null
 * @param reason        Chinese, for the attendant, the supervisor and the register
 * @param reasonEn      the same in English
 * @param driverMessage what the lane display tells the driver (Chinese), e.g. a pass about to expire
 * @param payer         the tariff category applied
 * @param fee           at exit, the fee (for a HOLD, what to collect once released); at entry null
 * @param entryEventId  at exit, the id of the matched entry (open stay), or null; at entry, for
 *                      {@link DecisionCode#ALREADY_INSIDE}, the old stay the lane closes as a lost exit
 */
public record Decision(Verdict verdict, DecisionCode code, String plate, String plateAsRead, String card,
                       MatchKind match, String matchNote, String reason, String reasonEn, String driverMessage,
                       PayerCategory payer, FeeQuote fee, String entryEventId) {

    public boolean opensNow() {
        return verdict == Verdict.OPEN;
    }
}
