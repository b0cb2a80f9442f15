package io.parkgate.config;

/** How far a lane trusts a plate read that matches the registry only up to confusable characters. */
public enum MatchPolicy {
    /** Only an exact read matches; anything else is decided as unregistered. */
    EXACT,
    /**
     * A single candidate one confusable character (or a missed province character) away opens, as
     * does any fuzzy candidate the card confirms; otherwise the attendant confirms.
     */
    FUZZY_SINGLE,
    /** Every fuzzy match is held for the attendant to confirm. */
    ATTENDANT_CONFIRMS
}
