package io.parkgate.lpr.detect;

import io.parkgate.plate.PlateColour;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Tightens a candidate to its plate: in a generously rectified view of the candidate, the rows and
 * columns where the plate's background colour dominates give the plate's own edges. Candidates
 * from edge density or a broken colour mask are often too loose or cut a character off; this finds
 * the plate's frame. Only for blue and yellow plates: the green new-energy plate fades to white at
 * the top, so its colour does not outline it. Stateless.
 */
public final class PlateRefiner {

    private PlateRefiner() {
    }

    /** The plate's rectangle inside {@code view} (BGR), or null when the colour does not outline one. */
    public static Rect refine(Mat view, PlateColour colour) {
        Scalar lo;
        Scalar hi;
        switch (colour) {
            case BLUE -> {
                lo = new Scalar(95, 50, 30);
                hi = new Scalar(135, 255, 255);
            }
            case YELLOW -> {
                lo = new Scalar(10, 70, 70);
                hi = new Scalar(35, 255, 255);
            }
            default -> {
                return null;
            }
        }
        Mat hsv = new Mat();
        Imgproc.cvtColor(view, hsv, Imgproc.COLOR_BGR2HSV);
        Mat mask = new Mat();
        Core.inRange(hsv, lo, hi, mask);
        hsv.release();
        int w = mask.cols();
        int h = mask.rows();
        byte[] px = new byte[w * h];
        mask.get(0, 0, px);
        mask.release();
        int[] rows = run(px, w, h, 0.35);
        if (rows == null) {
            return null;
        }
        int[] cols = runWithin(px, w, rows[0], rows[1], 0.25);
        if (cols == null) {
            return null;
        }
        int rw = cols[1] - cols[0];
        int rh = rows[1] - rows[0];
        if (rw < w * 0.4 || rh < h * 0.25 || rw < rh * 1.8 || rw > rh * 6) {
            return null;
        }
        return new Rect(cols[0], rows[0], rw, rh);
    }

    /** Longest run of rows whose share of mask pixels (middle half of the columns) exceeds {@code share}. */
    private static int[] run(byte[] px, int w, int h, double share) {
        int x0 = w / 4;
        int x1 = w * 3 / 4;
        int best = -1;
        int bestLen = 0;
        int start = -1;
        for (int y = 0; y <= h; y++) {
            boolean on = false;
            if (y < h) {
                int n = 0;
                for (int x = x0; x < x1; x++) {
                    n += px[y * w + x] != 0 ? 1 : 0;
                }
                on = n > share * (x1 - x0);
            }
            if (on && start < 0) {
                start = y;
            } else if (!on && start >= 0) {
                if (y - start > bestLen) {
                    bestLen = y - start;
                    best = start;
                }
                start = -1;
            }
        }
        return best < 0 ? null : new int[] {best, best + bestLen};
    }

    /** Longest run of columns whose share of mask pixels within rows [y0, y1) exceeds {@code share}. */
    private static int[] runWithin(byte[] px, int w, int y0, int y1, double share) {
        int best = -1;
        int bestLen = 0;
        int start = -1;
        int gap = 0;
        int maxGap = Math.max(3, w / 30);
        for (int x = 0; x <= w; x++) {
            boolean on = false;
            if (x < w) {
                int n = 0;
                for (int y = y0; y < y1; y++) {
                    n += px[y * w + x] != 0 ? 1 : 0;
                }
                on = n > share * (y1 - y0);
            }
            if (on) {
                if (start < 0) {
                    start = x;
                }
                gap = 0;
            } else if (start >= 0 && (++gap > maxGap || x == w)) {
                // Thick strokes (a bold 1) interrupt the colour for a few columns: bridge short gaps.
                int end = x - gap + 1;
                if (end - start > bestLen) {
                    bestLen = end - start;
                    best = start;
                }
                start = -1;
                gap = 0;
            }
        }
        return best < 0 ? null : new int[] {best, best + bestLen};
    }
}
