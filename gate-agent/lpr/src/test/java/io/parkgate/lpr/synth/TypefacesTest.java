package io.parkgate.lpr.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.PlateColour;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

class TypefacesTest {

    /** Verifies that a face that is not installed is named, not silently drawn in java.awt's "Dialog". */
    @Test
    void namesFacesThatAreNotInstalled() {
        Typefaces faces = Typefaces.DEFAULT.withCjk(List.of("Noto Sans CJK SC", "No Such Face 1"));
        IllegalStateException e = assertThrows(IllegalStateException.class, faces::requireInstalled);
        assertEquals("font families not installed: No Such Face 1 (fc-list : family lists what is)", e.getMessage());
        assertEquals(Typefaces.DEFAULT, Typefaces.DEFAULT.requireInstalled());
        assertThrows(IllegalArgumentException.class, () -> Typefaces.DEFAULT.withCjk(List.of()));
    }

    /**
     * Verifies that the CJK faces draw the province and nothing else: for one seed, a plate drawn in another
     * CJK face differs in the province's box and is the same bytes from the letter on.
     */
    @Test
    void cjkFacesDrawOnlyTheChineseCharacters() {
        Mat sans = new SyntheticPlateRenderer(3, Typefaces.DEFAULT.withCjk(List.of("Noto Sans CJK SC")))
                .renderPlate("湘A12345", PlateColour.BLUE);
        Mat serif = new SyntheticPlateRenderer(3, Typefaces.DEFAULT.withCjk(List.of("Noto Serif CJK SC")))
                .renderPlate("湘A12345", PlateColour.BLUE);
        Rect province = new Rect(15, 25, 45, 90);
        Rect rest = new Rect(72, 0, 440 - 72, 140);
        Mat diff = new Mat();
        Core.absdiff(sans.submat(province), serif.submat(province), diff);
        double provinceDiff = Core.sumElems(diff).val[0];
        assertTrue(provinceDiff > 0, "the province glyph is the face's");
        Core.absdiff(sans.submat(rest), serif.submat(rest), diff);
        assertEquals(0.0, Core.sumElems(diff).val[0], "letters and digits are drawn as before");
        assertNotEquals(Typefaces.DEFAULT, Typefaces.DEFAULT.withCjk(List.of("Noto Sans CJK SC")));
    }
}
