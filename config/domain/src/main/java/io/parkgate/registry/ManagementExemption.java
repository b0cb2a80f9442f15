package io.parkgate.registry;

import java.time.Instant;

/** Free passage approved by the company's management (docs/domain.md exit rule 2). */
public record ManagementExemption(String plate, String approvedBy, Instant validFrom, Instant validUntil,
                                  String reason) {

    public boolean validAt(Instant t) {
        return !t.isBefore(validFrom) && t.isBefore(validUntil);
    }
}
