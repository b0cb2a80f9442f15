package io.parkgate.lpr.synth;

import java.awt.GraphicsEnvironment;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The installed font families the renderer draws plate characters in: the real plate typeface is
 * installed nowhere, so the more unlike faces a reader is trained on, the less it learns any one of
 * them, and the better it reads a face it has never seen.
 *
 * @param cjk faces for the province and the Chinese suffixes (警, 学, 挂, …)
 * @param latin faces for letters and digits
 */
public record Typefaces(List<String> cjk, List<String> latin) {

    /** What every generated set and test draws in; {@code fonts-noto-cjk} and DejaVu. */
    public static final Typefaces DEFAULT = new Typefaces(
            List.of("Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Sans Mono CJK SC"),
            List.of("Noto Sans CJK SC", "DejaVu Sans", "DejaVu Sans Condensed", "DejaVu Sans Mono",
                    "Noto Sans Mono CJK SC"));

    public Typefaces {
        if (cjk.isEmpty() || latin.isEmpty()) {
            throw new IllegalArgumentException("a plate needs at least one CJK and one Latin face");
        }
        cjk = List.copyOf(cjk);
        latin = List.copyOf(latin);
    }

    /** These faces with the Chinese characters drawn in {@code faces} instead. */
    public Typefaces withCjk(List<String> faces) {
        return new Typefaces(faces, latin);
    }

    /**
     * Checks that every face is installed: java.awt silently draws a missing family in its
     * logical "Dialog" font, which would train on another face than the one asked for.
     *
     * @throws IllegalStateException naming the missing families, or saying that no font is installed at all
     */
    public Typefaces requireInstalled() {
        Set<String> installed;
        try {
            installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        } catch (InternalError e) {
            // java.awt cannot start at all when fontconfig finds no font ("Fontconfig head is null").
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException("no font is installed (java.awt: " + root.getMessage() + ")", e);
        }
        Set<String> missing = new LinkedHashSet<>(cjk);
        missing.addAll(latin);
        missing.removeAll(installed);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("font families not installed: " + String.join(", ", missing)
                    + " (fc-list : family lists what is)");
        }
        return this;
    }
}
