package io.parkgate.lpr.detect;

import io.parkgate.plate.PlateColour;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Regions of a frame that may hold a plate, generously: HSV masks of the blue, yellow and green
 * backgrounds, and a mask of dense vertical strokes (characters of any plate), each closed and opened
 * with rectangular kernels; every blob of roughly a plate's size and elongation is a region. A
 * colour blob too large or ragged to be a plate (a plate on a car body of its own hue) is split at
 * its own brightness threshold. The masks run on the frame scaled to a fixed work size.
 * Thread-confined (reuses buffers).
 */
final class RegionProposer {

    /**
     * A region in frame pixels. {@code tight} when a colour blob alone already has a plate's shape
     * and fill, so its own rectangle ({@code quad}) can be trusted.
     */
    record Region(RotatedRect rect, PlateColour colour, boolean tight, Point[] quad) {
    }

    /** HSV ranges of the plate backgrounds (OpenCV hue 0-180); blue reaches down to 92, real ones are often cyan-ish.
     * */
    private static final Map<PlateColour, Scalar> LOW = Map.of(PlateColour.BLUE, new Scalar(92, 70, 35),
            PlateColour.YELLOW, new Scalar(12, 90, 80), PlateColour.GREEN, new Scalar(35, 35, 60));
    private static final Map<PlateColour, Scalar> HIGH = Map.of(PlateColour.BLUE, new Scalar(130, 255, 255),
            PlateColour.YELLOW, new Scalar(34, 255, 255), PlateColour.GREEN, new Scalar(90, 255, 255));
    private static final Size SHARE_SIZE = new Size(64, 20);
    /** Narrower regions (frame pixels) are no plate worth reading. */
    private static final double MIN_PLATE_WIDTH = 50;
    /**
     * Standard-definition video (an analogue camera through a capture card: 720×576, 960×576) shows a lane's plate
     * with about half the pixels of a megapixel camera, 30–50 px wide where the lane's car is still far off.
     */
    private static final double SD_MIN_PLATE_WIDTH = 30;
    /** The longest side of a standard-definition frame (960H). */
    private static final int SD_LONGEST_SIDE = 960;

