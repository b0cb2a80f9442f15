package io.parkgate.lpr.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CharacterRowTest {

    /**
     * Verifies that five characters at even 80 mm centres, 110 mm tall, are placed as the lower row of a
     * 440×220 mm plate whose middle is 35 mm above theirs.
     */
    @Test
    void placesTheDoubleRowPlateAboveItsLowerRow() {
        double k = 0.5;
        double[] xs = {100, 100 + 80 * k, 100 + 160 * k, 100 + 240 * k, 100 + 320 * k};
        CharacterRow.Rectangle r = CharacterRow.lowerRowOfTwo(xs, 100 * k, xs[2], 200, 0);
        assertNotNull(r);
        assertEquals(220 * k, r.width() / 2, 1e-9);
        assertEquals(220 * k, r.height(), 1e-9);
        assertEquals(xs[2], r.cx(), 1e-9);
        assertEquals(200 - 35 * k, r.cy(), 1e-9);
    }

    /** Verifies that rows that cannot be a double-row plate's lower row give none. */
    @Test
    void refusesRowsThatAreNoLowerRow() {
        // Four characters; six; uneven centres (the dot gap of a single-row plate); spacing of a 90 mm
        // single-row character (57 mm for 90 mm tall: 0.63 of the height is allowed) is allowed, but not
        // centres as far apart as the characters are tall.
        assertNull(CharacterRow.lowerRowOfTwo(new double[] {0, 40, 80, 120}, 50, 60, 0, 0));
        assertNull(CharacterRow.lowerRowOfTwo(new double[] {0, 40, 80, 120, 160, 200}, 50, 100, 0, 0));
        assertNull(CharacterRow.lowerRowOfTwo(new double[] {0, 40, 110, 150, 190}, 50, 100, 0, 0));
        assertNull(CharacterRow.lowerRowOfTwo(new double[] {0, 50, 100, 150, 200}, 50, 100, 0, 0));
    }
}
