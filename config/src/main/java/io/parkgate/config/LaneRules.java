package io.parkgate.config;

import java.time.Duration;

/**
 * How a lane decides where docs/domain.md leaves a choice to the site.
 *
 * @param identificationWindow after the arming loop triggers, how long to wait for plate and/or card
 * @param matchPolicy          how fuzzy plate matches are trusted
 * @param alreadyInside        a plate already inside entering again (车已在场)
 * @param noEntryRecord        an exit with no entry record
 * @param passExpiryWarning    a pass expiring within this time is announced to the driver (default 7 days)
 * @param expiredPass          what an expired pass means
 * @param flatFeeNoEntryRecordFen the fee in fen charged under {@link NoEntryRecordRule#CHARGE_FLAT}
 */
public record LaneRules(Duration identificationWindow, MatchPolicy matchPolicy, AlreadyInsideRule alreadyInside,
                        NoEntryRecordRule noEntryRecord, Duration passExpiryWarning, ExpiredPassRule expiredPass,
                        long flatFeeNoEntryRecordFen) {

    /** The original components; no flat fee (so CHARGE_FLAT would charge nothing). */
    public LaneRules(Duration identificationWindow, MatchPolicy matchPolicy, AlreadyInsideRule alreadyInside,
                     NoEntryRecordRule noEntryRecord, Duration passExpiryWarning, ExpiredPassRule expiredPass) {
        this(identificationWindow, matchPolicy, alreadyInside, noEntryRecord, passExpiryWarning, expiredPass, 0);
    }

    /**
     * The rules of a lane whose site file says nothing: 3 s to identify, fuzzy single matches, a
     * re-entering plate replaces its old stay, an exit without entry record is held, passes warn 7 days
     * ahead, an expired pass is charged as a temporary vehicle.
     */
    public static LaneRules defaults() {
        return new LaneRules(Duration.ofSeconds(3), MatchPolicy.FUZZY_SINGLE, AlreadyInsideRule.REPLACE_STAY,
                NoEntryRecordRule.HOLD, Duration.ofDays(7), ExpiredPassRule.CHARGE_AS_TEMPORARY, 0);
    }

    /** A plate recorded inside enters again. */
    public enum AlreadyInsideRule {
        /** Close the old stay as lost exit (remarked) and open a new one. */
        REPLACE_STAY,
        /** Hold for the attendant. */
        HOLD
    }

    /** A vehicle leaves with no entry record. */
    public enum NoEntryRecordRule {
        /** Charge the configured flat fee for an unknown stay. */
        CHARGE_FLAT,
        /** Hold for the attendant. */
        HOLD,
        /** Open without charge (remarked). */
        FREE
    }

    /** A resident whose pass has expired. */
    public enum ExpiredPassRule {
        /** Treated as a temporary vehicle and charged (docs/domain.md entry rule 3). */
        CHARGE_AS_TEMPORARY,
        /** Held for the attendant. */
        HOLD
    }
}
