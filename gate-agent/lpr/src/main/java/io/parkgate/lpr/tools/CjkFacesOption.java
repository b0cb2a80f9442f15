package io.parkgate.lpr.tools;

import io.parkgate.cli.CommandLines;
import io.parkgate.lpr.synth.Typefaces;
import java.util.List;

/** The tools' {@code --cjk-faces} option: the default faces with these for the Chinese glyphs, all installed. */
final class CjkFacesOption {

    private CjkFacesOption() {
    }

    /** The faces, or exit with a usage error naming what is wrong (an empty list, a face not installed). */
    static Typefaces installedOrExit(List<String> faces) {
        try {
            return Typefaces.DEFAULT.withCjk(faces).requireInstalled();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("--cjk-faces: " + e.getMessage());
            System.exit(CommandLines.USAGE);
            throw e; // not reached
        }
    }
}
