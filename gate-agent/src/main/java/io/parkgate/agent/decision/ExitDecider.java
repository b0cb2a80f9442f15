package io.parkgate.agent.decision;

import io.parkgate.agent.registry.OpenStay;
import io.parkgate.config.ExemptionCategory;
import io.parkgate.config.LaneRules;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Pass;
import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.PayerCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Exit rules 1–2 of docs/domain.md: find the entry, decide who pays what, collect or open.
 *
 * <p>The category decided at entry binds the stay (a vehicle that entered as temporary, e.g. with an
 * invalid card, pays as temporary); a pass holder's pass is checked again, and a pass that ran out
 * during the stay is charged from its end.
 */
final class ExitDecider {

    private ExitDecider() {
    }

    static Decision decide(LaneContext ctx, Identification identified, Instant now) {
        Identification read = preferExactStay(ctx, identified);
        Optional<Decision> early = CommonChecks.plateless(read).or(() -> CommonChecks.blacklisted(ctx, read));
        if (early.isPresent()) {
            return early.get();
        }
        Optional<ExemptionCategory> policy = CommonChecks.policyPlate(ctx, read);
        if (policy.isPresent()) {
            StayFinder.Found f = StayFinder.find(ctx, read);
            ExemptionCategory c = policy.get();
            return Decisions.of(read, Verdict.OPEN, DecisionCode.POLICY_EXEMPT, PayerCategory.EXEMPT,
                    "政策性免费：" + c.label(), "exempt by policy: " + c.labelEn(), "免费放行",
                    Pricing.zero(FeeQuote.ZeroFeeReason.POLICY_EXEMPT, "政策性免费：" + c.label()), stayId(f.stay()));
        }
        Optional<Decision> fuzzy = CommonChecks.fuzzyHold(read);
        if (fuzzy.isPresent()) {
            return fuzzy.get();
        }
        StayFinder.Found found = StayFinder.find(ctx, read);
        if (!found.viaRead() && read.readProblem() != null) {
            // an unusable read that no entry was recorded under: the card, if any, finds the entry
            Identification byCard = CommonChecks.cardInsteadOfUnusableRead(read);
            Optional<Decision> unusable = CommonChecks.unusableRead(byCard);
            if (unusable.isPresent()) {
                return unusable.get();
            }
            found = StayFinder.find(ctx, byCard);
        }
        if (found.hold() != null) {
            return found.hold();
        }
        Identification id = found.id();
        OpenStay stay = found.stay();
        Optional<ManagementExemption> exemption = CommonChecks.registryExemption(ctx, id, now);
        if (exemption.isPresent()) {
            Decision d = EntryDecider.registryExempt(ctx, id, exemption.get());
            FeeQuote.ZeroFeeReason why = d.code() == DecisionCode.POLICY_EXEMPT
                    ? FeeQuote.ZeroFeeReason.POLICY_EXEMPT : FeeQuote.ZeroFeeReason.MANAGEMENT_APPROVED;
            return withFee(d, Pricing.zero(why, d.reason()), stayId(stay));
        }
        if (id.cardMismatch()) {
            return cardMismatch(ctx, id, stay, now);
        }
        if (stay == null) {
            return noEntryRecord(ctx, id, now);
        }
        if (id.cardCheck().invalid()) {
            return charged(ctx, id, stay, PayerCategory.TEMPORARY, DecisionCode.INVALID_CARD,
                    Pricing.chargedFrom(stay), now, id.cardCheck().label() + id.cardNumber() + "，按临时车收费",
                    id.cardCheck().labelEn() + " " + id.cardNumber() + ": charged as temporary");
        }
        return switch (stay.payer()) {
            case PASS_HOLDER -> passHolder(ctx, id, stay, now);
            case VISITOR -> charged(ctx, id, stay, PayerCategory.VISITOR, DecisionCode.VISITOR,
                    Pricing.chargedFrom(stay), now, "访客车辆" + Decisions.who(id),
                    "visitor " + Decisions.whoEn(id));
            default -> charged(ctx, id, stay, PayerCategory.TEMPORARY, DecisionCode.TEMPORARY,
                    Pricing.chargedFrom(stay), now, "临时车辆" + Decisions.who(id),
                    "temporary vehicle " + Decisions.whoEn(id));
        };
    }

