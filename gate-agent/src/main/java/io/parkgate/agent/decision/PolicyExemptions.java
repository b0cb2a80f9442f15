package io.parkgate.agent.decision;

import io.parkgate.config.ExemptionCategory;
import io.parkgate.plate.Plate;
import io.parkgate.plate.PlateColour;
import io.parkgate.plate.PlateInfo;
import io.parkgate.plate.PlateKind;
import io.parkgate.registry.ManagementExemption;
import java.util.List;
import java.util.Optional;

/** Recognises policy-exempt vehicles (政策性免费, DOMAIN.md exit rule 2). */
final class PolicyExemptions {

    private PolicyExemptions() {
    }

    /**
     * The category of a policy plate (警, WJ, military, 应急). The site's category of the same code
     * names it; a site without one still exempts it, since the rule is policy, not site choice.
     * WJ and military text on a blue, green or yellow plate is not taken: such text is also a civil
     * plate whose province character was missed (e.g. {@code BD12345}).
     */
    static Optional<ExemptionCategory> forPlate(List<ExemptionCategory> site, String read, PlateColour colour) {
        if (read == null) {
            return Optional.empty();
        }
        PlateInfo info = Plate.classify(read);
        PlateKind kind = info.kind();
        if (!kind.policyExempt()) {
            return Optional.empty();
        }
        boolean civilColour = colour == PlateColour.BLUE || colour == PlateColour.GREEN
                || colour == PlateColour.YELLOW;
        if (civilColour && (kind == PlateKind.MILITARY || kind == PlateKind.ARMED_POLICE)) {
            return Optional.empty();
        }
        return Optional.of(site.stream().filter(c -> c.code().equals(kind.exemptionCode())).findFirst()
                .orElseGet(() -> new ExemptionCategory(kind.exemptionCode(), kind.label(), kind.labelEn())));
    }

    /**
     * The policy category a registry exemption stands for, when its reason names one (an ambulance on
     * a civil plate is registered with reason 救护车); empty for an ordinary management approval.
     */
    static Optional<ExemptionCategory> forRegistryExemption(List<ExemptionCategory> site, ManagementExemption e) {
        String reason = e.reason() == null ? "" : e.reason().trim();
        return site.stream().filter(c -> reason.equals(c.label()) || reason.equalsIgnoreCase(c.code())
                || (!c.label().isEmpty() && reason.contains(c.label()))).findFirst();
    }
}
