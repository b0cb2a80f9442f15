package io.parkgate.lpr.detect;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The plate's characters as blobs: binarises the rows around a character band (both polarities,
 * since blue and black plates have light characters, the others dark), keeps the blobs of a
 * character's height standing on one line, and from them gives the characters' height, the line's
 * slope and the plate's extent. This is what makes the plate's rectangle tight: a stroke band alone
 * also takes in frame bolts, holder edges and the plate border. Thread-confined (reuses buffers).
 */
final class CharacterRow {

    /**
     * A plate's rectangle in patch pixels: centre, size, and the slope of the character line
     * (radians, positive clockwise), with the number of characters seen; {@code doubleRow}, when the
     * row may also be the lower row of a double-row plate, that plate's rectangle (same slope).
     */
    record Fit(double cx, double cy, double width, double height, double slope, int characters, Rectangle doubleRow) {
    }

    /** A rectangle in patch pixels by its centre and size. */
    record Rectangle(double cx, double cy, double width, double height) {
    }

    /**
     * The lower row of a double-row plate (440×220 mm; GA 36): five characters 65×110 mm at 80 mm
     * centres, the first 60 mm from the left edge, their middle 145 mm below the top edge.
     */
    private static final double LOWER_PITCH_MM = 80;
    private static final double LOWER_BELOW_CENTRE_MM = 35;

    private record Blob(double x0, double x1, double cy, double height) {
    }

    private final Mat binary = new Mat();
    private final Mat labels = new Mat();
    private final Mat stats = new Mat();
    private final Mat centroids = new Mat();

    /**
     * The plate around the band rows [top, bottom) of {@code patch} (grey), or null with fewer than 4
     * characters; {@code green} for a green background (eight characters expected);
     * {@code mayBeDoubleRow} for a background that double-row plates have (yellow, or not known).
     */
    Fit fit(Mat patch, int top, int bottom, boolean green, boolean mayBeDoubleRow) {
        int h = bottom - top;
        int y0 = Math.max(0, top - h / 2);
        int y1 = Math.min(patch.rows(), bottom + h / 2);
        if (y1 - y0 < 6) {
            return null;
        }
        Mat rows = patch.submat(y0, y1, 0, patch.cols());
        List<Blob> best = null;
        for (int polarity : new int[] {Imgproc.THRESH_BINARY, Imgproc.THRESH_BINARY_INV}) {
            Imgproc.threshold(rows, binary, 0, 255, polarity | Imgproc.THRESH_OTSU);
            List<Blob> pieces = new ArrayList<>();
            List<Blob> row = line(blobs(h, y0, pieces));
            if (!row.isEmpty()) {
                row = withProvince(row, pieces);
            }
            if (best == null || row.size() > best.size()) {
                best = row;
            }
        }
        return best.size() < 4 ? null : plate(best, green, mayBeDoubleRow);
    }

