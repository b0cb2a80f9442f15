package io.parkgate.lpr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.synth.AnalogueVideo;
import io.parkgate.lpr.synth.SyntheticFrame;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

class InterlacingTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    private static Mat decode(byte[] jpeg) {
        return Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
    }

    /**
     * Verifies that rendered progressive frames measure under the threshold for a second look at one
     * field, and the same frames through an analogue camera with 6 px between the fields over it.
     */
    @Test
    void tellsCombedFramesFromProgressiveOnes() {
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(8);
        Random random = new Random(8);
        for (int i = 0; i < 5; i++) {
            SyntheticFrame f = renderer.randomFrame();
            double progressive = Interlacing.combing(decode(f.jpeg()));
            double combed = Interlacing.combing(decode(AnalogueVideo.apply(f.jpeg(), 6, random)));
            assertTrue(progressive < Interlacing.MAYBE_COMBED, "progressive frame " + i + ": " + progressive);
            assertTrue(combed >= Interlacing.MAYBE_COMBED, "combed frame " + i + ": " + combed);
        }
    }

    /** Verifies that one field keeps the even rows, fills each odd row from its neighbours and leaves the input. */
    @Test
    void keepsOneFieldAndFillsTheOther() {
        Mat m = new Mat(5, 2, CvType.CV_8UC3);
        byte[] rows = new byte[5 * 2 * 3];
        for (int y = 0; y < 5; y++) {
            for (int i = 0; i < 6; i++) {
                rows[y * 6 + i] = (byte) (y % 2 == 0 ? y * 40 : 255);
            }
        }
        m.put(0, 0, rows);
        Mat field = Interlacing.oneField(m);
        byte[] out = new byte[rows.length];
        field.get(0, 0, out);
        assertEquals(0, out[0] & 255);
        assertEquals(40, out[6] & 255, "row 1 between rows 0 and 2");
        assertEquals(80, out[12] & 255);
        assertEquals(120, out[18] & 255, "row 3 between rows 2 and 4");
        assertEquals(160, out[24] & 255);
        byte[] input = new byte[rows.length];
        m.get(0, 0, input);
        assertArrayEquals(rows, input);
    }
}
