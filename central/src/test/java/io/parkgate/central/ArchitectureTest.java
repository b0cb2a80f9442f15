package io.parkgate.central;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.parkgate.central.db.Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Central's package structure, checked on its compiled classes: no package reaches itself through others,
 * and the services (registry, passages, exceptions, shifts, notes, lanes, users) know neither the HTTP nor
 * the MQTT door that calls them.
 */
class ArchitectureTest {

    private static final String[] SERVICES = {"io.parkgate.central.audit..", "io.parkgate.central.auth..",
        "io.parkgate.central.exception..", "io.parkgate.central.lane..", "io.parkgate.central.note..",
        "io.parkgate.central.passage..", "io.parkgate.central.registry..", "io.parkgate.central.shift..",
        "io.parkgate.central.validate..", "io.parkgate.central.db..", "io.parkgate.central.error.."};

    private static JavaClasses central;

    @BeforeAll
    static void importClasses() {
        central = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.parkgate.central");
    }

    /** Verifies that no package of central reaches itself again through other packages. */
    @Test
    void packagesFormNoCycle() {
        slices().matching("io.parkgate.(**)").should().beFreeOfCycles().check(central);
    }

    /** Verifies that the services never import the doors: HTTP routes, the console, MQTT, or Vert.x Web. */
    @Test
    void servicesDoNotKnowTheirDoors() {
        noClasses().that().resideInAnyPackage(SERVICES)
                .should().dependOnClassesThat().resideInAnyPackage("io.parkgate.central.http..",
                        "io.parkgate.central.console..", "io.parkgate.central.mqtt..", "io.parkgate.central.ops..",
                        "io.vertx.ext.web..", "io.vertx.core.http..", "org.eclipse.paho..", "io.moquette..")
                .check(central);
    }

    /**
     * Verifies that the announcements of what changed depend on no service, door or database: the services announce
     * through them and the console listens, neither knowing the other.
     */
    @Test
    void changesKnowNeitherSideOfThem() {
        noClasses().that().resideInAPackage("io.parkgate.central.change..").should().dependOnClassesThat()
                .resideInAnyPackage(SERVICES).orShould().dependOnClassesThat().resideInAnyPackage(
                        "io.parkgate.central.http..", "io.parkgate.central.console..", "io.parkgate.central.mqtt..",
                        "io.vertx..", "java.sql..")
                .check(central);
    }

    /**
     * Verifies that the services hand out domain types, not JSON: JSON is the HTTP and MQTT doors' business (the
     * {@code *Json} writers of {@code http}).
     */
    @Test
    void servicesSpeakNoJson() {
        noClasses().that().resideInAnyPackage(SERVICES)
                .should().dependOnClassesThat().resideInAPackage("io.vertx.core.json..")
                .check(central);
    }

    /** Verifies that the doors run no SQL of their own: they ask the services. */
    @Test
    void doorsRunNoSql() {
        noClasses().that().resideInAnyPackage("io.parkgate.central.mqtt..", "io.parkgate.central.http..",
                "io.parkgate.central.console..").should().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(central);
    }

    /**
     * Verifies that nothing reads or writes the database while it is being constructed: what a service needs
     * from the database at start is read by a factory (such as {@code LaneService.load}) that {@code Central.start}
     * awaits, and the constructor only takes what was read.
     */
    @Test
    void constructorsDoNoDatabaseWork() {
        noClasses().should().callMethodWhere(DescribedPredicate.describe("a constructor calling the database",
                (JavaMethodCall call) -> call.getOrigin() instanceof JavaConstructor
                        && call.getTargetOwner().isAssignableTo(Database.class)))
                .check(central);
    }
}
