package io.parkgate.simulator.device;

import java.time.Instant;

/**
 * Something the I/O controller saw that must never happen, or must raise an alarm at the agent.
 *
 * @param detail what exactly, for the report
 */
public record SafetyViolation(Instant at, String lane, Kind kind, String detail) {

    public enum Kind {
        /** The agent pulsed CLOSE while a loop read occupied (docs/protocols.md §1 safety rule 1). */
        CLOSE_WHILE_OCCUPIED,
        /** The arm came down while a vehicle stood under it. */
        ARM_ON_VEHICLE,
        /** A vehicle crossed the safety loop with the arm closed (冲卡). */
        FORCED_PASSAGE,
        /** A second vehicle crossed under one opening. */
        TAILGATING
    }
}
