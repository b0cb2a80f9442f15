package io.parkgate.agent.decision;

import io.parkgate.agent.registry.OpenStay;
import io.parkgate.config.ExemptionCategory;
import io.parkgate.config.LaneRules;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Pass;
import io.parkgate.tariff.PayerCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Entry rules 1–5 of docs/domain.md, applied to an identification. */
final class EntryDecider {

    private EntryDecider() {
    }

    static Decision decide(LaneContext ctx, Identification id, Instant now) {
        Optional<Decision> early = CommonChecks.plateless(id)
                .or(() -> CommonChecks.blacklisted(ctx, id));
        if (early.isPresent()) {
            return early.get();
        }
        Optional<ExemptionCategory> policy = CommonChecks.policyPlate(ctx, id);
        Identification usable = CommonChecks.cardInsteadOfUnusableRead(id);
        Decision base = policy.isPresent() ? policyExempt(id, policy.get())
                : CommonChecks.fuzzyHold(id).or(() -> CommonChecks.unusableRead(usable))
                        .orElseGet(() -> byRegistry(ctx, usable, now));
        return alreadyInside(ctx, usable, base);
    }

    private static Decision policyExempt(Identification id, ExemptionCategory c) {
        return Decisions.of(id, Verdict.OPEN, DecisionCode.POLICY_EXEMPT, PayerCategory.EXEMPT,
                "政策性免费：" + c.label(), "exempt by policy: " + c.labelEn(), "免费放行", null, null);
    }

    private static Decision byRegistry(LaneContext ctx, Identification id, Instant now) {
        Optional<ManagementExemption> exemption = CommonChecks.registryExemption(ctx, id, now);
        if (exemption.isPresent()) {
            return registryExempt(ctx, id, exemption.get());
        }
        if (id.cardCheck().invalid()) {
            return Decisions.of(id, Verdict.OPEN, DecisionCode.INVALID_CARD, PayerCategory.TEMPORARY,
                    id.cardCheck().label() + id.cardNumber() + "，按临时车收费（已登记为陌生车辆）",
                    id.cardCheck().labelEn() + " " + id.cardNumber() + ": charged as a temporary vehicle",
                    "卡无效，按临时车收费", null, null);
        }
        if (id.cardMismatch()) {
            return Decisions.hold(id, DecisionCode.CARD_PLATE_MISMATCH,
                    "卡" + id.cardNumber() + "绑定车牌" + id.card().plate() + "，与识别车牌" + id.plate()
                            + "不符，请报班长核实；放行后按临时车收费",
                    "card " + id.cardNumber() + " is bound to " + id.card().plate() + ", not " + id.plate()
                            + ": supervisor to verify; charged as temporary if released",
                    "卡与车牌不符，请稍候", null, null);
        }
        String plate = id.plate();
        Optional<Pass> pass = ctx.registry().validPass(plate, now);
        if (pass.isPresent()) {
            return resident(ctx, id, pass.get(), now);
        }
        Optional<Pass> expired = ctx.registry().lastExpiredPass(plate, now);
        if (expired.isPresent()) {
            return expiredPass(ctx, id, expired.get());
        }
        if (ctx.registry().visitorAt(plate, now).isPresent()) {
            return Decisions.of(id, Verdict.OPEN, DecisionCode.VISITOR, PayerCategory.VISITOR,
                    "住户登记的访客车辆" + Decisions.who(id), "visitor registered by a resident: " + plate, "欢迎来访",
                    null, null);
        }
        boolean registered = ctx.registry().vehicle(plate).isPresent();
        String who = Decisions.who(id);
        String whoEn = Decisions.whoEn(id);
        return Decisions.of(id, Verdict.OPEN, DecisionCode.TEMPORARY, PayerCategory.TEMPORARY,
                registered ? "登记车辆" + who + "无有效通行证，按临时车" : "临时车辆" + who + "，已登记为陌生车辆",
                registered ? "registered vehicle " + whoEn + " without a valid pass: temporary"
                        : "temporary vehicle " + whoEn + ", registered as a strange vehicle",
                "临时车，欢迎光临", null, null);
    }

