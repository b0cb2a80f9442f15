package io.parkgate.agent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.parkgate.protocol.io.LaneInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's package structure, checked on its compiled classes: no package depends on itself through
 * others, devices speak their protocols without knowing the lane's decisions, the lane loop reaches its
 * equipment only through the ports ({@code port}: what devices report, what the lane commands), and
 * decisions are plain functions of what the lane read (no I/O, no threads, no storage). Of the lane
 * protocol module (the devices' byte formats) the ports and the lane loop see one type: the I/O
 * controller's {@link LaneInputs}, the loops and limits the lane reasons about; its codecs are the devices'.
 */
class ArchitectureTest {

    private static JavaClasses agent;

    @BeforeAll
    static void importClasses() {
        agent = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.parkgate.agent");
    }

    /** Verifies that no package of the agent reaches itself again through other packages. */
    @Test
    void packagesFormNoCycle() {
        slices().matching("io.parkgate.(**)").should().beFreeOfCycles().check(agent);
    }

    /** Verifies that the device layer never imports the lane's decisions or the lane loop. */
    @Test
    void devicesDoNotKnowDecisions() {
        noClasses().that().resideInAPackage("io.parkgate.agent.device..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parkgate.agent.decision..",
                        "io.parkgate.agent.lane..", "io.parkgate.agent.feedback..", "io.parkgate.agent.store..",
                        "io.parkgate.agent.uplink..", "io.parkgate.agent.app..")
                .check(agent);
    }

    /** Verifies that the ports are plain types: they depend on no other package of the agent. */
    @Test
    void portsStandAlone() {
        classes().that().resideInAPackage("io.parkgate.agent.port..")
                .should().onlyDependOnClassesThat(resideInAnyPackage("io.parkgate.agent.port..",
                        "io.parkgate.plate..", "java..").or(type(LaneInputs.class)))
                .check(agent);
    }

    /** Verifies that the lane loop drives its equipment through the ports, never a device class or codec. */
    @Test
    void laneUsesPortsNotDevices() {
        noClasses().that().resideInAPackage("io.parkgate.agent.lane..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parkgate.agent.device..",
                        "io.parkgate.agent.feedback..", "io.parkgate.agent.uplink..", "io.parkgate.agent.app..")
                .check(agent);
        noClasses().that().resideInAPackage("io.parkgate.agent.lane..")
                .should().dependOnClassesThat(resideInAPackage("io.parkgate.protocol..")
                        .and(not(type(LaneInputs.class))))
                .check(agent);
    }

    /** Verifies that decisions do no I/O: no devices or their codecs, storage, uplink, files, sockets or threads. */
    @Test
    void decisionsDoNoIo() {
        noClasses().that().resideInAPackage("io.parkgate.agent.decision..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parkgate.agent.device..",
                        "io.parkgate.agent.store..", "io.parkgate.agent.uplink..", "io.parkgate.agent.app..",
                        "io.parkgate.agent.lane..", "io.parkgate.protocol..", "java.io..", "java.nio..", "java.net..",
                        "java.sql..", "java.util.concurrent..", "io.vertx..", "org.eclipse.paho..")
                .check(agent);
    }
}
