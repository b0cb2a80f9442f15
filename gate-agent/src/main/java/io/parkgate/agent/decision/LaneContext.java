package io.parkgate.agent.decision;

import io.parkgate.agent.registry.OpenStays;
import io.parkgate.agent.registry.Registry;
import io.parkgate.config.ExemptionCategory;
import io.parkgate.config.LaneRules;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * What a lane decides with: the registry version in force, the vehicles inside, the lane's rules, the
 * site's policy-exemption categories, and how stays are priced.
 *
 * @param exemptions          the site's categories, looked up by code for policy plates (POLICE,
 *                            ARMED_POLICE, MILITARY, FIRE) and by label for registry exemptions (救护车)
 * @param noEntryRecordFlatFen the fee for an exit without entry record under
 *                            {@link LaneRules.NoEntryRecordRule#CHARGE_FLAT}, in fen
 * @param zone                the site's time zone, for times in reasons (pass ends, entry times)
 */
public record LaneContext(Registry registry, OpenStays stays, LaneRules rules, List<ExemptionCategory> exemptions,
                          long noEntryRecordFlatFen, FeeCalculator fees, ZoneId zone) {

    public LaneContext {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(stays, "stays");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(zone, "zone");
        exemptions = List.copyOf(exemptions);
        if (noEntryRecordFlatFen < 0) {
            throw new IllegalArgumentException("noEntryRecordFlatFen " + noEntryRecordFlatFen + " is negative");
        }
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A lane whose no-entry-record flat fee is the one its rules configure. */
    public static LaneContext of(Registry registry, OpenStays stays, LaneRules rules,
                                 List<ExemptionCategory> exemptions, FeeCalculator fees, ZoneId zone) {
        return new LaneContext(registry, stays, rules, exemptions, rules.flatFeeNoEntryRecordFen(), fees, zone);
    }

    /** A time as attendants read it: local, to the minute. */
    public String local(Instant t) {
        return LOCAL.format(t.atZone(zone));
    }

    /** The same lane with a newer registry (central sent a snapshot or delta). */
    public LaneContext withRegistry(Registry newer) {
        return new LaneContext(newer, stays, rules, exemptions, noEntryRecordFlatFen, fees, zone);
    }
}
