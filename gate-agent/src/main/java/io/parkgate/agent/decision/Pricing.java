package io.parkgate.agent.decision;

import io.parkgate.agent.registry.OpenStay;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.FeeRequest;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.tariff.VehicleClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Prices exits through the lane's {@link FeeCalculator}, never letting a pricing failure escape. */
final class Pricing {

    /** A quote, or why there is none (Chinese and English). */
    record Priced(FeeQuote quote, String failure, String failureEn) {

        boolean failed() {
            return quote == null;
        }
    }

    private Pricing() {
    }

    /** The registry's class for a registered vehicle, else what plate colour and type imply. */
    static VehicleClass vehicleClass(LaneContext ctx, Identification id) {
        return (id.plate() == null ? java.util.Optional.<Vehicle>empty() : ctx.registry().vehicle(id.plate()))
                .map(Vehicle::vehicleClass)
                .orElseGet(() -> VehicleClass.fromPlate(id.colour(), id.read() != null ? id.read() : id.plate()));
    }

    /** Where charging starts: the entry, or later when the stay is paid up to a time. */
    static Instant chargedFrom(OpenStay stay, Instant... alsoPaidUntil) {
        Instant from = stay.entryTime();
        if (stay.prepaidUntil() != null && stay.prepaidUntil().isAfter(from)) {
            from = stay.prepaidUntil();
        }
        for (Instant t : alsoPaidUntil) {
            if (t != null && t.isAfter(from)) {
                from = t;
            }
        }
        return from;
    }

    /** Quotes {@code from}..{@code now} (a start after {@code now}, from lane clock skew, costs nothing). */
    static Priced quote(LaneContext ctx, Identification id, PayerCategory payer, Instant from, Instant now) {
        Instant start = from.isAfter(now) ? now : from;
        try {
            FeeQuote q = ctx.fees().quote(new FeeRequest(vehicleClass(ctx, id), payer, start, now, null));
            if (q == null || q.fen() < 0) {
                return new Priced(null, "计费结果无效：" + q, "fee calculator returned an invalid quote: " + q);
            }
            return new Priced(q, null, null);
        } catch (RuntimeException e) {
            return new Priced(null, "计费失败：" + e.getMessage(), "fee calculation failed: " + e.getMessage());
        }
    }

    /** A zero quote for a reason that needs no tariff (pass holder, exemptions). */
    static FeeQuote zero(FeeQuote.ZeroFeeReason reason, String remark) {
        return new FeeQuote(0, reason, remark, List.of(remark));
    }

    /** A flat fee (no entry record). */
    static FeeQuote flat(long fen, String remark) {
        return new FeeQuote(fen, fen == 0 ? FeeQuote.ZeroFeeReason.MANAGEMENT_APPROVED : null, remark,
                List.of(remark + " " + Decisions.yuan(fen)));
    }

    /** "2小时05分" for a stay. */
    static String length(Instant from, Instant to) {
        long minutes = Math.max(0, Duration.between(from, to).toMinutes());
        return minutes / 60 + "小时" + String.format("%02d", minutes % 60) + "分";
    }
}
