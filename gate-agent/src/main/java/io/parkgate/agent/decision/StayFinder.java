package io.parkgate.agent.decision;

import io.parkgate.agent.registry.OpenStay;
import io.parkgate.agent.registry.OpenStays;
import io.parkgate.agent.registry.StayMatch;
import io.parkgate.plate.MatchResult;
import io.parkgate.plate.Plate;
import java.util.Optional;

/**
 * Finds the entry of a leaving vehicle: by the identified plate, by the plate as read, by the read up
 * to confusables and the province (under the lane's match policy), then by card.
 */
final class StayFinder {

    /**
     * @param stay the open stay, or null when none was found
     * @param id   the identification, re-pointed at the stay's plate when only the stay identified it
     * @param hold a hold when the read matches several stays equally well, or only fuzzily under a
     *             policy that needs the attendant; else null
     * @param viaRead true when the plate (identified or as read) found the stay, false when only the
     *             card did or nothing was found
     */
    record Found(OpenStay stay, Identification id, Decision hold, boolean viaRead) {
    }

    private StayFinder() {
    }

    static Found find(LaneContext ctx, Identification id) {
        OpenStays stays = ctx.stays();
        Optional<OpenStay> exact = id.plate() == null ? Optional.empty() : stays.byPlate(id.plate());
        if (exact.isEmpty() && id.read() != null && !id.read().equals(id.plate())) {
            exact = stays.byPlate(id.read());
        }
        if (exact.isPresent()) {
            return new Found(exact.get(), id, null, true);
        }
        if (id.read() != null) {
            StayMatch sm = stays.match(id.read());
            if (sm.result().kind() != MatchResult.Kind.NONE) {
                String confirming = stays.byCard(id.cardNumber()).map(OpenStay::plate).orElse(null);
                Resolution r = MatchResolver.resolve(sm.result(), ctx.rules().matchPolicy(), confirming);
                Optional<OpenStay> chosen = r.matched() ? sm.stayOf(r.chosen()) : Optional.empty();
                if (chosen.isPresent()) {
                    OpenStay stay = chosen.get();
                    String note = "入场记录" + r.note();
                    Identification re = id.match() == MatchKind.NONE
                            ? id.withPlate(r.chosen().plate(), MatchKind.FUZZY, note)
                            : id.withPlate(id.plate(), MatchKind.FUZZY, join(id.matchNote(), note));
                    return new Found(stay, re, null, true);
                }
                if (r.held()) {
                    Identification re = id.withPlate(id.plate(), MatchKind.FUZZY, join(id.matchNote(), r.note()));
                    boolean tie = r.outcome() == Resolution.Outcome.AMBIGUOUS;
                    return new Found(null, re, Decisions.hold(re, r.holdCode(),
                            (tie ? "出场车牌与多条在场记录同样接近，不作猜测，请值班员确认：" : "出场车牌与在场记录模糊匹配，请值班员确认：")
                                    + r.note(),
                            tie ? "exit read matches several vehicles inside equally well; attendant to confirm"
                                    : "exit read matches a vehicle inside only fuzzily; attendant to confirm",
                            "请稍候，值班员确认车牌", null, null), true);
                }
            }
        }
        Optional<OpenStay> byCard = stays.byCard(id.cardNumber());
        if (byCard.isPresent()) {
            OpenStay stay = byCard.get();
            Identification re = id.plate() == null && stay.plate() != null
                    ? id.withPlate(Plate.normalise(stay.plate()), MatchKind.CARD_ONLY, null) : id;
            return new Found(stay, re, null, false);
        }
        return new Found(null, id, null, false);
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "；" + b;
    }
}
