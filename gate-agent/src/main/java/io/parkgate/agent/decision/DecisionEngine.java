package io.parkgate.agent.decision;

import io.parkgate.agent.port.PlateRead;
import io.parkgate.agent.registry.OpenStay;
import io.parkgate.config.Direction;
import io.parkgate.plate.PlateColour;
import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.PayerCategory;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The lane's decisions, as docs/domain.md's entry, exit and exception rules state them. A pure function of
 * its arguments: no I/O, no clock, nothing kept between calls (the lane records stays itself).
 *
 * <p>Bad input (an unreadable plate, an unknown card, a tariff that cannot price) never throws: it
 * becomes a decision whose reason says what was wrong, and never an OPEN it would not otherwise get.
 */
public final class DecisionEngine {

    public DecisionEngine() {
    }

    /**
     * Decides a vehicle at an entry lane.
     *
     * @param plateOrNull the camera's read (plateless reads allowed), or null when no camera report came
     * @param cardOrNull  the card number presented, or null
     */
    public Decision decideEntry(LaneContext ctx, PlateRead plateOrNull, String cardOrNull, Instant now) {
        Objects.requireNonNull(now, "now");
        return EntryDecider.decide(ctx, identify(ctx, plateOrNull, cardOrNull), now);
    }

    /** Decides a vehicle at an exit lane; see {@link #decideEntry}. */
    public Decision decideExit(LaneContext ctx, PlateRead plateOrNull, String cardOrNull, Instant now) {
        Objects.requireNonNull(now, "now");
        return ExitDecider.decide(ctx, identify(ctx, plateOrNull, cardOrNull), now);
    }

    /** Decides in the lane's direction. */
    public Decision decide(Direction direction, LaneContext ctx, PlateRead plateOrNull, String cardOrNull,
                           Instant now) {
        return direction == Direction.IN ? decideEntry(ctx, plateOrNull, cardOrNull, now)
                : decideExit(ctx, plateOrNull, cardOrNull, now);
    }

    /**
     * The decision once a supervisor has verified a held vehicle and releases it (docs/domain.md exception
     * rule 2): it is charged as a temporary vehicle. At entry it opens as temporary; at exit it is
     * priced as temporary from its entry (or at the flat no-entry-record fee when none is known), and
     * opens when that costs nothing. The held decision's code and fuzzy-match note are kept.
     *
     * @throws IllegalArgumentException when {@code held} is not a HOLD
     */
    public Decision decideAfterRelease(Direction direction, LaneContext ctx, Decision held, Instant now) {
        if (held.verdict() != Verdict.HOLD) {
            throw new IllegalArgumentException("only a held vehicle can be released; decision " + held.code()
                    + " for " + held.plate() + " is " + held.verdict());
        }
        String reason = "班长核实后放行，按临时车收费；原因：" + held.reason();
        String reasonEn = "released by the supervisor, charged as temporary; held for: " + held.reasonEn();
        if (direction == Direction.IN) {
            return new Decision(Verdict.OPEN, held.code(), held.plate(), held.plateAsRead(), held.card(), held.match(),
                    held.matchNote(), reason, reasonEn, "已核实，请通行", PayerCategory.TEMPORARY, null,
                    held.entryEventId());
        }
        Identification id = new Identification(held.plateAsRead(), PlateColour.UNKNOWN, held.card(), null,
                CardCheck.NONE, held.plate(), held.match(), held.matchNote(), Resolution.NONE);
        Optional<OpenStay> stay = Optional.ofNullable(held.entryEventId()).flatMap(ctx.stays()::byId)
                .or(() -> held.plate() == null ? Optional.empty() : ctx.stays().byPlate(held.plate()))
                .or(() -> ctx.stays().byCard(held.card()));
        if (stay.isEmpty()) {
            long flat = ctx.noEntryRecordFlatFen();
            FeeQuote fee = Pricing.flat(flat, "无入场记录 固定收费");
            return new Decision(flat == 0 ? Verdict.OPEN : Verdict.COLLECT_FEE, held.code(), held.plate(),
                    held.plateAsRead(), held.card(), held.match(), held.matchNote(),
                    reason + "；无入场记录，收取固定费用" + Decisions.yuan(flat), reasonEn + "; no entry record, flat fee",
                    flat == 0 ? "已核实，请通行" : "请缴费" + Decisions.yuan(flat), PayerCategory.TEMPORARY, fee, null);
        }
        Decision d = ExitDecider.charged(ctx, id, stay.get(), PayerCategory.TEMPORARY, held.code(),
                Pricing.chargedFrom(stay.get()), now, reason, reasonEn);
        // a tariff that cannot price keeps the vehicle held; otherwise the held code stays the register's reason
        return d.verdict() == Verdict.HOLD ? d : new Decision(d.verdict(), held.code(), d.plate(), d.plateAsRead(),
                d.card(), d.match(), d.matchNote(), d.reason(), d.reasonEn(), d.driverMessage(), d.payer(), d.fee(),
                d.entryEventId());
    }

    private static Identification identify(LaneContext ctx, PlateRead plate, String card) {
        return Identifier.identify(ctx.registry(), ctx.rules().matchPolicy(), plate, card);
    }
}
