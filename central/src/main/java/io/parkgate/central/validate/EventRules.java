package io.parkgate.central.validate;

import io.parkgate.wire.LaneEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * What central stores from a lane. An event outside these bounds is not a passage central can account
 * for; it is quarantined with the reason instead of failing the batch it came in.
 */
public final class EventRules {

    /** Lanes buffer offline: an event may be this old when it arrives. */
    public static final Duration OLDEST = Duration.ofDays(400);
    /** Clock skew a lane PC may have. */
    public static final Duration AHEAD = Duration.ofDays(1);
    /** The code of central's own long-stay exception: a lane that sends it would pass its case off as central's. */
    public static final String LONG_STAY = "LONG_STAY";

    private EventRules() {
    }

    /** The reason the event cannot be stored, or null when it can; {@code maxFen} bounds its fee. */
    public static String problem(LaneEvent e, Instant now, long maxFen) {
        if (e.eventId() == null || e.eventId().length() > 64) {
            return "eventId missing or longer than 64";
        }
        if (e.occurredAt().isBefore(now.minus(OLDEST)) || e.occurredAt().isAfter(now.plus(AHEAD))) {
            return "occurredAt " + e.occurredAt() + " is not within " + OLDEST.toDays() + " days before and "
                    + AHEAD.toDays() + " day after central's clock";
        }
        if (LONG_STAY.equals(e.code())) {
            return "code " + LONG_STAY + " is central's own (its long-stay check), never a lane's";
        }
        if (e.feeFen() != null && (e.feeFen() < 0 || e.feeFen() > maxFen)) {
            return "feeFen " + e.feeFen() + " is not within 0.." + maxFen + " (the site's tariff.maxAmountFen)";
        }
        if (e.confidence() != null && (e.confidence() < 0 || e.confidence() > 100)) {
            return "confidence " + e.confidence() + " is not within 0..100";
        }
        String[][] texts = {{"plate", e.plate(), "16"}, {"plateAsRead", e.plateAsRead(), "16"}, {"card",
                e.card(), "32"},
            {"code", e.code(), "40"}, {"reason", e.reason(), "500"}, {"remark", e.remark(), "500"},
            {"snapshotRef", e.snapshotRef(), "200"}, {"relatedId", e.relatedId(), "64"}};
        for (String[] t : texts) {
            try {
                FieldRules.text(t[0], t[1], Integer.parseInt(t[2]));
            } catch (RuntimeException ex) {
                return ex.getMessage();
            }
        }
        return null;
    }
}
