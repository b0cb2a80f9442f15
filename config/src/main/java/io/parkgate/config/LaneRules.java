package io.parkgate.config;

import java.time.Duration;

/**
 * How a lane decides where DOMAIN.md leaves a choice to the site.
 *
 * @param identificationWindow after the arming loop triggers, how long to wait for plate and/or card
 * @param matchPolicy          how fuzzy plate matches are trusted
 * @param alreadyInside        a plate already inside entering again (车已在场)
 * @param noEntryRecord        an exit with no entry record
 * @param passExpiryWarning    a pass expiring within this time is announced to the driver (default 7 days)
 * @param expiredPass          what an expired pass means
 */
public record LaneRules(Duration identificationWindow, MatchPolicy matchPolicy, AlreadyInsideRule alreadyInside,
                        NoEntryRecordRule noEntryRecord, Duration passExpiryWarning, ExpiredPassRule expiredPass) {

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
        /** Treated as a temporary vehicle and charged (DOMAIN.md entry rule 3). */
        CHARGE_AS_TEMPORARY,
        /** Held for the attendant. */
        HOLD
    }
}
