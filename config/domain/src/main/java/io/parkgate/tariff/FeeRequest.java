package io.parkgate.tariff;

import io.parkgate.tariff.FeeQuote.ZeroFeeReason;
import java.time.Instant;
import java.util.Objects;

/**
 * What the tariff needs to price one stay.
 *
 * @param exemptionReason words for the register's remarks when {@code category} is EXEMPT, else null
 * @param exemptionKind   for EXEMPT: {@code POLICY_EXEMPT} (政策性免费, the default) or
 *                        {@code MANAGEMENT_APPROVED}; null for every other category
 */
public record FeeRequest(VehicleClass vehicleClass, PayerCategory category, Instant entry, Instant exit,
                         String exemptionReason, ZeroFeeReason exemptionKind) {

    public FeeRequest {
        Objects.requireNonNull(vehicleClass, "vehicleClass");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(exit, "exit");
        if (exit.isBefore(entry)) {
            throw new IllegalArgumentException("exit " + exit + " before entry " + entry);
        }
        if (category == PayerCategory.EXEMPT) {
            exemptionKind = exemptionKind == null ? ZeroFeeReason.POLICY_EXEMPT : exemptionKind;
            if (exemptionKind != ZeroFeeReason.POLICY_EXEMPT && exemptionKind != ZeroFeeReason.MANAGEMENT_APPROVED) {
                throw new IllegalArgumentException("exemption kind " + exemptionKind
                        + " is not POLICY_EXEMPT or MANAGEMENT_APPROVED");
            }
        } else {
            exemptionKind = null;
        }
    }

    /** The original components; an EXEMPT request is a policy exemption. */
    public FeeRequest(VehicleClass vehicleClass, PayerCategory category, Instant entry, Instant exit,
                      String exemptionReason) {
        this(vehicleClass, category, entry, exit, exemptionReason, null);
    }

    /** A stay charged by the tariff, as a temporary vehicle. */
    public static FeeRequest temporary(VehicleClass vehicleClass, Instant entry, Instant exit) {
        return new FeeRequest(vehicleClass, PayerCategory.TEMPORARY, entry, exit, null, null);
    }

    /** A policy-exempt stay (police, fire, ambulance, military, armed police), e.g. reason "警车". */
    public static FeeRequest policyExempt(VehicleClass vehicleClass, Instant entry, Instant exit, String reason) {
        return new FeeRequest(vehicleClass, PayerCategory.EXEMPT, entry, exit, reason, ZeroFeeReason.POLICY_EXEMPT);
    }

    /** A stay whose free passage the management approved, with the approval's reason. */
    public static FeeRequest managementApproved(VehicleClass vehicleClass, Instant entry, Instant exit,
                                                String reason) {
        return new FeeRequest(vehicleClass, PayerCategory.EXEMPT, entry, exit, reason,
                ZeroFeeReason.MANAGEMENT_APPROVED);
    }
}