    /**
     * An open stay recorded under exactly the text read beats a fuzzy registry match: the entry saw the
     * same plate (e.g. an unregistered 粤E60001 let in by the supervisor while 粤E6000I and 粤EG0001 are
     * registered), so the exit must not be held or priced as someone else.
     */
    private static Identification preferExactStay(LaneContext ctx, Identification id) {
        if (id.read() == null || id.resolution().outcome() == Resolution.Outcome.EXACT
                || id.resolution().outcome() == Resolution.Outcome.NONE) {
            return id;
        }
        return ctx.stays().byPlate(id.read()).isPresent()
                ? id.readTakenExactly("入场记录车牌与读数完全一致，不采用登记库模糊匹配（" + id.matchNote() + "）") : id;
    }

    private static Decision passHolder(LaneContext ctx, Identification id, OpenStay stay, Instant now) {
        Optional<Pass> pass = id.plate() == null ? Optional.empty() : ctx.registry().validPass(id.plate(), now);
        if (pass.isPresent()) {
            return residentOpen(ctx, id, pass.get(), now, "", stay.entryEventId());
        }
        Pass expired = id.plate() == null ? null : ctx.registry().lastExpiredPass(id.plate(), now).orElse(null);
        Instant from = Pricing.chargedFrom(stay, expired == null ? null : expired.validUntil());
        String since = expired == null ? "通行证已注销" : "通行证已于" + ctx.local(expired.validUntil()) + "过期";
        String sinceEn = expired == null ? "pass withdrawn" : "pass expired at " + expired.validUntil();
        if (ctx.rules().expiredPass() == LaneRules.ExpiredPassRule.HOLD) {
            Pricing.Priced p = Pricing.quote(ctx, id, PayerCategory.TEMPORARY, from, now);
            return Decisions.hold(id, DecisionCode.PASS_EXPIRED, "住户车辆" + Decisions.who(id) + since + "，请值班员处理",
                    "resident: " + sinceEn + ": held", "月卡已过期，请稍候", p.quote(), stay.entryEventId());
        }
        return charged(ctx, id, stay, PayerCategory.TEMPORARY, DecisionCode.PASS_EXPIRED, from, now,
                "住户车辆" + Decisions.who(id) + since + "，过期后按临时车收费", "resident: " + sinceEn
                        + ": charged as temporary after it");
    }

    private static Decision residentOpen(LaneContext ctx, Identification id, Pass pass, Instant now, String prefix,
                                         String entryEventId) {
        FeeQuote zero = Pricing.zero(FeeQuote.ZeroFeeReason.PASS_HOLDER, "有效通行证");
        Duration warning = ctx.rules().passExpiryWarning();
        if (pass.validUntil() != null && warning != null && !pass.validUntil().isAfter(now.plus(warning))) {
            long days = Decisions.daysLeft(now, pass.validUntil());
            return Decisions.of(id, Verdict.OPEN, DecisionCode.RESIDENT_PASS_EXPIRING, PayerCategory.PASS_HOLDER,
                    prefix + "住户车辆" + Decisions.who(id) + "，通行证" + days + "天后到期",
                    "resident with a valid pass expiring in " + days + " days",
                    "月卡将于" + days + "天后到期，请及时续费", zero, entryEventId);
        }
        return Decisions.of(id, Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER,
                prefix + "住户车辆" + Decisions.who(id) + "，通行证有效", "resident with a valid pass", "一路平安", zero,
                entryEventId);
    }

    private static Decision cardMismatch(LaneContext ctx, Identification id, OpenStay stay, Instant now) {
        FeeQuote fee = stay == null ? Pricing.flat(ctx.noEntryRecordFlatFen(), "无入场记录")
                : Pricing.quote(ctx, id, PayerCategory.TEMPORARY, Pricing.chargedFrom(stay), now).quote();
        return Decisions.hold(id, DecisionCode.CARD_PLATE_MISMATCH,
                "卡" + id.cardNumber() + "绑定车牌" + id.card().plate() + "，与识别车牌" + id.plate()
                        + "不符，不予放行，请报班长；核实后按临时车收费",
                "card " + id.cardNumber() + " is bound to " + id.card().plate() + ", not " + id.plate()
                        + ": supervisor to verify; charged as temporary if released",
                "卡与车牌不符，请稍候", fee, stayId(stay));
    }