    private final int workWidth;
    private double scale = 1;
    private final Mat shareView = new Mat();
    private final Mat small = new Mat();
    private final Mat hsv = new Mat();
    private final Mat mask = new Mat();
    private final Mat grey = new Mat();
    private final Mat gx = new Mat();
    private final Mat value = new Mat();
    private static final Mat CLOSE_COLOUR = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(7, 5));
    private static final Mat OPEN_COLOUR = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
    private static final Mat CLOSE_STROKES = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(13, 3));
    private static final Mat OPEN_STROKES = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 3));
    /** For {@link #proposeSpaced}: bridges the gaps between a large plate's characters (work pixels). */
    private static final Mat CLOSE_SPACED = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(27, 5));
    private static final Mat OPEN_SPACED = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(9, 5));
    /** The narrowest plate (frame pixels) {@link #proposeSpaced} looks for: smaller ones are bridged by propose. */
    private static final double MIN_SPACED_PLATE_WIDTH = 150;

    RegionProposer(int workWidth) {
        this.workWidth = workWidth;
    }

    /**
     * The share of a quad (frame pixels, in the last proposed frame) whose pixels have the plate
     * colour's hue, saturation and brightness: high on a plate, low on foliage or a mottled wall.
     */
    double colourShare(Point[] quad, PlateColour colour) {
        if (!LOW.containsKey(colour) || hsv.empty()) {
            return 0;
        }
        Mat m = Imgproc.getPerspectiveTransform(new MatOfPoint2f(QuadFit.scaled(quad, scale)), new MatOfPoint2f(
                new Point(0, 0), new Point(SHARE_SIZE.width, 0), new Point(SHARE_SIZE.width, SHARE_SIZE.height),
                new Point(0, SHARE_SIZE.height)));
        Imgproc.warpPerspective(hsv, shareView, m, SHARE_SIZE, Imgproc.INTER_NEAREST);
        m.release();
        Core.inRange(shareView, LOW.get(colour), HIGH.get(colour), shareView);
        return Core.countNonZero(shareView) / (SHARE_SIZE.width * SHARE_SIZE.height);
    }

    /** Regions in {@code frame}, a camera frame of size {@code camera} or part of one. */
    List<Region> propose(Mat frame, Size camera) {
        toWorkSize(frame);
        List<Region> out = new ArrayList<>();
        boolean standardDefinition = Math.max(camera.width, camera.height) <= SD_LONGEST_SIDE;
        double minW = (standardDefinition ? SD_MIN_PLATE_WIDTH : MIN_PLATE_WIDTH) * scale;
        double maxW = maxWidth(frame);
        for (PlateColour c : List.of(PlateColour.BLUE, PlateColour.YELLOW, PlateColour.GREEN)) {
            colour(LOW.get(c), HIGH.get(c), c, scale, minW, maxW, out);
        }
        edges(scale, minW, maxW, out);
        return out;
    }

    /**
     * Regions of large plates whose characters stand further apart than {@link #propose}'s closing of their strokes
     * bridges, so that they fall apart into pieces, none or only a part of them plate-shaped: a white plate filling a
     * near infrared camera's view, a police plate's 警 standing off. Only character strokes, with a closing twice as
     * wide, for plates from 150 px wide.
     */
    List<Region> proposeSpaced(Mat frame) {
        toWorkSize(frame);
        List<Region> out = new ArrayList<>();
        strokeMask();
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_CLOSE, CLOSE_SPACED);
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN, OPEN_SPACED);
        shapes(mask, PlateColour.UNKNOWN, scale, MIN_SPACED_PLATE_WIDTH * scale, maxWidth(frame), 0.45, out, null);
        return out;
    }

    private void toWorkSize(Mat frame) {
        scale = Math.min(1.0, workWidth / (double) Math.max(frame.cols(), frame.rows()));
        Imgproc.resize(frame, small, new Size(), scale, scale, Imgproc.INTER_LINEAR);
        Imgproc.cvtColor(small, hsv, Imgproc.COLOR_BGR2HSV);
        Core.extractChannel(hsv, value, 2);
    }

    /** The widest plate looked for, in work pixels. */
    private double maxWidth(Mat frame) {
        // 400 px on a 1280 px frame; frames of other sizes (CCPD's 720×1160) may show plates larger.
        return Math.max(440, frame.cols() * 0.7) * scale;
    }

    private void colour(Scalar lo, Scalar hi, PlateColour colour, double scale, double minW, double maxW,
            List<Region> out) {
        Core.inRange(hsv, lo, hi, mask);
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_CLOSE, CLOSE_COLOUR);
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN, OPEN_COLOUR);
        List<Rect> tooBig = new ArrayList<>();
        shapes(mask, colour, scale, minW, maxW, 0.4, out, tooBig);
        for (Rect r : tooBig) {
            split(r, colour, scale, minW, maxW, out);
        }
    }

    /**
     * A blob of the plate's colour that is too large or shapeless, as a plate on a car body of about
     * the same hue: the plate is the brighter part, so split the blob at its own brightness threshold.
     */
    private void split(Rect box, PlateColour colour, double scale, double minW, double maxW, List<Region> out) {
        Mat blob = mask.submat(box);
        Mat bright = value.submat(box);
        Mat part = new Mat();
        Mat sub = new Mat();
        bright.copyTo(part, blob);
        // Otsu over the blob's own pixels (the zeros outside it would pull the threshold down).
        double t = otsuWithin(part, blob);
        Imgproc.threshold(part, sub, t, 255, Imgproc.THRESH_BINARY);
        Imgproc.morphologyEx(sub, sub, Imgproc.MORPH_CLOSE, CLOSE_COLOUR);
        Imgproc.morphologyEx(sub, sub, Imgproc.MORPH_OPEN, OPEN_COLOUR);
        List<Region> found = new ArrayList<>();
        shapes(sub, colour, scale, minW, maxW, 0.4, found, null);
        double dx = box.x / scale;
        double dy = box.y / scale;
        for (Region r : found) {
            RotatedRect moved = new RotatedRect(new Point(r.rect().center.x + dx, r.rect().center.y + dy),
                    r.rect().size,
                    r.rect().angle);
            Point[] quad = new Point[4];
            for (int i = 0; i < 4; i++) {
                quad[i] = new Point(r.quad()[i].x + dx, r.quad()[i].y + dy);
            }
            out.add(new Region(moved, colour, r.tight(), quad));
        }
        part.release();
        sub.release();
    }

    /** Otsu's threshold of {@code img}'s pixels where {@code where} is set. */
    private static double otsuWithin(Mat img, Mat where) {
        Mat hist = new Mat();
        Imgproc.calcHist(List.of(img), new MatOfInt(0), where, hist, new MatOfInt(256), new MatOfFloat(0, 256));
        float[] h = new float[256];
        hist.get(0, 0, h);
        hist.release();
        double total = 0;
        double sum = 0;
        for (int i = 0; i < 256; i++) {
            total += h[i];
            sum += i * h[i];
        }
        double wB = 0;
        double sumB = 0;
        double best = -1;
        int t = 128;
        for (int i = 0; i < 256; i++) {
            wB += h[i];
            if (wB == 0 || wB == total) {
                continue;
            }
            sumB += i * h[i];
            double mB = sumB / wB;
            double mF = (sum - sumB) / (total - wB);
            double between = wB * (total - wB) * (mB - mF) * (mB - mF);
            if (between > best) {
                best = between;
                t = i;
            }
        }
        return t;
    }

    private void edges(double scale, double minW, double maxW, List<Region> out) {
        double otsu = strokeMask();
        strokeBlobs(scale, minW, maxW, out);
        if (otsu >= 40) {
            // Glare or a bright scene lifts the threshold above a dim plate's strokes (a small plate at
            // night): look again at half of it.
            Imgproc.threshold(gx, mask, otsu / 2, 255, Imgproc.THRESH_BINARY);
            strokeBlobs(scale, minW, maxW, out);
        }
    }

    /** Vertical strokes of the work-size frame into {@link #mask} (Otsu on the horizontal gradient); the threshold. */
    private double strokeMask() {
        Imgproc.cvtColor(small, grey, Imgproc.COLOR_BGR2GRAY);
        Imgproc.Sobel(grey, gx, CvType.CV_16S, 1, 0, 3);
        Core.convertScaleAbs(gx, gx);
        return Imgproc.threshold(gx, mask, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
    }

    private void strokeBlobs(double scale, double minW, double maxW, List<Region> out) {
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_CLOSE, CLOSE_STROKES);
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN, OPEN_STROKES);
        shapes(mask, PlateColour.UNKNOWN, scale, minW, maxW, 0.45, out, null);
    }

    /** Plate-like blobs of {@code m} (which it scratches); blobs too big or shapeless go to {@code tooBig}. */
    private void shapes(Mat m, PlateColour colour, double scale, double minW, double maxW, double minFill,
            List<Region> out, List<Rect> tooBig) {
        List<MatOfPoint> contours = new ArrayList<>();
        Mat hierarchy = new Mat();
        Imgproc.findContours(m, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
        hierarchy.release();
        for (MatOfPoint c : contours) {
            // Cheap tests first: most contours in a busy scene are small or far too big.
            Rect bounds = Imgproc.boundingRect(c);
            double longer = Math.max(bounds.width, bounds.height);
            double area = longer < minW * 0.8 || longer > maxW * 1.5 ? 0 : Imgproc.contourArea(c);
            if (area < minW * minW / 10) {
                if (tooBig != null && longer > maxW * 1.5) {
                    tooBig.add(bounds);
                }
                c.release();
                continue;
            }
            MatOfPoint2f c2 = new MatOfPoint2f(c.toArray());
            RotatedRect r = Imgproc.minAreaRect(c2);
            c.release();
            double w = Math.max(r.size.width, r.size.height);
            double h = Math.min(r.size.width, r.size.height);
            if (h < 1 || w < minW) {
                c2.release();
                continue;
            }
            double aspect = w / h;
            double fill = area / (w * h);
            if (w > maxW || aspect < 1.4 || aspect > 9 || fill < minFill) {
                if (tooBig != null && (w > maxW || h > minW / 6)) {
                    tooBig.add(bounds);
                }
                c2.release();
                continue;
            }
            boolean tight = colour != PlateColour.UNKNOWN && aspect >= 2.2 && aspect <= 5.5 && fill >= 0.6;
            if (!tight && tooBig != null && colour != PlateColour.GREEN) {
                // Plate-sized but ragged: perhaps the plate and a darker neighbour of the same hue.
                // (Not green: ragged green is foliage far more often, and splitting it costs time.)
                tooBig.add(bounds);
            }
            // The blob's own four corners follow a plate seen from the side or below (a trapezoid or a
            // parallelogram); the rotated rectangle is the fallback.
            Point[] quad = tight ? QuadFit.corners(c2, r) : null;
            c2.release();
            if (quad == null) {
                quad = PlateDetector.corners(r, 1, 1);
            }
            RotatedRect full = new RotatedRect(new Point(r.center.x / scale, r.center.y / scale),
                    new Size(r.size.width / scale, r.size.height / scale), r.angle);
            // A little margin: masks stop at the plate's frame line.
            out.add(new Region(full, colour, tight, QuadFit.grow(QuadFit.scaled(quad, 1 / scale), 1.03, 1.05)));
        }
    }
}
