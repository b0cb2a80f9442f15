package io.parkgate.central.exception;

import io.parkgate.central.error.CentralException;
import io.parkgate.wire.PaymentMethod;

/**
 * What the supervisor verified and decided (docs/domain.md exception rule 2).
 *
 * @param licenceNo     driving licence number checked
 * @param idCardNo      ID card number checked
 * @param statement     the driver's written statement
 * @param signatureRef  reference to the stored signature image
 * @param feeFen        the fee for the stay (0 allowed)
 * @param feeAction     COLLECT (paid with {@code paymentMethod}) or WAIVE (with {@code waiveReason})
 * @param outcome       what the supervisor writes into the shift register
 * @param release       send the lane a signed release
 */
public record Resolution(String licenceNo, String idCardNo, String statement, String signatureRef, long feeFen,
                         FeeAction feeAction, PaymentMethod paymentMethod, String waiveReason, String outcome,
                         boolean release) {

    /** Collect the fee, or waive it. */
    public enum FeeAction { COLLECT, WAIVE }

    public Resolution {
        if (feeFen < 0) {
            throw CentralException.badRequest("feeFen must not be negative, was " + feeFen);
        }
        if (feeAction == null) {
            throw CentralException.badRequest("feeAction must be COLLECT or WAIVE");
        }
        if (feeAction == FeeAction.COLLECT && feeFen > 0 && paymentMethod == null) {
            throw CentralException.badRequest("paymentMethod is required when a fee is collected");
        }
        if (feeAction == FeeAction.WAIVE && (waiveReason == null || waiveReason.isBlank())) {
            throw CentralException.badRequest("waiveReason is required to waive a fee");
        }
        if (outcome == null || outcome.isBlank()) {
            throw CentralException.badRequest("outcome is required (it goes into the shift register)");
        }
    }
}