    private static Decision noEntryRecord(LaneContext ctx, Identification id, Instant now) {
        Optional<Pass> pass = id.plate() == null ? Optional.empty() : ctx.registry().validPass(id.plate(), now);
        if (pass.isPresent() && !id.cardCheck().invalid()) {
            return residentOpen(ctx, id, pass.get(), now, "无入场记录；", null);
        }
        long flat = ctx.noEntryRecordFlatFen();
        String who = Decisions.who(id);
        return switch (ctx.rules().noEntryRecord()) {
            case CHARGE_FLAT -> Decisions.of(id, flat == 0 ? Verdict.OPEN : Verdict.COLLECT_FEE,
                    DecisionCode.NO_ENTRY_RECORD, PayerCategory.TEMPORARY,
                    who + "无入场记录，按规定收取固定费用" + Decisions.yuan(flat),
                    "no entry record: flat fee " + flat + " fen", flat == 0 ? "一路平安" : "无入场记录，请缴费"
                            + Decisions.yuan(flat), Pricing.flat(flat, "无入场记录 固定收费"), null);
            case FREE -> Decisions.of(id, Verdict.OPEN, DecisionCode.NO_ENTRY_RECORD, PayerCategory.TEMPORARY,
                    who + "无入场记录，按规定免费放行", "no entry record: released free by the lane's rule", "一路平安",
                    Pricing.zero(FeeQuote.ZeroFeeReason.MANAGEMENT_APPROVED, "无入场记录，按规定免费放行"), null);
            case HOLD -> Decisions.hold(id, DecisionCode.NO_ENTRY_RECORD, who + "无入场记录，请值班员核实",
                    "no entry record: held for the attendant", "无入场记录，请稍候",
                    flat > 0 ? Pricing.flat(flat, "无入场记录 固定收费") : null, null);
        };
    }

    /** A charged stay: COLLECT_FEE, or OPEN when the tariff says nothing is due. */
    static Decision charged(LaneContext ctx, Identification id, OpenStay stay, PayerCategory payer, DecisionCode code,
                            Instant from, Instant now, String reason, String reasonEn) {
        Pricing.Priced p = Pricing.quote(ctx, id, payer, from, now);
        String length = "停车" + Pricing.length(stay.entryTime(), now);
        if (p.failed()) {
            return Decisions.hold(id, code, reason + "，" + length + "，" + p.failure() + "，请值班员人工收费",
                    reasonEn + "; " + p.failureEn(), null, null, stay.entryEventId());
        }
        FeeQuote q = p.quote();
        if (stay.entryTime().isAfter(now)) {
            // This lane PC's clock is behind the entry lane's: the stay cannot be measured and costs nothing, but
            // the register must not call it a short stay, or a wrong clock giving stays away would go unseen.
            String skew = "出场时间早于入场记录" + Pricing.length(now, stay.entryTime()) + "（车道电脑时钟不一致），未计费";
            q = new FeeQuote(0, q.zeroReason(), skew, List.of(skew));
        }
        if (q.fen() == 0) {
            DecisionCode zeroCode = code == DecisionCode.TEMPORARY ? DecisionCode.SHORT_STAY : code;
            String why = q.remark() != null ? q.remark() : "免费";
            String message = zeroCode == DecisionCode.VISITOR ? "访客免费时段内，一路平安"
                    : zeroCode == DecisionCode.SHORT_STAY ? "短时停车免费，一路平安" : "一路平安";
            return Decisions.of(id, Verdict.OPEN, zeroCode, payer, reason + "，" + length + "，" + why,
                    reasonEn + "; nothing due (" + q.zeroReason() + ")", message, q, stay.entryEventId());
        }
        return Decisions.of(id, Verdict.COLLECT_FEE, code, payer,
                reason + "，" + length + "，应收" + Decisions.yuan(q.fen()),
                reasonEn + "; fee " + q.fen() + " fen", "请缴费" + Decisions.yuan(q.fen()), q, stay.entryEventId());
    }

    private static Decision withFee(Decision d, FeeQuote fee, String entryEventId) {
        return new Decision(d.verdict(), d.code(), d.plate(), d.plateAsRead(), d.card(), d.match(), d.matchNote(),
                d.reason(), d.reasonEn(), d.driverMessage(), d.payer(), fee, entryEventId);
    }

    private static String stayId(OpenStay stay) {
        return stay == null ? null : stay.entryEventId();
    }
}
