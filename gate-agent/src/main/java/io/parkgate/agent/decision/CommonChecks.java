package io.parkgate.agent.decision;

import io.parkgate.config.ExemptionCategory;
import io.parkgate.config.MatchPolicy;
import io.parkgate.plate.Candidate;
import io.parkgate.plate.MatchResult;
import io.parkgate.plate.Plate;
import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.ManagementExemption;
import java.time.Instant;
import java.util.Optional;

/** The checks entry and exit share, in the order both apply them. */
final class CommonChecks {

    private CommonChecks() {
    }

    /** A hold when there is neither plate nor card to check (docs/domain.md exception rule 1). */
    static Optional<Decision> plateless(Identification id) {
        if (!id.nothing()) {
            return Optional.empty();
        }
        return Optional.of(Decisions.hold(id, DecisionCode.PLATELESS, "无牌无卡，无法核对，请值班员处理",
                "no plate read and no card: cannot be checked, attendant to handle", "未识别车牌，请稍候", null, null));
    }

    /**
     * A hold when the identified plate, the card's plate, or (unless the lane matches exactly only)
     * any fuzzy candidate of the read is blacklisted: a suspicious vehicle is not released.
     */
    static Optional<Decision> blacklisted(LaneContext ctx, Identification id) {
        Optional<BlacklistEntry> hit = id.plate() == null ? Optional.empty() : ctx.registry().blacklisted(id.plate());
        if (hit.isEmpty() && id.card() != null && id.card().plate() != null) {
            hit = ctx.registry().blacklisted(id.card().plate());
        }
        String suspected = "";
        if (hit.isEmpty() && id.read() != null && ctx.rules().matchPolicy() != MatchPolicy.EXACT) {
            MatchResult m = ctx.registry().matchPlate(id.read());
            for (Candidate c : m.candidates()) {
                hit = ctx.registry().blacklisted(c.plate());
                if (hit.isPresent()) {
                    suspected = "疑似";
                    break;
                }
            }
        }
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        BlacklistEntry b = hit.get();
        String plate = Plate.normalise(b.plate());
        return Optional.of(Decisions.hold(id, DecisionCode.BLACKLISTED,
                suspected + "黑名单车辆" + plate + "（" + b.reason() + "），不予放行，请报班长",
                (suspected.isEmpty() ? "" : "possibly ") + "blacklisted vehicle " + plate + " (" + b.reason()
                        + "): not released, supervisor called", null, null, null));
    }

    /**
     * The policy category of the read plate, if it is a policy plate. A read the registry matched only
     * fuzzily is not classified by its text: 7 characters without a province (e.g. {@code BD12345})
     * read like a military plate but are the registered 粤BD12345 with its province missed.
     */
    static Optional<ExemptionCategory> policyPlate(LaneContext ctx, Identification id) {
        if (id.match() == MatchKind.FUZZY) {
            return Optional.empty();
        }
        return PolicyExemptions.forPlate(ctx.exemptions(), id.read(), id.colour());
    }

    /** A hold for a fuzzy read the lane's policy does not let it take alone, or a tie. */
    static Optional<Decision> fuzzyHold(Identification id) {
        Resolution r = id.resolution();
        if (!r.held()) {
            return Optional.empty();
        }
        boolean tie = r.outcome() == Resolution.Outcome.AMBIGUOUS;
        return Optional.of(Decisions.hold(id, r.holdCode(),
                (tie ? "车牌有多个同样接近的登记记录，不作猜测，请值班员确认：" : "车牌模糊匹配，请值班员确认：") + r.note(),
                tie ? "plate read matches several registered plates equally well; attendant to confirm"
                        : "plate matched only fuzzily; attendant to confirm",
                "请稍候，值班员确认车牌", null, null));
    }

    /**
     * A read that is no plate format and matched nothing cannot be checked or registered: a valid card
     * bound to a plate identifies the vehicle instead (as when no plate is read at all).
     */
    static Identification cardInsteadOfUnusableRead(Identification id) {
        boolean bound = id.cardCheck() == CardCheck.VALID && id.card().plate() != null && !id.card().plate().isBlank();
        return id.readProblem() != null && bound ? id.cardOnly() : id;
    }

    /** A hold for a read that is no plate format and matched nothing, with what is wrong with it. */
    static Optional<Decision> unusableRead(Identification id) {
        String problem = id.readProblem();
        if (problem == null) {
            return Optional.empty();
        }
        return Optional.of(Decisions.hold(id, DecisionCode.PLATELESS,
                "车牌读数" + id.read() + "无效（" + problem + "），无法核对，请值班员处理",
                "plate read " + id.read() + " is not a valid plate and matches no record: attendant to handle",
                "未识别车牌，请稍候", null, null));
    }

    /** A registry exemption valid now for the identified plate. */
    static Optional<ManagementExemption> registryExemption(LaneContext ctx, Identification id, Instant now) {
        return id.plate() == null ? Optional.empty() : ctx.registry().exemptionAt(id.plate(), now);
    }
}
