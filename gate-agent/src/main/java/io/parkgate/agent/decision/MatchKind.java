package io.parkgate.agent.decision;

/** How the plate read was matched to a record. */
public enum MatchKind {
    EXACT,
    /** Matched up to confusable characters or a missed province character; the decision says which. */
    FUZZY,
    /** Identified by the card alone (no plate read). */
    CARD_ONLY,
    NONE
}