    /**
     * The row with the province character in front when it fell apart into strokes too small to be
     * kept on their own (most Chinese characters do): the pieces just left of the first character,
     * within the line's height, joined.
     */
    private static List<Blob> withProvince(List<Blob> row, List<Blob> pieces) {
        Blob first = row.get(0);
        double charH = first.height();
        double top = first.cy() - charH * 0.65;
        double bottom = first.cy() + charH * 0.65;
        double from = first.x0() - charH * 0.8;
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Blob p : pieces) {
            double pTop = p.cy() - p.height() / 2;
            double pBottom = p.cy() + p.height() / 2;
            if (p.x0() >= from && p.x1() <= first.x0() && pTop >= top && pBottom <= bottom) {
                x0 = Math.min(x0, p.x0());
                x1 = Math.max(x1, p.x1());
                y0 = Math.min(y0, pTop);
                y1 = Math.max(y1, pBottom);
            }
        }
        if (x0 == Double.MAX_VALUE || y1 - y0 < charH * 0.7 || x1 - x0 < charH * 0.25) {
            return row;
        }
        List<Blob> out = new ArrayList<>();
        out.add(new Blob(x0, x1, (y0 + y1) / 2, y1 - y0));
        out.addAll(row);
        return out;
    }

    /**
     * Blobs of about a character's size (band height {@code h}), in patch coordinates; smaller ones
     * (pieces of a Chinese character) go to {@code pieces}.
     */
    private List<Blob> blobs(int h, int y0, List<Blob> pieces) {
        int n = Imgproc.connectedComponentsWithStats(binary, labels, stats, centroids, 8, CvType.CV_32S);
        int[] s = new int[n * 5];
        stats.get(0, 0, s);
        List<Blob> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int x = s[i * 5 + Imgproc.CC_STAT_LEFT];
            int y = s[i * 5 + Imgproc.CC_STAT_TOP];
            int w = s[i * 5 + Imgproc.CC_STAT_WIDTH];
            int bh = s[i * 5 + Imgproc.CC_STAT_HEIGHT];
            int area = s[i * 5 + Imgproc.CC_STAT_AREA];
            // A character stands 0.6-1.5 band heights tall, is narrower than tall, and is not a solid block.
            if (bh < h * 0.6 && area >= 3 && bh < h * 1.5) {
                pieces.add(new Blob(x, x + w, y0 + y + bh / 2.0, bh));
                continue;
            }
            if (bh > h * 1.5 || w > bh * 1.1 || w < 1 || area > 0.9 * w * bh) {
                continue;
            }
            out.add(new Blob(x, x + w, y0 + y + bh / 2.0, bh));
        }
        return out;
    }

    /** The largest set of blobs of similar height on one line, left to right. */
    private static List<Blob> line(List<Blob> blobs) {
        List<Blob> best = List.of();
        for (Blob seed : blobs) {
            List<Blob> row = new ArrayList<>();
            for (Blob b : blobs) {
                if (Math.abs(b.height() - seed.height()) <= seed.height() * 0.25
                        && Math.abs(b.cy() - seed.cy()) <= seed.height() * 0.35) {
                    row.add(b);
                }
            }
            if (row.size() > best.size()) {
                best = row;
            }
        }
        List<Blob> sorted = new ArrayList<>(best);
        sorted.sort((a, b) -> Double.compare(a.x0(), b.x0()));
        return sorted;
    }

    /** The plate (GA 36 proportions) around a line of character blobs. */
    private static Fit plate(List<Blob> row, boolean green, boolean mayBeDoubleRow) {
        double[] heights = row.stream().mapToDouble(Blob::height).sorted().toArray();
        double charH = heights[heights.length / 2];
        // Least-squares line through the blobs' centres: the characters' own tilt.
        int n = row.size();
        double mx = 0;
        double my = 0;
        for (Blob b : row) {
            mx += (b.x0() + b.x1()) / 2 / n;
            my += b.cy() / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (Blob b : row) {
            double dx = (b.x0() + b.x1()) / 2 - mx;
            sxx += dx * dx;
            sxy += dx * (b.cy() - my);
        }
        double slope = sxx > 0 ? Math.atan(sxy / sxx) : 0;
        slope = Math.max(-0.15, Math.min(0.15, slope));
        // Slots, not the first and last blob: the last character may have merged with the plate's
        // border, the first may be pieces, a bolt may stand beside the text.
        double[] xs = row.stream().mapToDouble(b -> (b.x0() + b.x1()) / 2).toArray();
        SlotFit.Placement p = SlotFit.place(xs, charH, green);
        if (p == null) {
            // Blobs spread wider than any plate of this character height: not a plate's row.
            return null;
        }
        double plateW = p.width();
        double cx = p.left() + plateW / 2;
        Rectangle twoRows = mayBeDoubleRow ? lowerRowOfTwo(xs, charH, mx, my, slope) : null;
        return new Fit(cx, my + (cx - mx) * Math.tan(slope), plateW, 140 * p.pxPerMmAcross(), slope, n, twoRows);
    }

    /**
     * The double-row plate whose lower row these centres would be, or null: exactly five characters at
     * even centres, as far apart as that row's characters are (80 mm for 110 mm tall; the blobs are
     * often shorter than the box).
     */
    static Rectangle lowerRowOfTwo(double[] xs, double charH, double mx, double my, double slope) {
        if (xs.length != 5) {
            return null;
        }
        double pitch = (xs[4] - xs[0]) / 4;
        for (int i = 0; i < 4; i++) {
            if (Math.abs(xs[i + 1] - xs[i] - pitch) > pitch * 0.2) {
                return null;
            }
        }
        if (pitch < charH * 0.55 || pitch > charH * 0.95) {
            return null;
        }
        double k = pitch / LOWER_PITCH_MM;
        double rowX = xs[2];
        double rowY = my + (rowX - mx) * Math.tan(slope);
        double up = LOWER_BELOW_CENTRE_MM * k;
        return new Rectangle(rowX + up * Math.sin(slope), rowY - up * Math.cos(slope), 440 * k, 220 * k);
    }
}
