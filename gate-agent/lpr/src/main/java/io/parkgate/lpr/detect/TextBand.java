package io.parkgate.lpr.detect;

import io.parkgate.plate.PlateColour;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Looks for a plate's row of characters around a rough region and, when there is one, says where
 * the plate is, in the region's own tilt: the band of rows crossed by many strokes finds the row;
 * the character blobs in it ({@link CharacterRow}), placed over the GA 36 slots ({@link SlotFit}),
 * give the plate's size, slope and ends (the band alone, 90 of the plate's 140 mm, when too few
 * blobs stand apart). The score says how much the region looks like a line of plate characters.
 * Works on the full-resolution grey frame, so small plates keep their detail. Thread-confined
 * (reuses buffers).
 */
final class TextBand {

    /**
     * A plate found from its characters, and how plate-like its character row is (0..1);
     * {@code doubleRow}, when the row may be the lower row of a double-row plate, that plate (or null);
     * {@code separated} when the characters stood apart as blobs (otherwise the quad is the stroke
     * band's, which is looser).
     */
    record Found(Point[] quad, double score, Point[] doubleRow, boolean separated) {
    }

    /** Width of the normalised patch; characters are then about 18 px wide. */
    private static final int PATCH_W = 200;
    private static final int MAX_PATCH_H = 160;
    /** Band quality (0..100, times the shape's plausibility) below which a region is no plate. */
    private static final double MIN_QUALITY = 10;
    /** Plate height over character height, and plate width over the 7 characters' span (GA 36). */
    private static final double PLATE_PER_TEXT_H = 140.0 / 90;
    private static final double PLATE_PER_TEXT_W = 440.0 / 409;

    private final Mat patch = new Mat();
    private final Mat grad = new Mat();
    private final Mat smooth = new Mat();
    private final Mat rotation = new Mat();
    private final CharacterRow characterRow = new CharacterRow();