    static Decision registryExempt(LaneContext ctx, Identification id, ManagementExemption e) {
        Optional<ExemptionCategory> category = PolicyExemptions.forRegistryExemption(ctx.exemptions(), e);
        if (category.isPresent()) {
            return Decisions.of(id, Verdict.OPEN, DecisionCode.POLICY_EXEMPT, PayerCategory.EXEMPT,
                    "政策性免费：" + category.get().label(), "exempt by policy: " + category.get().labelEn(),
                    "免费放行", null, null);
        }
        return Decisions.of(id, Verdict.OPEN, DecisionCode.MANAGEMENT_EXEMPT, PayerCategory.EXEMPT,
                "管理处批准免费（" + e.approvedBy() + "：" + e.reason() + "）",
                "free passage approved by management (" + e.approvedBy() + ")", "免费放行", null, null);
    }

    private static Decision resident(LaneContext ctx, Identification id, Pass pass, Instant now) {
        Duration warning = ctx.rules().passExpiryWarning();
        if (pass.validUntil() != null && warning != null && !pass.validUntil().isAfter(now.plus(warning))) {
            long days = Decisions.daysLeft(now, pass.validUntil());
            return Decisions.of(id, Verdict.OPEN, DecisionCode.RESIDENT_PASS_EXPIRING, PayerCategory.PASS_HOLDER,
                    "住户车辆" + Decisions.who(id) + "，通行证" + days + "天后到期",
                    "resident with a valid pass expiring in " + days + " days",
                    "月卡将于" + days + "天后到期，请及时续费", null, null);
        }
        return Decisions.of(id, Verdict.OPEN, DecisionCode.RESIDENT_PASS, PayerCategory.PASS_HOLDER,
                "住户车辆" + Decisions.who(id) + "，通行证有效", "resident with a valid pass", "欢迎回家", null, null);
    }

    private static Decision expiredPass(LaneContext ctx, Identification id, Pass pass) {
        if (ctx.rules().expiredPass() == LaneRules.ExpiredPassRule.HOLD) {
            return Decisions.hold(id, DecisionCode.PASS_EXPIRED,
                    "住户车辆" + Decisions.who(id) + "通行证已于" + ctx.local(pass.validUntil()) + "过期，请值班员处理",
                    "resident pass expired at " + pass.validUntil() + ": held", "月卡已过期，请稍候", null, null);
        }
        return Decisions.of(id, Verdict.OPEN, DecisionCode.PASS_EXPIRED, PayerCategory.TEMPORARY,
                "住户车辆" + Decisions.who(id) + "通行证已于" + ctx.local(pass.validUntil()) + "过期，按临时车收费",
                "resident pass expired at " + pass.validUntil() + ": charged as temporary",
                "月卡已过期，按临时车收费，请及时续费", null, null);
    }

    /**
     * A plate (or card) recorded inside enters again (车已在场). A hold stays a hold; otherwise the
     * lane's rule either holds, or opens and names the old stay in {@code entryEventId} for the lane to
     * close as a lost exit. Only exact plates count: replacing another vehicle's stay on a fuzzy guess
     * would lose its entry time.
     */
    private static Decision alreadyInside(LaneContext ctx, Identification id, Decision base) {
        if (base.verdict() == Verdict.HOLD) {
            return base;
        }
        Optional<OpenStay> stay = id.plate() == null ? Optional.empty() : ctx.stays().byPlate(id.plate());
        if (stay.isEmpty()) {
            stay = ctx.stays().byCard(id.cardNumber());
        }
        if (stay.isEmpty()) {
            return base;
        }
        OpenStay old = stay.get();
        String since = "（" + ctx.local(old.entryTime()) + "经" + old.laneId() + "入场，记录" + old.entryEventId() + "）";
        if (ctx.rules().alreadyInside() == LaneRules.AlreadyInsideRule.HOLD) {
            return Decisions.hold(id, DecisionCode.ALREADY_INSIDE, "车辆已在场内" + since + "，请值班员核实",
                    "already inside since " + old.entryTime() + " (entry " + old.entryEventId() + "): held",
                    "车辆已在场内，请稍候", null, old.entryEventId());
        }
        return new Decision(Verdict.OPEN, DecisionCode.ALREADY_INSIDE, base.plate(), base.plateAsRead(), base.card(),
                base.match(), base.matchNote(), "车辆已在场" + since + "，旧记录按漏记出场关闭；" + base.reason(),
                "already inside (entry " + old.entryEventId() + " closed as lost exit); " + base.reasonEn(),
                base.driverMessage(), base.payer(), null, old.entryEventId());
    }
}
