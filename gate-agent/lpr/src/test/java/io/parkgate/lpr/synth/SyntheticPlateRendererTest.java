package io.parkgate.lpr.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.read.PlateAlphabet;
import io.parkgate.plate.PlateColour;
import java.awt.geom.Point2D;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class SyntheticPlateRendererTest {

    /** Verifies that a clean plate has the GA 36 proportions and the colour asked for. */
    @Test
    void rendersPlateOfRightSizeAndColour() {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(1);
        Mat blue = r.renderPlate("皖A12345", PlateColour.BLUE);
        Mat green = r.renderPlate("粤BD12345", PlateColour.GREEN);
        assertEquals(440, blue.cols());
        assertEquals(140, blue.rows());
        assertEquals(480, green.cols());
        Scalar mean = Core.mean(blue);
        assertTrue(mean.val[0] > mean.val[2] + 50, "blue plate should be mostly blue, BGR mean " + mean);
        Scalar yellow = Core.mean(r.renderPlate("鲁B1234学", PlateColour.YELLOW));
        assertTrue(yellow.val[2] > yellow.val[0] + 50, "yellow plate should be red+green heavy, BGR mean " + yellow);
    }

    /** Verifies that armed-police texts are well-formed (a fifth without province), civil ones never WJ, and WJ is
     * drawn red. */
    @Test
    void drawsArmedPolicePlates() {
        PlateTextGenerator texts = new SyntheticPlateRenderer(5).texts();
        int headquarters = 0;
        for (int i = 0; i < 1000; i++) {
            String wj = texts.armedPolice();
            assertTrue(PlateAlphabet.isArmedPolice(wj), wj);
            headquarters += wj.codePointCount(0, wj.length()) == 7 ? 1 : 0;
            String civil = texts.text(texts.colour());
            assertTrue(PlateAlphabet.isPlate(civil) && !PlateAlphabet.isArmedPolice(civil), civil);
        }
        assertTrue(headquarters > 140 && headquarters < 260, "headquarters " + headquarters + " of 1000");
        Mat plate = new SyntheticPlateRenderer(1).renderPlate("WJ12345", PlateColour.WHITE);
        Scalar wj = Core.mean(plate.submat(new Rect(15, 25, 100, 90)));
        Scalar digits = Core.mean(plate.submat(new Rect(150, 25, 270, 90)));
        assertTrue(wj.val[2] > wj.val[0] + 40, "WJ is red, BGR mean " + wj);
        assertTrue(Math.abs(digits.val[2] - digits.val[0]) < 15, "the digits are black, BGR mean " + digits);
    }

    /**
     * Verifies GA 36's embassy series and serial rule in the drawn texts: black plates include embassy
     * plates that begin with 使 (drawn red) and never end with it, and no serial has three letters.
     */
    @Test
    void drawsEmbassyPlatesWithShiFirstAndSerialsWithTwoLettersAtMost() {
        PlateTextGenerator texts = new SyntheticPlateRenderer(9).texts();
        int embassy = 0;
        for (int i = 0; i < 400; i++) {
            String black = texts.text(PlateColour.BLACK);
            assertTrue(PlateAlphabet.isPlate(black) && !black.endsWith("使"), black);
            embassy += black.startsWith("使") ? 1 : 0;
            String blue = texts.text(PlateColour.BLUE);
            assertTrue(PlateAlphabet.serialLetters(blue) <= 2, blue);
        }
        assertTrue(embassy > 50 && embassy < 150, "embassy plates " + embassy + " of 400 black ones");
        Mat plate = new SyntheticPlateRenderer(1).renderPlate("使014578", PlateColour.BLACK);
        Scalar shi = Core.mean(plate.submat(new Rect(15, 25, 45, 90)));
        assertTrue(shi.val[2] > shi.val[0] + 20, "使 is red, BGR mean " + shi);
    }

    /** Verifies that a frame is a 1280×720 JPEG whose ground-truth quad lies on the plate's colour. */
    @Test
    void rendersFrameWithTruthfulQuad() {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(2);
        SyntheticFrame f = r.renderFrame("苏E12345", PlateColour.BLUE, new Placement(640, 360, 200, 10, 0.05, false,
                0, 0.5, 3));
        Mat img = Imgcodecs.imdecode(new MatOfByte(f.jpeg()), Imgcodecs.IMREAD_COLOR);
        assertEquals(1280, img.cols());
        assertEquals(720, img.rows());
        assertEquals("苏E12345", f.text());
        Point2D[] q = f.quad();
        assertTrue(q[1].getY() > q[0].getY(), "tilt of +10° lowers the right corner");
        assertEquals(200, q[0].distance(q[1]), 2);
        Scalar atCentreBgr = Core.mean(img.submat(new Rect(600, 330, 80, 60)));
        assertTrue(atCentreBgr.val[0] > atCentreBgr.val[2], "centre of the quad is the blue plate: " + atCentreBgr);
    }

    /**
     * Verifies that a plate seen from the side is drawn narrower by the angle's cosine and as tall, that
     * 0° is the straight-on placement, and that an angle of 80° or more is refused.
     */
    @Test
    void rendersPlateSeenFromTheSide() {
        Placement straight = new Placement(640, 360, 200, 0, 0, false, 0, 0.5, 3);
        assertEquals(straight, straight.seenFromSide(0));
        SyntheticFrame side = new SyntheticPlateRenderer(2).renderFrame("苏E12345", PlateColour.BLUE,
                straight.seenFromSide(60));
        SyntheticFrame front = new SyntheticPlateRenderer(2).renderFrame("苏E12345", PlateColour.BLUE, straight);
        assertEquals(100, side.quad()[0].distance(side.quad()[1]), 1);
        assertEquals(front.quad()[0].distance(front.quad()[3]), side.quad()[0].distance(side.quad()[3]), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> straight.seenFromSide(80));
        assertThrows(IllegalArgumentException.class, () -> straight.seenFromSide(-5));
    }

    /** Verifies that a double-row plate is drawn in a frame at 2:1, as wide as asked, yellow where its corners say. */
    @Test
    void rendersDoubleRowPlateInAFrame() {
        SyntheticFrame f = new SyntheticPlateRenderer(3).renderDoubleRowFrame("鲁B7Q502", PlateColour.YELLOW,
                new Placement(640, 360, 240, 0, 0, false, 0, 0.5, 3));
        Point2D[] q = f.quad();
        assertEquals(240, q[0].distance(q[1]), 1);
        assertEquals(120, q[0].distance(q[3]), 1);
        Mat img = Imgcodecs.imdecode(new MatOfByte(f.jpeg()), Imgcodecs.IMREAD_COLOR);
        Scalar bgr = Core.mean(img.submat(new Rect(540, 250, 200, 20)));
        assertTrue(bgr.val[2] > bgr.val[0] + 60, "the top row's band is yellow: " + bgr);
    }

    /** Verifies that the same seed renders the same frame, byte for byte. */
    @Test
    void isDeterministicForASeed() {
        byte[] a = new SyntheticPlateRenderer(42).randomFrame().jpeg();
        byte[] b = new SyntheticPlateRenderer(42).randomFrame().jpeg();
        assertArrayEquals(a, b);
    }

    /** Verifies that random placements stay within the spec: 60–400 px wide, ±20°, inside the frame. */
    @Test
    void randomPlacementsStayInSpec() {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(3);
        for (int i = 0; i < 200; i++) {
            Placement p = r.randomPlacement();
            assertTrue(p.widthPx() >= 60 && p.widthPx() <= 400, "width " + p.widthPx());
            assertTrue(Math.abs(p.tiltDeg()) <= 20, "tilt " + p.tiltDeg());
            assertTrue(p.centreX() - p.widthPx() / 2 >= 0 && p.centreX() + p.widthPx() / 2 <= 1280, "x " + p);
        }
    }
}
