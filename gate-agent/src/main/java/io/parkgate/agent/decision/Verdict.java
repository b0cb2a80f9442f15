package io.parkgate.agent.decision;

/** What the lane does with the vehicle in front of it. */
public enum Verdict {
    /** Raise the barrier now. */
    OPEN,
    /** A fee is due: the barrier opens once the attendant records the payment. */
    COLLECT_FEE,
    /** Not released (docs/domain.md exception rule 1): the attendant calls the supervisor. */
    HOLD
}
