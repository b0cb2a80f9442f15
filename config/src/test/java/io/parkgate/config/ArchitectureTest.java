package io.parkgate.config;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The site file and the shared plumbing depend on one another in one direction only. */
class ArchitectureTest {

    private static JavaClasses module;

    @BeforeAll
    static void importClasses() {
        module = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.parkgate.config", "io.parkgate.cli", "io.parkgate.retry", "io.parkgate.schedule",
                        "io.parkgate.sql");
    }

    /** Verifies that no package of the module reaches itself again through other packages. */
    @Test
    void packagesFormNoCycle() {
        slices().matching("io.parkgate.(**)").should().beFreeOfCycles().check(module);
    }
}
