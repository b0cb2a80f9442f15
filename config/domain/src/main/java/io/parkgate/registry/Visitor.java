package io.parkgate.registry;

import java.time.Instant;

/**
 * A visitor's vehicle registered by a resident (or at the gate) for a period (来访登记).
 *
 * @param hostOwnerId the resident who registered it, or null when registered at the gate
 */
public record Visitor(String plate, String hostOwnerId, Instant validFrom, Instant validUntil, String note) {

    public boolean validAt(Instant t) {
        return !t.isBefore(validFrom) && t.isBefore(validUntil);
    }
}
