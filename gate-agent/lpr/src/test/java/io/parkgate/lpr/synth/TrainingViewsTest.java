package io.parkgate.lpr.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.read.CnnInput;
import io.parkgate.lpr.read.DoubleRow;
import io.parkgate.lpr.read.PlateLayout;
import io.parkgate.plate.PlateColour;
import java.awt.Color;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class TrainingViewsTest {

    /** Verifies that the same seed gives the same training pixels, a different seed different ones. */
    @Test
    void deterministicForASeed() {
        byte[] a = CnnInput.bytes(new TrainingViews(3).syntheticView("皖A12345", PlateColour.BLUE));
        byte[] b = CnnInput.bytes(new TrainingViews(3).syntheticView("皖A12345", PlateColour.BLUE));
        byte[] c = CnnInput.bytes(new TrainingViews(4).syntheticView("皖A12345", PlateColour.BLUE));
        assertArrayEquals(a, b);
        assertTrue(!Arrays.equals(a, c));
        assertEquals(CnnInput.WIDTH * CnnInput.HEIGHT * 3, a.length);
    }

    /** Verifies the view sizes: single-row as the recogniser rectifies, double-row 2:1 and joined back to single-row.
     * */
    @Test
    void viewSizes() {
        TrainingViews v = new TrainingViews(5);
        Mat single = v.syntheticView("粤BD12345", PlateColour.GREEN);
        assertEquals(352, single.cols());
        assertEquals(112, single.rows());
        Mat twoRows = v.doubleRowView("鲁Q3K852", PlateColour.YELLOW);
        assertEquals(224, twoRows.cols());
        assertEquals(112, twoRows.rows());
        Mat joined = DoubleRow.join(twoRows);
        assertEquals(352, joined.cols());
        assertEquals(112, joined.rows());
    }

    /** Verifies that pasting a province changes the crop's province region and keeps the rest of the crop. */
    @Test
    void provincePasteTouchesOnlyTheFirstCharacter() {
        Mat crop = new TrainingViews(6).syntheticView("皖A12345", PlateColour.BLUE);
        Mat pasted = crop.clone();
        new TrainingViews(7).pasteProvince(pasted, "川A12345");
        Mat diff = new Mat();
        Core.absdiff(crop, pasted, diff);
        int end = (int) Math.round(crop.cols() * 70.0 / 440);
        assertTrue(Core.sumElems(diff.submat(new Rect(0, 0, end, crop.rows()))).val[0] > 0, "province region changed");
        assertEquals(0, Core.sumElems(diff.submat(new Rect(end, 0, crop.cols() - end, crop.rows()))).val[0]);
    }

    /**
     * Verifies that views under a light-or-motion condition are deterministic for a seed, differ from
     * the plain view of the same draw, and that infrared ones are grey.
     */
    @Test
    void conditionViewsAreDeterministicAndSpoiled() {
        for (Condition c : new Condition[] {Condition.MOTION_BLUR, Condition.NIGHT_GLARE, Condition.NIGHT_IR}) {
            byte[] a = CnnInput.bytes(new TrainingViews(8).syntheticView("湘A12345", PlateColour.BLUE, c));
            byte[] b = CnnInput.bytes(new TrainingViews(8).syntheticView("湘A12345", PlateColour.BLUE, c));
            byte[] plain = CnnInput.bytes(new TrainingViews(8).syntheticView("湘A12345", PlateColour.BLUE));
            assertArrayEquals(a, b, c.name());
            assertTrue(!Arrays.equals(a, plain), c.name());
        }
        Mat ir = new TrainingViews(9).syntheticView("湘A12345", PlateColour.BLUE, Condition.NIGHT_IR);
        java.util.List<Mat> ch = new java.util.ArrayList<>();
        Core.split(ir, ch);
        assertTrue(Core.norm(ch.get(0), ch.get(2), Core.NORM_L1) / ir.total() < 4, "infrared view is grey");
    }

    /**
     * Verifies that a real crop's province is painted in the plate's ink over its first box only: a crop whose
     * "glyph" is a bright bar on blue gives a dark bar on a white plate where the crop had it, the background
     * around it and every other character box untouched; and that the views are deterministic for a seed.
     */
    @Test
    void realProvinceGlyphIsPaintedInThePlatesInkOverTheFirstBox() {
        Mat crop = new Mat(24, 94, CvType.CV_8UC3, new Scalar(170, 60, 10));
        // A bar in the middle of the crop's province box (15.5-60.5 mm of 440, 25-115 mm of 140).
        Imgproc.rectangle(crop, new Point(6, 6), new Point(10, 18),
                new Scalar(240, 240, 240), -1);
        Mat plate = new Mat(140, 440, CvType.CV_8UC3, new Scalar(238, 238, 235));
        Mat before = plate.clone();
        new TrainingViews(10).paintRealProvince(plate, PlateLayout.forLength(7), crop,
                new Color(15, 15, 15));
        // The bar: crop x 6-10 of 94 is 28-47 mm, y 6-18 of 24 is 35-105 mm.
        assertTrue(Core.mean(plate.submat(new Rect(32, 50, 10, 40))).val[0] < 60, "the bar is inked dark");
        assertTrue(Core.mean(plate.submat(new Rect(55, 50, 8, 40))).val[0] > 200, "beside the bar, background");
        Mat diff = new Mat();
        Core.absdiff(before, plate, diff);
        assertEquals(0, Core.sumElems(diff.submat(new Rect(72, 0, 440 - 72, 140))).val[0], "other boxes untouched");

        byte[] a = CnnInput.bytes(new TrainingViews(11).realGlyphView("苏E12345", PlateColour.YELLOW, crop));
        byte[] b = CnnInput.bytes(new TrainingViews(11).realGlyphView("苏E12345", PlateColour.YELLOW, crop));
        assertArrayEquals(a, b);
    }
}
