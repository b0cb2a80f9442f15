package io.parkgate.lpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.PlateColour;
import java.awt.geom.Point2D;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneRegionTest {

    private static PlateReading reading(String text, double confidence, double x, double y, double width) {
        double h = width / 3.14;
        Point2D[] quad = {new Point2D.Double(x - width / 2, y - h / 2), new Point2D.Double(x + width / 2, y - h / 2),
            new Point2D.Double(x + width / 2, y + h / 2), new Point2D.Double(x - width / 2, y + h / 2)};
        return new PlateReading(text, PlateColour.BLUE, new double[7], confidence, quad);
    }

    /** Verifies that a region is read from "left,top,right,bottom" fractions and nonsense is refused with why. */
    @Test
    void parsesAndRefuses() {
        assertEquals(new LaneRegion(0.2, 0.3, 0.8, 1.0), LaneRegion.parse(" 0.2, 0.3,0.8 ,1"));
        assertEquals(LaneRegion.WHOLE_FRAME, LaneRegion.parse(""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaneRegion.parse("0.5,0,0.4,1")).getMessage()
                .contains("left"));
        assertThrows(IllegalArgumentException.class, () -> LaneRegion.parse("0,0,1"));
        assertThrows(IllegalArgumentException.class, () -> LaneRegion.parse("0,0,1.5,1"));
        assertThrows(IllegalArgumentException.class, () -> LaneRegion.parse("a,0,1,1"));
        assertThrows(IllegalArgumentException.class, () -> new LaneRegion(0, 0.5, 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new LaneRegion(Double.NaN, 0, 1, 1));
    }

    /**
     * Verifies that the vehicle on the loop outranks another vehicle's plate that the reader is surer
     * of: a large plate low in the picture beats a small distant one, and a plate inside the lane's
     * region beats a larger one outside it.
     */
    @Test
    void ranksByRegionSizeAndPositionNotConfidenceAlone() {
        PlateReading far = reading("苏A11111", 0.99, 300, 200, 90);
        PlateReading near = reading("皖B22222", 0.90, 640, 560, 190);
        assertEquals(List.of(near, far), LaneRegion.WHOLE_FRAME.rank(List.of(far, near), 1280, 720));
        LaneRegion left = new LaneRegion(0, 0, 0.4, 0.6);
        assertEquals(List.of(far, near), left.rank(List.of(near, far), 1280, 720));
    }

    /** Verifies that a weak reading does not outrank a confident one of similar size just by standing lower. */
    @Test
    void aWeakReadStaysBehind() {
        PlateReading sure = reading("皖A12345", 0.97, 640, 400, 160);
        PlateReading shadow = reading("青WJ9DF0", 0.52, 640, 620, 180);
        assertEquals(List.of(sure, shadow), LaneRegion.WHOLE_FRAME.rank(List.of(shadow, sure), 1280, 720));
    }
}
