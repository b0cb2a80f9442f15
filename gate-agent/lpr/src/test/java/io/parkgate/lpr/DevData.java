package io.parkgate.lpr;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared labelled photographs are, when this machine has them (../shared/lpr-dev). */
public final class DevData {

    private DevData() {
    }

    /** The lpr-dev folder, or null: tests that need it are skipped with an assumption. */
    public static Path dir() {
        for (Path p : new Path[] {Path.of("../../../shared/lpr-dev"), Path.of("../shared/lpr-dev"),
            Path.of("/work/shared/lpr-dev")}) {
            if (Files.isDirectory(p.resolve("crops"))) {
                return p;
            }
        }
        return null;
    }
}
