package io.parkgate.central.shift;

import io.parkgate.central.change.RecordedNote;
import java.time.Instant;
import java.util.List;

/**
 * The handover form FM-RW528 as filled in, accepted and signed, with what central adds: the cash the post's lanes
 * took (and so the difference), the shift's name and start, the people by the names they sign with, and the
 * exceptions resolved, lane notes and desk payments of the shift.
 *
 * @param nextShiftId    the receiver's shift, once accepted
 * @param fromName       a person's display name; their user name when they have no account, null when they have
 *                       one without a display name (the same for {@code toName} and {@code supervisorName})
 * @param nextShiftName  the receiver's shift of the day (null when not named, or not accepted yet)
 */
public record Handover(String id, String formNo, String shiftId, String post, String fromAttendant,
                       String toAttendant, Instant createdAt, String dutyNotes, int walkieTalkies, int keys,
                       int batons, int flashlights, int tickets, long cashFen, long expectedCashFen, String remarks,
                       Instant acceptedAt, String nextShiftId, String supervisor, Instant signedAt,
                       Instant shiftStartedAt, ShiftName shiftName, String fromName, String toName,
                       String supervisorName, ShiftName nextShiftName, List<ResolvedCase> exceptionsResolved,
                       List<RecordedNote> notes, List<DeskPayment> payments) {

    public Handover {
        exceptionsResolved = List.copyOf(exceptionsResolved);
        notes = List.copyOf(notes);
        payments = List.copyOf(payments);
    }

    /** What was handed over less what the lanes took (a signature does not hide it). */
    public long differenceFen() {
        return cashFen - expectedCashFen;
    }

    public boolean cashMatches() {
        return differenceFen() == 0;
    }

    /** An exception case resolved at one of the post's lanes during the shift. */
    public record ResolvedCase(String id, String laneId, String plate, String code, String outcome, Long feeFen,
                               String feeAction, String resolvedBy, Instant resolvedAt) {
    }

    /** A payment taken at the post's desk during the shift, by its receipt number; partial ones say so. */
    public record DeskPayment(String receiptNo, String plate, long amountFen, String method, Instant paidAt,
                              String takenBy, boolean partial, Long dueFen, Long creditedFen, String note) {
    }
}
