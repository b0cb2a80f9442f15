package io.parkgate.lpr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.synth.AnalogueVideo;
import io.parkgate.lpr.synth.SyntheticFrame;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class NoPlateFramesTest {

    /** A rendered car-park frame with its plate painted over in the colour of the body just above it. */
    private static byte[] withoutPlate(SyntheticFrame f) {
        Mat m = Imgcodecs.imdecode(new MatOfByte(f.jpeg()), Imgcodecs.IMREAD_COLOR);
        Point2D[] q = f.quad();
        double cx = 0;
        double cy = 0;
        for (Point2D p : q) {
            cx += p.getX() / 4;
            cy += p.getY() / 4;
        }
        double h = q[0].distance(q[3]);
        int sx = (int) Math.max(0, Math.min(m.cols() - 1, cx));
        int sy = (int) Math.max(0, Math.min(m.rows() - 1, cy - 1.2 * h));
        double[] body = m.get(sy, sx);
        Point[] grown = new Point[4];
        for (int i = 0; i < 4; i++) {
            grown[i] = new Point(cx + (q[i].getX() - cx) * 1.25, cy + (q[i].getY() - cy) * 1.5);
        }
        Imgproc.fillConvexPoly(m, new MatOfPoint(grown), new Scalar(body));
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", m, out);
        m.release();
        return out.toArray();
    }

    /**
     * Verifies that frames without a plate (car bodies, grilles, clutter, some at night) give no
     * reading a lane would admit: whatever is read from them stays under 0.8, the default
     * minConfidence. A guard rather than a measure: with the committed network these 40 frames give
     * no reading at all, calibrated or not (the reliability lines of evaluate measure the calibration).
     */
    @Test
    void plateLessFramesGiveNoAdmissibleRead() {
        PlateRecognizer recognizer = PlateRecognizer.load();
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(77);
        List<String> admissible = new ArrayList<>();
        int readings = 0;
        for (int i = 0; i < 40; i++) {
            for (PlateReading r : recognizer.recognise(withoutPlate(renderer.randomFrame()))) {
                readings++;
                if (r.confidence() >= 0.8) {
                    admissible.add(r.text() + " " + r.confidence());
                }
            }
        }
        assertTrue(admissible.isEmpty(), readings + " readings, admissible: " + admissible);
    }

    /**
     * Verifies the same of those frames through an analogue camera (720×576, interlaced, 0–6 px between the fields),
     * where regions from 30 px wide are looked at instead of 50: more small clutter is read, and none of it at 0.8.
     */
    @Test
    void plateLessAnalogueFramesGiveNoAdmissibleRead() {
        PlateRecognizer recognizer = PlateRecognizer.load();
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(77);
        Random random = new Random(77);
        List<String> admissible = new ArrayList<>();
        int readings = 0;
        for (int i = 0; i < 40; i++) {
            byte[] analogue = AnalogueVideo.apply(withoutPlate(renderer.randomFrame()), 2 * (i % 4), random);
            for (PlateReading r : recognizer.recognise(analogue)) {
                readings++;
                if (r.confidence() >= 0.8) {
                    admissible.add(r.text() + " " + r.confidence());
                }
            }
        }
        assertTrue(admissible.isEmpty(), readings + " readings, admissible: " + admissible);
    }
}
