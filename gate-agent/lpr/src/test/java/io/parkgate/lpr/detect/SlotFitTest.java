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

    /** Verifies that centres spread wider than any plate of that character height give no placement. */
    @Test
    void refusesRowWiderThanPlate() {
        assertEquals(null, SlotFit.place(new double[] {0, 100, 200, 300, 400}, 20, false));
    }
}
