package io.parkgate.agent.decision;

/** Why a lane decided as it did. Bounded: used as a metric tag and in the register. */
public enum DecisionCode {
    RESIDENT_PASS,
    RESIDENT_PASS_EXPIRING,
    PASS_EXPIRED,
    VISITOR,
    TEMPORARY,
    BLACKLISTED,
    CARD_PLATE_MISMATCH,
    INVALID_CARD,
    PLATELESS,
    POLICY_EXEMPT,
    MANAGEMENT_EXEMPT,
    SHORT_STAY,
    ALREADY_INSIDE,
    NO_ENTRY_RECORD,
    FUZZY_NEEDS_CONFIRMATION,
    AMBIGUOUS_MATCH
}
