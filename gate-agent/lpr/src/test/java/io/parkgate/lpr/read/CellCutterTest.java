package io.parkgate.lpr.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.plate.PlateColour;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

class CellCutterTest {

    /** Verifies that every plate colour is told apart and normalised to bright characters on a dark ground. */
    @ParameterizedTest
    @EnumSource(value = PlateColour.class, names = {"BLUE", "YELLOW", "GREEN", "WHITE", "BLACK"})
    void normalisesToBrightText(PlateColour colour) {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(colour.ordinal());
        String text = colour == PlateColour.GREEN ? "粤BD12345" : "皖A12345";
        PlateLayout layout = PlateLayout.forLength(PlateAlphabet.split(text).size());
        Mat plate = r.renderPlate(text, colour);
        assertEquals(colour, PlateColours.classify(plate));
        Mat norm = CellCutter.normalise(plate, layout);
        assertEquals(layout.pixelWidth(), norm.cols());
        assertEquals(PlateLayout.pixelHeight(), norm.rows());
        // Rows between the frame line and the characters' tops are plain background.
        double background = Core.mean(norm.submat(5, 8, norm.cols() / 4, norm.cols() * 3 / 4)).val[0];
        double text2 = Core.mean(CellCutter.cell(norm, CellCutter.textBox(norm, layout), layout, 3, 0, 0)).val[0];
        assertTrue(text2 > background, colour + ": cell mean " + text2 + " should exceed background " + background);
    }

    /** Verifies that the text box of a clean plate lies where GA 36 puts the characters. */
    @ParameterizedTest
    @EnumSource(value = PlateLayout.class)
    void findsTextBoxOfCleanPlate(PlateLayout layout) {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(9);
        String text = layout == PlateLayout.EIGHT ? "粤BD12345" : "皖A12345";
        PlateColour colour = layout == PlateLayout.EIGHT ? PlateColour.GREEN : PlateColour.BLUE;
        Mat norm = CellCutter.normalise(r.renderPlate(text, colour), layout);
        Rect found = CellCutter.textBox(norm, layout);
        Rect nominal = TextBox.nominal(norm.cols(), norm.rows(), layout);
        assertEquals(nominal.x, found.x, 4, "left " + found + " vs " + nominal);
        assertEquals(nominal.x + nominal.width, found.x + found.width, 4, "right " + found + " vs " + nominal);
        assertEquals(nominal.y, found.y, 4, "top " + found + " vs " + nominal);
    }
}