    /**
     * The plate around {@code region} (frame pixels, any tilt), or null when no row of characters is
     * there. {@code region} may be loose or too tight; its angle is kept. {@code colour} is the
     * background colour that found the region (UNKNOWN when none).
     */
    Found examine(Mat grey, RotatedRect region, PlateColour colour) {
        double w = Math.max(region.size.width, region.size.height);
        double h = Math.min(region.size.width, region.size.height);
        double angle = region.size.width >= region.size.height ? region.angle : region.angle + 90;
        angle = ((angle % 180) + 180) % 180;
        if (angle > 90) {
            angle -= 180;
        }
        // Look wider than the region: a region from a broken mask or from the characters alone is short.
        double viewW = w * 1.3;
        double viewH = Math.max(h, w / 3.2) * 1.5;
        double s = PATCH_W / viewW;
        int patchH = (int) Math.min(MAX_PATCH_H, Math.round(viewH * s));
        if (patchH < 12 || w < 8) {
            return null;
        }
        Mat m = Imgproc.getRotationMatrix2D(region.center, angle, s);
        m.put(0, 2, m.get(0, 2)[0] + PATCH_W / 2.0 - region.center.x);
        m.put(1, 2, m.get(1, 2)[0] + patchH / 2.0 - region.center.y);
        Imgproc.warpAffine(grey, patch, m, new Size(PATCH_W, patchH), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        Imgproc.invertAffineTransform(m, rotation);
        m.release();
        int[] band = band(patchH);
        if (band == null) {
            return null;
        }
        double textH = band[1] - band[0];
        double textW = band[3] - band[2];
        double ratio = textW / textH;
        // Seven characters span about 4.5 character heights; eight (new-energy) about 5; seen from
        // 60° off the plate's axis, half that (the characters keep their height).
        double shape = Math.exp(-Math.pow((ratio - 4.7) / (ratio < 4.7 ? 1.8 : 1.6), 2));
        if (ratio < 1.9 || ratio > 8 || shape * band[4] < MIN_QUALITY) {
            // Not worth looking for characters (speed: most regions of a busy scene end here).
            return null;
        }
        CharacterRow.Fit fit = characterRow.fit(patch, band[0], band[1], colour == PlateColour.GREEN,
                colour == PlateColour.YELLOW || colour == PlateColour.UNKNOWN);
        double cx;
        double cy;
        double plateW;
        double plateH;
        double slope = 0;
        if (fit != null) {
            cx = fit.cx();
            cy = fit.cy();
            plateW = fit.width();
            plateH = fit.height();
            slope = fit.slope();
        } else {
            plateH = textH * PLATE_PER_TEXT_H;
            plateW = Math.max(textW * PLATE_PER_TEXT_W, plateH * 2.6);
            cx = (band[2] + band[3]) / 2.0;
            cy = (band[0] + band[1]) / 2.0;
        }
        double[] a = new double[6];
        rotation.get(0, 0, a);
        Point[] quad = toFrame(a, cx, cy, plateW, plateH, slope);
        CharacterRow.Rectangle two = fit == null ? null : fit.doubleRow();
        Point[] doubleRow = two == null ? null : toFrame(a, two.cx(), two.cy(), two.width(), two.height(), slope);
        // Separate character blobs on one line are the surest sign of a plate.
        double characters = fit == null ? 0.6 : Math.min(1, 0.55 + 0.075 * fit.characters());
        return new Found(quad, shape * characters * band[4] / 100.0, doubleRow, fit != null);
    }

    /** The corners of a rectangle in the patch (centre, size, slope), in frame pixels by the inverse map {@code a}. */
    private static Point[] toFrame(double[] a, double cx, double cy, double w, double h, double slope) {
        double cos = Math.cos(slope);
        double sin = Math.sin(slope);
        double[][] corners = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
        Point[] quad = new Point[4];
        for (int i = 0; i < 4; i++) {
            double x = cx + corners[i][0] * cos - corners[i][1] * sin;
            double y = cy + corners[i][0] * sin + corners[i][1] * cos;
            quad[i] = new Point(a[0] * x + a[1] * y + a[2], a[3] * x + a[4] * y + a[5]);
        }
        return quad;
    }

    /**
     * The character band in the patch: {top, bottom, left, right, quality 0..100}, or null. Rows of
     * characters are crossed by many strong horizontal-gradient runs; the band is the longest run of
     * such rows, its extent the columns there that hold strokes.
     */
    private int[] band(int ph) {
        // Sensor noise, magnified with small plates, would otherwise cross every row.
        Imgproc.GaussianBlur(patch, smooth, new Size(3, 3), 0);
        Imgproc.Sobel(smooth, grad, CvType.CV_16S, 1, 0, 3);
        Core.convertScaleAbs(grad, grad);
        byte[] g = new byte[PATCH_W * ph];
        grad.get(0, 0, g);
        int threshold = threshold(g);
        boolean[] on = new boolean[g.length];
        int[] crossings = new int[ph];
        for (int y = 0; y < ph; y++) {
            boolean prev = false;
            for (int x = 1; x < PATCH_W - 1; x++) {
                boolean o = (g[y * PATCH_W + x] & 255) >= threshold;
                on[y * PATCH_W + x] = o;
                if (o && !prev) {
                    crossings[y]++;
                }
                prev = o;
            }
        }
        int max = 0;
        for (int c : crossings) {
            max = Math.max(max, c);
        }
        // Seven characters give at least 14 stroke edges across a row; allow some broken by dirt or glare.
        int need = Math.max(7, (int) (max * 0.45));
        int bestTop = -1;
        int bestBottom = -1;
        int bestSum = 0;
        int top = -1;
        int gap = 0;
        int sum = 0;
        for (int y = 0; y <= ph; y++) {
            boolean text = y < ph && crossings[y] >= need && crossings[y] <= 45;
            if (text) {
                if (top < 0) {
                    top = y;
                    sum = 0;
                }
                sum += crossings[y];
                gap = 0;
            } else if (top >= 0 && (++gap > 1 || y == ph)) {
                int bottom = y - gap + 1;
                if (sum > bestSum) {
                    bestSum = sum;
                    bestTop = top;
                    bestBottom = bottom;
                }
                top = -1;
                gap = 0;
            }
        }
        int height = bestBottom - bestTop;
        if (bestTop < 0 || height < 5) {
            return null;
        }
        int[] cols = columns(on, bestTop, bestBottom);
        if (cols == null) {
            return null;
        }
        // Quality: how many strokes the rows cross (about 14-20 for a plate), and how quiet the plate's
        // margins above and below the characters are (foliage, grilles and gravel are busy everywhere).
        double perRow = (double) bestSum / height;
        double strokes = Math.min(1, perRow / 14.0) * Math.min(1, 40.0 / perRow);
        int margin = Math.max(2, (int) (height * 0.3));
        double outside = 0;
        int n = 0;
        for (int y = Math.max(0, bestTop - margin); y < bestTop - 1; y++) {
            outside += crossings[y];
            n++;
        }
        for (int y = bestBottom + 1; y < Math.min(ph, bestBottom + margin); y++) {
            outside += crossings[y];
            n++;
        }
        double quiet = n == 0 ? 0.5 : Math.max(0, 1 - (outside / n) / perRow);
        return new int[] {bestTop, bestBottom, cols[0], cols[1], (int) Math.round(100 * strokes * quiet)};
    }

    /** The run of columns holding strokes within rows [y0, y1), small gaps bridged, nearest the middle. */
    private int[] columns(boolean[] on, int y0, int y1) {
        int h = y1 - y0;
        boolean[] stroke = new boolean[PATCH_W];
        for (int x = 0; x < PATCH_W; x++) {
            int n = 0;
            for (int y = y0; y < y1; y++) {
                n += on[y * PATCH_W + x] ? 1 : 0;
            }
            stroke[x] = n >= Math.max(2, h / 5);
        }
        // A gap wider than most of a character ends the text (a "1" or the dot gap is narrower).
        int maxGap = Math.max(3, (int) (h * 0.75));
        int bestL = -1;
        int bestR = -1;
        int bestScore = 0;
        int left = -1;
        int last = -1;
        int count = 0;
        for (int x = 0; x <= PATCH_W; x++) {
            boolean s = x < PATCH_W && stroke[x];
            if (s) {
                if (left < 0 || x - last > maxGap) {
                    if (left >= 0 && count > bestScore) {
                        bestScore = count;
                        bestL = left;
                        bestR = last + 1;
                    }
                    left = x;
                    count = 0;
                }
                last = x;
                count++;
            } else if (x == PATCH_W && left >= 0 && count > bestScore) {
                bestScore = count;
                bestL = left;
                bestR = last + 1;
            }
        }
        return bestL < 0 ? null : new int[] {bestL, bestR};
    }

    /** Strong-gradient threshold of the patch: a share of its high percentile, never below noise. */
    private static int threshold(byte[] g) {
        int[] hist = new int[256];
        for (byte b : g) {
            hist[b & 255]++;
        }
        int rank = (int) (g.length * 0.96);
        int acc = 0;
        int high = 255;
        for (int v = 0; v < 256; v++) {
            acc += hist[v];
            if (acc >= rank) {
                high = v;
                break;
            }
        }
        return Math.max(20, (int) (high * 0.45));
    }
}
