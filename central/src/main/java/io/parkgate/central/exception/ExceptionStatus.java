package io.parkgate.central.exception;

/** Where a held vehicle's case stands. */
public enum ExceptionStatus {
    /** Just arrived from the lane; nobody has it yet. */
    OPEN,
    /** Unclaimed for longer than the escalation time: the manager is told. */
    ESCALATED,
    /** A supervisor has taken it. */
    CLAIMED,
    /** Verified, fee collected or waived, outcome written; a release went to the lane when asked for. */
    RESOLVED
}
