package io.parkgate.lpr.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlotFitTest {

    /** Centres of the GA 36 slots of a plate starting at {@code left}, {@code k} px per mm, slots {@code from..to}. */
    private static double[] centres(double left, double k, double[] slots, int from, int to) {
        double[] xs = new double[to - from];
        for (int i = from; i < to; i++) {
            xs[i - from] = left + slots[i] * k;
        }
        return xs;
    }

    private static final double[] SEVEN = {38, 95, 174, 231, 288, 345, 402};
    private static final double[] EIGHT = {38, 90, 182, 234, 286, 338, 390, 442};

    /** Verifies that a seven-character plate is placed right with all characters, without the first, or without the
     * last. */
    @Test
    void placesSevenCharacterPlateWithCharactersMissing() {
        double k = 0.5;
        double charH = 90 * k;
        for (int[] range : new int[][] {{0, 7}, {1, 7}, {0, 6}, {1, 6}}) {
            SlotFit.Placement p = SlotFit.place(centres(100, k, SEVEN, range[0], range[1]), charH, false);
            assertFalse(p.eight(), "seven for " + range[0] + ".." + range[1]);
            assertEquals(100, p.left(), 3, "left for " + range[0] + ".." + range[1]);
            assertEquals(440 * k, p.width(), 440 * k * 0.06);
        }
    }

    /** Verifies that eight evenly spaced characters after the dot make a new-energy (480 mm) plate. */
    @Test
    void recognisesEightCharacterLayout() {
        double k = 0.4;
        SlotFit.Placement p = SlotFit.place(centres(50, k, EIGHT, 0, 8), 90 * k, false);
        assertTrue(p.eight());
        assertEquals(50, p.left(), 3);
        assertEquals(480 * k, p.width(), 480 * k * 0.06);
    }

    /**
     * Verifies that a plate seen from beside the lane (its spacing shortened to cos 40°–60°, its
     * characters' height not) is placed by its own spacing, with its height from the characters.
     */
    @Test
    void placesPlateSeenFromTheSide() {
        double across = 0.5;
        double charH = 90 * across;
        for (double degrees : new double[] {40, 50, 60}) {
            double along = across * Math.cos(Math.toRadians(degrees));
            SlotFit.Placement p = SlotFit.place(centres(100, along, SEVEN, 0, 7), charH, false);
            assertFalse(p.eight(), "seven at " + degrees + "°");
            assertEquals(100, p.left(), 3, "left at " + degrees + "°");
            assertEquals(440 * along, p.width(), 440 * along * 0.06, "width at " + degrees + "°");
            assertEquals(across, p.pxPerMmAcross(), 1e-9, "height scale at " + degrees + "°");
        }
    }

    /** Verifies that a frontal plate's height scale is its spacing's, as before side views were fitted. */
    @Test
    void frontalPlateKeepsOneScale() {
        SlotFit.Placement p = SlotFit.place(centres(100, 0.5, SEVEN, 0, 7), 45, false);
        assertEquals(p.pxPerMm(), p.pxPerMmAcross(), 1e-9);
    }

    /** Verifies that centres spread wider than any plate of that character height give no placement. */
    @Test
    void refusesRowWiderThanPlate() {
        assertEquals(null, SlotFit.place(new double[] {0, 100, 200, 300, 400}, 20, false));
    }
}
