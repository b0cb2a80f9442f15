package io.parkgate.agent.decision;

import io.parkgate.config.ExemptionCategory;
import io.parkgate.plate.Plate;
import io.parkgate.plate.PlateColour;
import io.parkgate.plate.PlateKind;
import io.parkgate.registry.ManagementExemption;
import java.util.List;
import java.util.Optional;

/** Recognises policy-exempt vehicles (政策性免费, docs/domain.md exit rule 2). */
final class PolicyExemptions {

    private PolicyExemptions() {
    }

    /**
     * The category of a policy plate: one the plate's text classifies as (警, WJ, military, 应急), named
     * by the site's category of the same code (a site without one still exempts it: the rule is policy,
     * not site choice), else a site category whose plate patterns match. WJ and military text on a blue,
     * green or yellow plate is not taken: such text is also a civil plate whose province character was
     * missed (e.g. {@code BD12345}).
     */
    static Optional<ExemptionCategory> forPlate(List<ExemptionCategory> site, String read, PlateColour colour) {
        if (read == null) {
            return Optional.empty();
        }
        boolean civilColour = colour == PlateColour.BLUE || colour == PlateColour.GREEN
                || colour == PlateColour.YELLOW;
        PlateKind kind = Plate.classify(read).kind();
        if (kind.policyExempt()) {
            if (civilColour && mayBeCivil(kind.exemptionCode())) {
                return Optional.empty();
            }
            return Optional.of(site.stream().filter(c -> c.code().equals(kind.exemptionCode())).findFirst()
                    .orElseGet(() -> new ExemptionCategory(kind.exemptionCode(), kind.label(), kind.labelEn())));
        }
        return site.stream().filter(c -> c.matches(read) && !(civilColour && mayBeCivil(c.code()))).findFirst();
    }

    private static boolean mayBeCivil(String code) {
        return PlateKind.MILITARY.exemptionCode().equals(code) || PlateKind.ARMED_POLICE.exemptionCode().equals(code);
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
