package io.parkgate.agent.decision;

import io.parkgate.plate.Candidate;

/**
 * How far a lane trusts one plate match under its {@link io.parkgate.config.MatchPolicy}.
 *
 * @param chosen the plate taken, for EXACT and FUZZY; else null
 * @param note   for anything but EXACT and NONE, what was read and why it was (not) taken (Chinese)
 */
record Resolution(Outcome outcome, Candidate chosen, String note) {

    enum Outcome {
        EXACT,
        FUZZY,
        /** Nothing close enough, or fuzzy matching not allowed: decided as unregistered. */
        NONE,
        /** A fuzzy candidate the policy does not let the lane take alone. */
        NEEDS_CONFIRMATION,
        /** Two or more equally close candidates: never guessed between. */
        AMBIGUOUS
    }

    static final Resolution NONE = new Resolution(Outcome.NONE, null, null);

    boolean held() {
        return outcome == Outcome.NEEDS_CONFIRMATION || outcome == Outcome.AMBIGUOUS;
    }

    boolean matched() {
        return outcome == Outcome.EXACT || outcome == Outcome.FUZZY;
    }

    DecisionCode holdCode() {
        return outcome == Outcome.AMBIGUOUS ? DecisionCode.AMBIGUOUS_MATCH : DecisionCode.FUZZY_NEEDS_CONFIRMATION;
    }
}
