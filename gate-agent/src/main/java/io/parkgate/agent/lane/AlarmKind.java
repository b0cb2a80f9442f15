package io.parkgate.agent.lane;

/** Alarms a lane raises. Bounded: a metric tag. */
public enum AlarmKind {
    /** The safety loop was occupied while the arm was down (冲卡). */
    FORCED_PASSAGE,
    /** A second vehicle crossed during one authorised opening. */
    TAILGATING,
    /** The barrier could not be closed because a loop stayed occupied for too long. */
    BARRIER_BLOCKED,
    /** A device command failed after its retries. */
    DEVICE_FAULT
}
