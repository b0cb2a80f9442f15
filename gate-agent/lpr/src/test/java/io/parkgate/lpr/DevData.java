package io.parkgate.lpr;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared labelled photographs are: the {@code lpr.dev} property (the module's pom passes
 * {@code ../shared/lpr-dev} next to the repository, overridable with {@code -Dlpr.dev=DIR}), else that
 * same place seen from the module or the repository root (a test run from an IDE).
 */
public final class DevData {

    private DevData() {
    }

    /** The lpr-dev folder, or null: tests that need it are skipped with an assumption saying so. */
    public static Path dir() {
        String configured = System.getProperty("lpr.dev", "");
        if (!configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p.resolve("crops")) ? p : null;
        }
        for (Path p : new Path[] {Path.of("../../../shared/lpr-dev"), Path.of("../shared/lpr-dev")}) {
            if (Files.isDirectory(p.resolve("crops"))) {
                return p;
            }
        }
        return null;
    }
}
