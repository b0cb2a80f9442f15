package io.parkgate.protocol;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URLDecoder;
import java.net.URLEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lane protocol module holds byte formats and nothing that moves bytes: both the agent's drivers and the
 * simulator's devices build on it, so it must not bring threads, sockets, serial ports or either side's
 * classes with it.
 */
class ArchitectureTest {

    private static JavaClasses protocol;

    @BeforeAll
    static void importClasses() {
        protocol = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.parkgate.protocol");
    }

    /**
     * Verifies that the codecs use only the JDK's plain types and parsers, the domain (a plate's colour) and a
     * JSON tree for the vendor cameras' bodies: no sockets (the JDK's {@code java.net} only for URL coding).
     */
    @Test
    void codecsOnly() {
        classes().that().resideInAPackage("io.parkgate.protocol..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.parkgate.protocol..", "io.parkgate.plate..",
                        "java.lang..", "java.util", "java.util.regex", "java.time..",
                        "java.nio", "java.nio.charset..", "java.security..",
                        "java.io", "java.net", "javax.xml..", "org.w3c.dom..", "org.xml.sax..",
                        "com.fasterxml.jackson..")
                .check(protocol);
        noClasses().should().dependOnClassesThat(resideInAPackage("java.net")
                .and(not(belongToAnyOf(URLEncoder.class, URLDecoder.class)))).check(protocol);
    }

    /** Verifies that no package of the module reaches itself again through other packages. */
    @Test
    void packagesFormNoCycle() {
        slices().matching("io.parkgate.protocol.(**)").should().beFreeOfCycles().check(protocol);
    }
}
