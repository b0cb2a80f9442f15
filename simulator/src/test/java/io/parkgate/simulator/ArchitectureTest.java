package io.parkgate.simulator;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
 * and the scenarios' device names use the agent. The root package assembles the rest ({@code Simulator},
 * {@code CarParkMain}, the end-of-run {@code SimulationReport}); nothing below it reaches back up, and the
 * packages below it form no cycle.
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

    /** Verifies that no package of the simulator reaches itself again through other packages. */
    @Test
    void packagesFormNoCycle() {
        slices().matching("io.parkgate.simulator.(**)").should().beFreeOfCycles().check(simulator);
    }

    /** Verifies that the root package (the assembly and its report) is used by nothing below it. */
    @Test
    void nothingReachesBackToTheAssembly() {
        noClasses().that().resideInAPackage("io.parkgate.simulator..")
                .and().resideOutsideOfPackage("io.parkgate.simulator")
                .should().dependOnClassesThat().resideInAPackage("io.parkgate.simulator")
                .check(simulator);
    }
}
