package io.parkgate.lpr.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.OpenCvNative;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.plate.PlateColour;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class TextBandTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** A grey frame with a white police plate pasted upright at (400, 300), 300×95 px. */
    private static Mat frameWithPlate() {
        Mat plate = new SyntheticPlateRenderer(8).renderPlate("京A1234警", PlateColour.WHITE);
        Imgproc.resize(plate, plate, new Size(300, 95), 0, 0, Imgproc.INTER_AREA);
        Mat frame = new Mat(720, 1280, CvType.CV_8UC3, new Scalar(200, 200, 200));
        plate.copyTo(frame.submat(new Rect(400, 300, 300, 95)));
        Mat grey = new Mat();
        Imgproc.cvtColor(frame, grey, Imgproc.COLOR_BGR2GRAY);
        return grey;
    }

    /** Verifies that a loose region around a white plate on a white car (no colour to go by) is tightened to the plate
     * from its characters. */
    @Test
    void fitsPlateFromItsCharacters() {
        Mat grey = frameWithPlate();
        Point[] truth = {new Point(400, 300), new Point(700, 300), new Point(700, 395), new Point(400, 395)};
        // Too wide, too short and off-centre, as a stroke-density blob often is.
        TextBand.Found f = new TextBand().examine(grey, new RotatedRect(new Point(560, 345), new Size(360, 50), 0),
                PlateColour.UNKNOWN);
        assertNotNull(f);
        assertTrue(PlateDetector.overlap(f.quad(), truth) >= 0.75, "IoU " + PlateDetector.overlap(f.quad(), truth));
        assertTrue(f.score() >= 0.6, "score " + f.score());
    }

    /** Verifies that the region's tilt is kept: a plate rotated by 15° gives a quad whose top edge is at 15°. */
    @Test
    void keepsTilt() {
        Mat grey = frameWithPlate();
        Mat rot = Imgproc.getRotationMatrix2D(new Point(550, 347), -15, 1);
        Imgproc.warpAffine(grey, grey, rot, grey.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        TextBand.Found f = new TextBand().examine(grey, new RotatedRect(new Point(550, 347), new Size(320, 100), 15),
                PlateColour.UNKNOWN);
        assertNotNull(f);
        Point[] q = f.quad();
        assertEquals(15, Math.toDegrees(Math.atan2(q[1].y - q[0].y, q[1].x - q[0].x)), 2);
    }

    /** Verifies that texture without a row of characters (random noise, a plain wall) scores low or not at all. */
    @Test
    void refusesTextureWithoutCharacters() {
        Mat noise = new Mat(720, 1280, CvType.CV_8UC1);
        Core.randu(noise, 0, 256);
        Imgproc.GaussianBlur(noise, noise, new Size(3, 3), 0);
        TextBand.Found f = new TextBand().examine(noise, new RotatedRect(new Point(600, 300), new Size(300, 95), 0),
                PlateColour.UNKNOWN);
        assertTrue(f == null || f.score() < 0.3, "noise scored " + (f == null ? 0 : f.score()));
        Mat wall = new Mat(720, 1280, CvType.CV_8UC1, new Scalar(120));
        assertEquals(null, new TextBand().examine(wall, new RotatedRect(new Point(600, 300), new Size(300, 95), 0),
                PlateColour.UNKNOWN));
    }
}
