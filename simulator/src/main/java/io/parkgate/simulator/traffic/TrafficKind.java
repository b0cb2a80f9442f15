package io.parkgate.simulator.traffic;

/** What kind of arrival random traffic generates; each exercises one path of the lane's decision. */
public enum TrafficKind {
    /** Registered vehicle with a valid pass and its card. */
    RESIDENT,
    /** Registered vehicle whose driver shows no card: plate only. */
    RESIDENT_NO_CARD,
    /** Registered vehicle whose pass has expired: charged as temporary. */
    EXPIRED_PASS,
    /** Vehicle registered as a visitor. */
    VISITOR,
    /** Unknown vehicle, pays. */
    TEMPORARY,
    /** A resident's card in another vehicle: a mismatch, charged as temporary. */
    CARD_MISMATCH,
    /** A resident's vehicle with no readable plate, card only. */
    PLATELESS,
    /** Unknown vehicle that rams the barrier. */
    FORCED,
    /** A resident followed by an unknown vehicle under the same opening. */
    TAILGATE,
    /** A resident whose plate the camera misreads (confusable characters). */
    MISREAD,
    /** A blacklisted plate. */
    BLACKLISTED,
    /** Police, armed police, military or fire: exempt by policy. */
    POLICY,
    /** Free passage approved by management. */
    MANAGEMENT_EXEMPT
}
