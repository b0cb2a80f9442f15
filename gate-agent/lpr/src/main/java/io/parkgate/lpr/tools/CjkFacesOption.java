package io.parkgate.lpr.tools;

import io.parkgate.cli.CommandLines;
import io.parkgate.lpr.synth.Typefaces;
import java.util.List;

/** The faces the tools draw plates in: the renderer's own, or with {@code --cjk-faces} others for the Chinese. */
final class CjkFacesOption {

    private CjkFacesOption() {
    }

    /** The faces, or exit with a usage error naming what is wrong (an empty list, a face not installed). */
    static Typefaces installedOrExit(List<String> faces) {
        try {
            return Typefaces.DEFAULT.withCjk(faces).requireInstalled();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return exit("--cjk-faces: " + e.getMessage(), CommandLines.USAGE, e);
        }
    }

    /**
     * The renderer's own faces, or exit naming those not installed: java.awt would draw them in its "Dialog" face
     * without a word, and a set drawn so reads differently from the documented one.
     */
    static Typefaces defaultsOrExit() {
        try {
            return Typefaces.DEFAULT.requireInstalled();
        } catch (IllegalStateException e) {
            return exit("cannot draw plates in the renderer's faces: " + e.getMessage()
                    + "; install them with: apt-get install fonts-noto-cjk fonts-dejavu-core", 1, e);
        }
    }

    private static Typefaces exit(String message, int status, RuntimeException cause) {
        System.err.println(message);
        System.exit(status);
        throw cause; // not reached
    }
}
