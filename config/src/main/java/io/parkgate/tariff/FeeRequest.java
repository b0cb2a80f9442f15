package io.parkgate.tariff;

import java.time.Instant;
import java.util.Objects;

/**
 * What the tariff needs to price one stay.
 *
 * @param exemptionReason words for the register's remarks when {@code category} is EXEMPT, else null
 */
public record FeeRequest(VehicleClass vehicleClass, PayerCategory category, Instant entry, Instant exit,
                         String exemptionReason) {

    public FeeRequest {
        Objects.requireNonNull(vehicleClass, "vehicleClass");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(exit, "exit");
        if (exit.isBefore(entry)) {
            throw new IllegalArgumentException("exit " + exit + " before entry " + entry);
        }
    }
}
