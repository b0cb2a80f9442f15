package io.parkgate.simulator;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's package structure, checked on its compiled classes. The simulated lane hardware (devices,
 * the wires they sit on, vehicles, the simulated clock and the report) is the agent's counterpart on the other
 * end of each wire: it speaks the byte formats of the lane protocol module, as real equipment would, and
 * never borrows the agent's own classes, so a change inside the agent cannot quietly change what the
 * simulator puts on the wire. Only the car park's assembly (starting agents and central), the benchmarks
 * and the scenarios' device names use the agent. (The simulator's packages are not yet free of cycles:
 * {@code device}, {@code lane} and {@code report} reach each other.)
 */
class ArchitectureTest {

    /** The simulated lane hardware: devices, their wires, vehicles, the simulated clock and the report. */
    private static final String[] HARDWARE = {"io.parkgate.simulator.device..", "io.parkgate.simulator.wire..",
        "io.parkgate.simulator.lane..", "io.parkgate.simulator.traffic..", "io.parkgate.simulator.time..",
        "io.parkgate.simulator.report.."};

    private static JavaClasses simulator;

    @BeforeAll
    static void importClasses() {
        simulator = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.parkgate.simulator");
    }

    /**
     * Verifies that the simulated hardware depends on the protocol module, never on the agent or central; of the
     * recogniser's module only the synthetic plate renderer, which stands in for an imaging camera's optics.
     */
    @Test
    void hardwareDoesNotUseTheAgent() {
        noClasses().that().resideInAnyPackage(HARDWARE)
                .should().dependOnClassesThat(resideInAnyPackage("io.parkgate.agent..", "io.parkgate.central..")
                        .or(resideInAPackage("io.parkgate.lpr..")
                                .and(not(resideInAPackage("io.parkgate.lpr.synth..")))))
                .check(simulator);
    }
}
