package io.parkgate.lpr.detect;

import io.parkgate.plate.PlateColour;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Finds plate-shaped regions in a frame: background-colour masks for blue, yellow and green plates,
 * and dense vertical edges (characters) for white and black ones, closed by morphology and kept when
 * their rotated rectangle has a plate's proportions. Works on a frame scaled to at most 640 px wide.
 * Not thread-safe.
 */
public final class PlateDetector {

    static final int WORK_WIDTH = 512;
    private static final int MAX_CANDIDATES = 10;

    /** Candidates for plates from 60 to 400 px wide (in the original frame), tilted up to about 25°. */
    public List<PlateCandidate> detect(Mat frame) {
        double scale = Math.min(1.0, WORK_WIDTH / (double) Math.max(frame.cols(), frame.rows()));
        Mat small = new Mat();
        Imgproc.resize(frame, small, new Size(), scale, scale, Imgproc.INTER_LINEAR);
        Mat hsv = new Mat();
        Imgproc.cvtColor(small, hsv, Imgproc.COLOR_BGR2HSV);
        List<PlateCandidate> out = new ArrayList<>();
        double minW = 50 * scale;
        // 400 px on a 1280 px frame; frames of other sizes (CCPD's 720×1160) may show plates larger.
        double maxW = Math.max(440, frame.cols() * 0.7) * scale;
        colour(hsv, new Scalar(100, 70, 35), new Scalar(130, 255, 255), PlateColour.BLUE, scale, minW, maxW, out);
        colour(hsv, new Scalar(12, 90, 80), new Scalar(34, 255, 255), PlateColour.YELLOW, scale, minW, maxW, out);
        colour(hsv, new Scalar(35, 35, 60), new Scalar(90, 255, 255), PlateColour.GREEN, scale, minW, maxW, out);
        edges(small, scale, minW, maxW, out);
        small.release();
        hsv.release();
        // Larger, colour-backed regions first; the recogniser stops after MAX_CANDIDATES.
        out.sort(Comparator.comparing((PlateCandidate c) -> c.colourHint() == PlateColour.UNKNOWN)
                .thenComparing(c -> -c.width()));
        return out.size() > MAX_CANDIDATES ? new ArrayList<>(out.subList(0, MAX_CANDIDATES)) : out;
    }

    private void colour(Mat hsv, Scalar lo, Scalar hi, PlateColour colour, double scale, double minW, double maxW,
            List<PlateCandidate> out) {
        Mat mask = new Mat();
        Core.inRange(hsv, lo, hi, mask);
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_CLOSE,
                Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(7, 5)));
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN,
                Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));
        shapes(mask, colour, scale, minW, maxW, 0.5, out);
        mask.release();
    }

    private void edges(Mat small, double scale, double minW, double maxW, List<PlateCandidate> out) {
        Mat grey = new Mat();
        Imgproc.cvtColor(small, grey, Imgproc.COLOR_BGR2GRAY);
        Mat gx = new Mat();
        Imgproc.Sobel(grey, gx, CvType.CV_16S, 1, 0, 3);
        Core.convertScaleAbs(gx, gx);
        Imgproc.threshold(gx, gx, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
        Imgproc.morphologyEx(gx, gx, Imgproc.MORPH_CLOSE,
                Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(13, 3)));
        Imgproc.morphologyEx(gx, gx, Imgproc.MORPH_OPEN,
                Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 3)));
        shapes(gx, PlateColour.UNKNOWN, scale, minW, maxW, 0.55, out);
        grey.release();
        gx.release();
    }

    private void shapes(Mat mask, PlateColour colour, double scale, double minW, double maxW, double minFill,
            List<PlateCandidate> out) {
        List<MatOfPoint> contours = new ArrayList<>();
        Mat hierarchy = new Mat();
        Imgproc.findContours(mask, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
        hierarchy.release();
        for (MatOfPoint c : contours) {
            // Cheap tests first: most contours in a busy scene are small or far too big.
            org.opencv.core.Rect bounds = Imgproc.boundingRect(c);
            double longer = Math.max(bounds.width, bounds.height);
            double area = longer < minW * 0.8 || longer > maxW * 1.5 ? 0 : Imgproc.contourArea(c);
            if (area < minW * minW / 8) {
                c.release();
                continue;
            }
            MatOfPoint2f c2 = new MatOfPoint2f(c.toArray());
            RotatedRect r = Imgproc.minAreaRect(c2);
            c2.release();
            c.release();
            double w = Math.max(r.size.width, r.size.height);
            double h = Math.min(r.size.width, r.size.height);
            if (h < 1 || w < minW || w > maxW) {
                continue;
            }
            double aspect = w / h;
            if (aspect < 2.0 || aspect > 6.0 || area / (w * h) < minFill) {
                continue;
            }
            out.add(new PlateCandidate(corners(r, scale), colour));
        }
    }

    /** Corners of a rotated rectangle in frame pixels, long side horizontal, slightly enlarged. */
    static Point[] corners(RotatedRect r, double scale) {
        // A little margin: masks stop at the frame line; the reader finds the characters inside.
        double w = Math.max(r.size.width, r.size.height) * 1.03;
        double h = Math.min(r.size.width, r.size.height) * 1.05;
        double angle = r.size.width >= r.size.height ? r.angle : r.angle + 90;
        angle = ((angle % 180) + 180) % 180;
        if (angle > 90) {
            angle -= 180;
        }
        double a = Math.toRadians(angle);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double[][] local = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
        Point[] p = new Point[4];
        for (int i = 0; i < 4; i++) {
            double x = r.center.x + local[i][0] * cos - local[i][1] * sin;
            double y = r.center.y + local[i][0] * sin + local[i][1] * cos;
            p[i] = new Point(x / scale, y / scale);
        }
        return p;
    }
}
