package io.parkgate.lpr.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.plate.PlateColour;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class PlateColoursTest {

    static {
        io.parkgate.lpr.OpenCvNative.load();
    }

    /** A 352×112 plate of one background colour with a few light strokes on it. */
    private static Mat plate(Scalar background, Scalar ink) {
        Mat m = new Mat(112, 352, CvType.CV_8UC3, background);
        for (int x = 30; x < 330; x += 45) {
            Imgproc.rectangle(m, new Point(x, 25), new Point(x + 12, 90), ink, -1);
        }
        return m;
    }

    /** Verifies the colours GA 36 ties to a text: WJ and 警 white, eight characters green, 学挂 yellow, 港澳领 and 使 black.
     * */
    @Test
    void textDecidesTheColourOfSpecialPlates() {
        assertEquals(PlateColour.WHITE, PlateColours.consistent("京A0123警", PlateColour.BLUE, PlateColour.UNKNOWN));
        assertEquals(PlateColour.WHITE, PlateColours.consistent("WJ粤12345", PlateColour.UNKNOWN, PlateColour.UNKNOWN));
        assertEquals(PlateColour.GREEN, PlateColours.consistent("粤BD12345", PlateColour.BLUE, PlateColour.UNKNOWN));
        assertEquals(PlateColour.YELLOW, PlateColours.consistent("鲁B1234学", PlateColour.WHITE, PlateColour.BLUE));
        assertEquals(PlateColour.BLACK, PlateColours.consistent("粤Z1234港", PlateColour.BLUE, PlateColour.UNKNOWN));
        assertEquals(PlateColour.BLACK, PlateColours.consistent("使014578", PlateColour.WHITE, PlateColour.BLUE));
    }

    /**
     * Verifies that an ordinary plate told green or white takes the blue-or-yellow answer, while a
     * told blue, yellow, black or unknown (infrared) stands.
     */
    @Test
    void ordinaryPlateIsNeitherGreenNorWhite() {
        assertEquals(PlateColour.BLUE, PlateColours.consistent("皖A12345", PlateColour.GREEN, PlateColour.BLUE));
        assertEquals(PlateColour.YELLOW, PlateColours.consistent("皖A12345", PlateColour.WHITE, PlateColour.YELLOW));
        assertEquals(PlateColour.UNKNOWN, PlateColours.consistent("皖A12345", PlateColour.WHITE, PlateColour.UNKNOWN));
        assertEquals(PlateColour.YELLOW, PlateColours.consistent("皖A12345", PlateColour.YELLOW, PlateColour.BLUE));
        assertEquals(PlateColour.UNKNOWN, PlateColours.consistent("皖A12345", PlateColour.UNKNOWN, PlateColour.BLUE));
    }

    /**
     * Verifies which side of green a cast plate is on: a blue plate cast cyan-green and a yellow one
     * cast yellow-green are both told green, then blue and yellow; a washed-out bluish plate told
     * white is blue; a grey one gives no answer.
     */
    @Test
    void tellsBlueFromYellowUnderACast() {
        Mat cyanGreen = plate(new Scalar(70, 90, 10), new Scalar(120, 255, 255));
        assertEquals(PlateColour.GREEN, PlateColours.classify(cyanGreen));
        assertEquals(PlateColour.BLUE, PlateColours.blueOrYellow(cyanGreen, PlateColour.GREEN));
        Mat yellowGreen = plate(new Scalar(20, 200, 150), new Scalar(20, 20, 20));
        assertEquals(PlateColour.GREEN, PlateColours.classify(yellowGreen));
        assertEquals(PlateColour.YELLOW, PlateColours.blueOrYellow(yellowGreen, PlateColour.GREEN));
        Mat washed = plate(new Scalar(180, 160, 150), new Scalar(250, 250, 250));
        assertEquals(PlateColour.WHITE, PlateColours.classify(washed));
        assertEquals(PlateColour.BLUE, PlateColours.blueOrYellow(washed, PlateColour.WHITE));
        Mat grey = plate(new Scalar(160, 160, 160), new Scalar(250, 250, 250));
        assertEquals(PlateColour.UNKNOWN, PlateColours.blueOrYellow(grey, PlateColour.WHITE));
    }
}
