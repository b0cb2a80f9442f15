package io.parkgate.central.exception;

import io.parkgate.wire.PaymentMethod;
import java.time.Duration;
import java.time.Instant;

/**
 * A held vehicle or alarm as the supervisor sees it: what the lane reported, who claimed and who resolved it
 * (with their display names: the console shows people by name), what was verified and the fee decision. What was
 * not recorded is null.
 *
 * @param openedAt   when the lane held the vehicle (the event's time)
 * @param releasedAt when the lane reported it carried out the release command
 */
public record ExceptionCase(String id, String eventId, String laneId, String code, String plate, String plateAsRead,
                            String card, String reason, String snapshotRef, Instant openedAt, ExceptionStatus status,
                            Instant escalatedAt, String claimedBy, Instant claimedAt, String licenceNo,
                            String idCardNo, String statement, String signatureRef, Long feeFen,
                            Resolution.FeeAction feeAction, PaymentMethod paymentMethod, String waiveReason,
                            String outcome, String resolvedBy, Instant resolvedAt, String commandId,
                            Instant releasedAt, String claimedByName, String resolvedByName) {

    /** How long the case waited to be claimed (docs/domain.md: "the time it waited is measured"); null until then. */
    public Long secondsToClaim() {
        return claimedAt == null ? null : Duration.between(openedAt, claimedAt).toSeconds();
    }

    /** How long the case took from opening to its resolution; null until resolved. */
    public Long secondsToResolve() {
        return resolvedAt == null ? null : Duration.between(openedAt, resolvedAt).toSeconds();
    }

    /** The same case with another snapshot reference (the door signs the lane's reference as a link). */
    public ExceptionCase withSnapshotRef(String ref) {
        return new ExceptionCase(id, eventId, laneId, code, plate, plateAsRead, card, reason, ref, openedAt, status,
                escalatedAt, claimedBy, claimedAt, licenceNo, idCardNo, statement, signatureRef, feeFen, feeAction,
                paymentMethod, waiveReason, outcome, resolvedBy, resolvedAt, commandId, releasedAt, claimedByName,
                resolvedByName);
    }
}
