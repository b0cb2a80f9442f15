package io.parkgate.agent.decision;

import io.parkgate.config.MatchPolicy;
import io.parkgate.plate.Candidate;
import io.parkgate.plate.MatchResult;
import io.parkgate.plate.PlateDifference;
import java.util.Optional;

/** Applies a lane's {@link MatchPolicy} to a plate match (docs/domain.md "Plates"). */
final class MatchResolver {

    private MatchResolver() {
    }

    /**
     * @param confirmingPlate the plate a valid presented card is bound to, or null: a card that names
     *                        one of the candidates confirms it (it also settles a tie)
     */
    static Resolution resolve(MatchResult m, MatchPolicy policy, String confirmingPlate) {
        switch (m.kind()) {
            case NONE:
                return Resolution.NONE;
            case EXACT:
                return new Resolution(Resolution.Outcome.EXACT, m.candidates().get(0), null);
            default:
                break;
        }
        if (policy == MatchPolicy.EXACT) {
            return Resolution.NONE;
        }
        Optional<Candidate> confirmed = confirmingPlate == null ? Optional.empty() : m.candidate(confirmingPlate);
        if (policy == MatchPolicy.FUZZY_SINGLE && confirmed.isPresent()) {
            Candidate c = confirmed.get();
            return new Resolution(Resolution.Outcome.FUZZY, c, "读为" + m.read() + "，按" + c.plate() + "匹配（"
                    + c.describeDifferences() + "），卡片绑定车牌确认");
        }
        if (m.ambiguous()) {
            return new Resolution(Resolution.Outcome.AMBIGUOUS, null, m.note());
        }
        if (policy == MatchPolicy.ATTENDANT_CONFIRMS) {
            return new Resolution(Resolution.Outcome.NEEDS_CONFIRMATION, null, m.note() + "，按本车道策略须值班员确认");
        }
        Candidate best = m.candidates().get(0);
        // another province character may be another vehicle (闽B12345 and 粤B12345 both exist); a missed one cannot
        boolean otherProvince = best.differences().stream()
                .anyMatch(d -> d.kind() == PlateDifference.Kind.PROVINCE_DIFFERENT);
        if (m.candidates().size() == 1 && best.distance() == 1 && !otherProvince) {
            return new Resolution(Resolution.Outcome.FUZZY, best, m.note());
        }
        String why = m.candidates().size() > 1 ? "有多个候选" : otherProvince ? "省份不同可能是另一辆车"
                : "相差" + best.distance() + "个字符";
        return new Resolution(Resolution.Outcome.NEEDS_CONFIRMATION, null, m.note() + "，" + why + "，须值班员确认");
    }
}
