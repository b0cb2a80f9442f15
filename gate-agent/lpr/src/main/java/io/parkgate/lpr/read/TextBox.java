package io.parkgate.lpr.read;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Finds the box the characters occupy on a rectified plate (text bright on dark), so the layout's
 * proportions can be laid over the characters whether the plate was cut tightly, loosely or with
 * its frame. Falls back to the layout's nominal box when the evidence is weak.
 */
final class TextBox {

    private TextBox() {
    }

    /** The text box in pixels of {@code bright}, an 8-bit image with bright characters. */
    static Rect find(Mat bright, PlateLayout layout) {
        int w = bright.cols();
        int h = bright.rows();
        Rect nominal = nominal(w, h, layout);
        Mat bin = new Mat();
        Imgproc.threshold(bright, bin, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
        try {
            int[] rows = rowBand(bin);
            if (rows == null || rows[1] - rows[0] < h * 0.35) {
                return nominal;
            }
            int top = rows[0];
            int bottom = rows[1];
            int bandH = bottom - top;
            int[] cols = columnExtent(bin, top, bottom, bandH);
            double expected = bandH * (layout.textEndMm() - layout.textStartMm()) / PlateLayout.CHAR_HEIGHT_MM;
            int left;
            int right;
            if (cols == null) {
                left = nominal.x;
                right = nominal.x + nominal.width;
            } else {
                left = cols[0];
                right = cols[1];
                double span = right - left;
                if (span < expected * 0.85 || span > expected * 1.2) {
                    // The rightmost character is an alphanumeric and found reliably; the province is often
                    // in pieces, so trust the right edge and the band height.
                    left = (int) Math.round(right - Math.min(expected, right));
                }
            }
            return new Rect(left, top, Math.max(1, right - left), Math.max(1, bandH));
        } finally {
            bin.release();
        }
    }

    static Rect nominal(int w, int h, PlateLayout layout) {
        double sx = w / layout.widthMm();
        double sy = h / PlateLayout.HEIGHT_MM;
        return new Rect((int) Math.round(layout.textStartMm() * sx), (int) Math.round(PlateLayout.CHAR_TOP_MM * sy),
                (int) Math.round((layout.textEndMm() - layout.textStartMm()) * sx),
                (int) Math.round(PlateLayout.CHAR_HEIGHT_MM * sy));
    }

    /** Longest run of rows crossing many strokes: top and bottom (exclusive) of the characters. */
    private static int[] rowBand(Mat bin) {
        int w = bin.cols();
        int h = bin.rows();
        byte[] px = new byte[w * h];
        bin.get(0, 0, px);
        int[] transitions = new int[h];
        int max = 0;
        int x0 = (int) (w * 0.02);
        int x1 = w - x0;
        for (int y = 0; y < h; y++) {
            int t = 0;
            for (int x = x0 + 1; x < x1; x++) {
                if (px[y * w + x] != px[y * w + x - 1]) {
                    t++;
                }
            }
            transitions[y] = t;
            max = Math.max(max, t);
        }
        int threshold = Math.max(6, (int) (max * 0.35));
        int bestStart = -1;
        int bestLen = 0;
        int start = -1;
        int gap = 0;
        for (int y = 0; y <= h; y++) {
            boolean on = y < h && transitions[y] >= threshold;
            if (on) {
                if (start < 0) {
                    start = y;
                }
                gap = 0;
            } else if (start >= 0 && ++gap > 1 || y == h && start >= 0) {
                int end = y - gap + 1;
                if (end - start > bestLen) {
                    bestLen = end - start;
                    bestStart = start;
                }
                start = -1;
                gap = 0;
            }
        }
        return bestStart < 0 ? null : new int[] {bestStart, Math.min(h, bestStart + bestLen)};
    }

    /** Left and right of the character-like blobs inside the band, ignoring the plate frame. */
    private static int[] columnExtent(Mat bin, int top, int bottom, int bandH) {
        Mat band = bin.submat(top, bottom, 0, bin.cols());
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        int n = Imgproc.connectedComponentsWithStats(band, labels, stats, centroids, 8, CvType.CV_32S);
        int w = bin.cols();
        int left = Integer.MAX_VALUE;
        int right = -1;
        for (int i = 1; i < n; i++) {
            int x = (int) stats.get(i, Imgproc.CC_STAT_LEFT)[0];
            int cw = (int) stats.get(i, Imgproc.CC_STAT_WIDTH)[0];
            int ch = (int) stats.get(i, Imgproc.CC_STAT_HEIGHT)[0];
            boolean tall = ch >= bandH * 0.45;
            boolean narrowEnough = cw <= w * 0.16;
            boolean frame = (x <= 1 || x + cw >= w - 1) && cw < w * 0.03;
            if (tall && narrowEnough && !frame) {
                left = Math.min(left, x);
                right = Math.max(right, x + cw);
            }
        }
        labels.release();
        stats.release();
        centroids.release();
        band.release();
        return right < 0 ? null : new int[] {left, right};
    }
}
