package io.parkgate.agent.store;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.config.Direction;
import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.PayerCategory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One row of the entry/exit register (《车辆出入登记表》). Times have millisecond precision.
 *
 * @param eventId      the passage's id (lower-case UUID), unique in the register
 * @param laneId       the lane that registered it
 * @param direction    IN for an entry row, OUT for an exit row
 * @param plate        the decided plate (registered plate after a fuzzy match), or null when plateless
 * @param plateAsRead  the camera's text, or null
 * @param card         the card presented, or null
 * @param entryTime    entry rows: when it entered (required); exit rows: the matched stay's entry, or null
 * @param exitTime     exit rows: when it left (required); entry rows: null
 * @param entryEventId exit rows: the entry (open stay) this exit closes, or null when none was found
 * @param reason       the decision's reason, Chinese
 * @param matchNote    for a fuzzy match, what was read and what it was taken for
 * @param payer        the tariff category applied
 * @param feeFen       the fee due, integer fen (0 at entry)
 * @param payment      what was paid; {@link Payment#none()} until the attendant records a payment
 * @param remarks      the register's remarks column, e.g. why no fee was taken (Chinese), or null
 * @param operator     the attendant who handled it, or null for an automatic passage
 * @param snapshotRef  the kept camera frame of the vehicle (evidence; an imaging camera's snapshot URL), or null
 * @param createdAt    when the store wrote the row; set by the store (any value passed in is replaced)
 */
public record PassageRecord(String eventId, String laneId, Direction direction, String plate, String plateAsRead,
                            String card, Instant entryTime, Instant exitTime, String entryEventId, DecisionCode code,
                            Verdict verdict, String reason, MatchKind matchKind, String matchNote, PayerCategory payer,
                            long feeFen, Payment payment, String remarks, String operator, String snapshotRef,
                            Instant createdAt) {

    public PassageRecord {
        Require.uuid("eventId", eventId);
        Require.text("laneId", laneId);
        Require.present("direction", direction);
        Require.present("code", code);
        Require.present("verdict", verdict);
        Require.present("matchKind", matchKind);
        Require.present("payment", payment);
        if (direction == Direction.IN) {
            Require.present("entryTime of an entry row", entryTime);
            if (exitTime != null || entryEventId != null) {
                throw new IllegalArgumentException("entry row " + eventId
                        + " cannot carry an exit time or an entry event id");
            }
        } else {
            Require.present("exitTime of an exit row", exitTime);
            if (entryEventId != null) {
                Require.uuid("entryEventId", entryEventId);
            }
        }
        if (feeFen < 0) {
            throw new IllegalArgumentException("fee must not be negative, was " + feeFen + " fen (event "
                    + eventId + ")");
        }
        entryTime = millis(entryTime);
        exitTime = millis(exitTime);
        createdAt = millis(createdAt);
    }

    private static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The entry row for a lane's entry decision; nothing paid, no fee. */
    public static PassageRecord entry(String eventId, String laneId, Decision d, Instant entryTime, String operator) {
        return new PassageRecord(eventId, laneId, Direction.IN, d.plate(), d.plateAsRead(), d.card(), entryTime, null,
                null, d.code(), d.verdict(), d.reason(), d.match(), d.matchNote(), d.payer(), 0, Payment.none(),
                null, operator, null, null);
    }

    /**
     * The exit row for a lane's exit decision: the fee quoted, nothing paid yet, the zero-fee reason
     * in the remarks.
     *
     * @param entryTime the matched stay's entry time, or null when no entry was found
     */
    public static PassageRecord exit(String eventId, String laneId, Decision d, Instant entryTime, Instant exitTime,
                                     String operator) {
        FeeQuote fee = d.fee();
        return new PassageRecord(eventId, laneId, Direction.OUT, d.plate(), d.plateAsRead(), d.card(), entryTime,
                exitTime, d.entryEventId(), d.code(), d.verdict(), d.reason(), d.match(), d.matchNote(), d.payer(),
                fee == null ? 0 : fee.fen(), Payment.none(), remarks(fee), operator, null, null);
    }

    private static String remarks(FeeQuote fee) {
        if (fee == null) {
            return null;
        }
        if (fee.remark() != null && !fee.remark().isBlank()) {
            return fee.remark();
        }
        if (fee.zeroReason() == null) {
            return null;
        }
        return switch (fee.zeroReason()) {
            case PASS_HOLDER -> "月卡/年卡车辆，免收停车费";
            case POLICY_EXEMPT -> "政策性免费";
            case MANAGEMENT_APPROVED -> "管理处批准免费";
            case SHORT_STAY -> "停放时间短，免收停车费";
            case VISITOR_FREE_HOURS -> "访客免费时段内";
        };
    }

    /** When the vehicle passed this lane: the entry time of entry rows, the exit time of exit rows. */
    public Instant passedAt() {
        return direction == Direction.IN ? entryTime : exitTime;
    }

    public PassageRecord withPayment(Payment p) {
        return new PassageRecord(eventId, laneId, direction, plate, plateAsRead, card, entryTime, exitTime,
                entryEventId, code, verdict, reason, matchKind, matchNote, payer, feeFen, p, remarks,
                operator, snapshotRef, createdAt);
    }

    public PassageRecord withRemarks(String text) {
        return new PassageRecord(eventId, laneId, direction, plate, plateAsRead, card, entryTime, exitTime,
                entryEventId, code, verdict, reason, matchKind, matchNote, payer, feeFen, payment, text,
                operator, snapshotRef, createdAt);
    }

    /** The same row with the camera frame kept as its evidence. */
    public PassageRecord withSnapshot(String ref) {
        return new PassageRecord(eventId, laneId, direction, plate, plateAsRead, card, entryTime, exitTime,
                entryEventId, code, verdict, reason, matchKind, matchNote, payer, feeFen, payment, remarks,
                operator, ref, createdAt);
    }

    public PassageRecord withOperator(String who) {
        return new PassageRecord(eventId, laneId, direction, plate, plateAsRead, card, entryTime, exitTime,
                entryEventId, code, verdict, reason, matchKind, matchNote, payer, feeFen, payment, remarks,
                who, snapshotRef, createdAt);
    }

    PassageRecord withCreatedAt(Instant at) {
        return new PassageRecord(eventId, laneId, direction, plate, plateAsRead, card, entryTime, exitTime,
                entryEventId, code, verdict, reason, matchKind, matchNote, payer, feeFen, payment, remarks,
                operator, snapshotRef, at);
    }
}
