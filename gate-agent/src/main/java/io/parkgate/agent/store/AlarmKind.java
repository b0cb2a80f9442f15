package io.parkgate.agent.store;

/** What an alarm is about (PROTOCOLS.md §1 safety rules, DOMAIN.md exception rule 3); names as the lane's. */
public enum AlarmKind {
    /** The barrier was rammed or a vehicle crossed the safety loop with the arm down (冲卡). */
    FORCED_PASSAGE,
    /** A second vehicle crossed during one authorised opening (跟车). */
    TAILGATING,
    /** The barrier could not be closed because a loop stayed occupied too long. */
    BARRIER_BLOCKED,
    /** A lane device stopped answering or answered wrongly. */
    DEVICE_FAULT
}
