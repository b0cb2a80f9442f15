package io.parkgate.central.exception;

import java.time.Instant;
import java.util.List;

/**
 * One case with its evidence: the presented card's file (its holder and the plate it is registered to: in a
 * card/plate mismatch that is the person to call), the plate's vehicle file and its previous passages. The files
 * hold the registry's rows as stored (times of validity in epoch milliseconds); a part the case has no plate or
 * card for is null.
 */
public record CaseFile(ExceptionCase exception, CardFile cardFile, VehicleFile vehicleFile,
                       List<PreviousPassage> previousPassages) {

    /** The card presented and its holder (null when the card or its owner is not registered). */
    public record CardFile(CardRow card, OwnerRow owner) {
    }

    /** What the registry holds about a plate; a missing vehicle, visitor or blacklist entry is null. */
    public record VehicleFile(VehicleRow vehicle, OwnerRow owner, List<CardRow> cards, List<PassRow> passes,
                              VisitorRow visitor, BlacklistRow blacklist) {
    }

    public record OwnerRow(String id, String name, String unit, String phone) {
    }

    public record VehicleRow(String plate, String ownerId, String colour, String vehicleClass) {
    }

    public record CardRow(String number, String ownerId, String plate, String status) {
    }

    /** @param validFrom epoch milliseconds, as stored */
    public record PassRow(String id, String plate, String type, long validFrom, Long validUntil) {
    }

    /** @param validFrom epoch milliseconds, as stored */
    public record VisitorRow(String plate, String hostOwnerId, long validFrom, long validUntil, String note) {
    }

    public record BlacklistRow(String plate, String reason) {
    }

    /** A lane event of the plate as stored, with when central received it. */
    public record PreviousPassage(String eventId, String laneId, String type, Instant occurredAt, Instant receivedAt,
                                  String plate, String plateAsRead, String colour, Integer confidence, String card,
                                  String code, String reason, Long feeFen, String paymentMethod, String remark,
                                  String snapshotRef, String relatedId) {
    }
}
