package io.parkgate.lpr;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the labelled photographs are: the folder named by the system property {@code lpr.dev} (Maven sets it,
 * by default {@code ../shared/lpr-dev} beside the checkout), or that default relative to this module.
 * They are never part of the repository; tests that need them are skipped, and say so, where they are absent.
 */
public final class DevData {

    private static final Path DEFAULT = Path.of("../../../shared/lpr-dev");

    private DevData() {
    }

    /** The photographs' folder, or null after saying on standard error which tests it skips. */
    public static Path dir() {
        String configured = System.getProperty("lpr.dev");
        Path dir = configured == null || configured.isBlank() ? DEFAULT : Path.of(configured);
        if (Files.isDirectory(dir.resolve("crops"))) {
            return dir;
        }
        System.err.println("lpr: no labelled photographs at " + dir.toAbsolutePath().normalize()
                + " (set -Dlpr.dev=DIR): the accuracy tests on real photographs and crops are skipped");
        return null;
    }
}
