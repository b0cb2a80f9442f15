package io.parkgate.agent.decision;

import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.tariff.Yuan;

/** Builds decisions from an identification and the words for them. */
final class Decisions {

    static final String PLEASE_WAIT = "请稍候，值班员将为您处理";

    private Decisions() {
    }

    static Decision of(Identification id, Verdict verdict, DecisionCode code, PayerCategory payer, String reason,
                       String reasonEn, String driverMessage, FeeQuote fee, String entryEventId) {
        return new Decision(verdict, code, id.plate(), id.read(), id.cardNumber(), id.match(), id.matchNote(),
                reason, reasonEn, driverMessage, payer, fee, entryEventId);
    }

    /** Held for the attendant (docs/domain.md exception rule 1); charged as temporary if released. */
    static Decision hold(Identification id, DecisionCode code, String reason, String reasonEn, String driverMessage,
                         FeeQuote fee, String entryEventId) {
        return of(id, Verdict.HOLD, code, PayerCategory.TEMPORARY, reason, reasonEn,
                driverMessage == null ? PLEASE_WAIT : driverMessage, fee, entryEventId);
    }

    /** Plate and card, as a supervisor reads it: "粤B12345", "卡0E00A35C21", "粤B12345/卡0E00A35C21". */
    static String who(Identification id) {
        if (id.plate() != null && id.cardNumber() != null) {
            return id.plate() + "/卡" + id.cardNumber();
        }
        return id.plate() != null ? id.plate() : id.cardNumber() != null ? "卡" + id.cardNumber() : "无牌车";
    }

    /** The same in English: "粤B12345", "card 0E00A35C21", "plateless vehicle". */
    static String whoEn(Identification id) {
        return id.plate() != null ? id.plate()
                : id.cardNumber() != null ? "card " + id.cardNumber() : "plateless vehicle";
    }

    /** 1250 fen → "12.50元". */
    static String yuan(long fen) {
        return Yuan.of(fen) + "元";
    }

    /** Whole days until a pass ends, rounded up, at least 1 ("expires in 0 days" reads as already expired). */
    static long daysLeft(java.time.Instant now, java.time.Instant until) {
        long seconds = java.time.Duration.between(now, until).toSeconds();
        return Math.max(1, (seconds + 86_399) / 86_400);
    }
}
