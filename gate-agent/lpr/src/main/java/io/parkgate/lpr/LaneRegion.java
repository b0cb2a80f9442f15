package io.parkgate.lpr;

import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where the lane's vehicle appears in a camera's picture, as fractions of the frame (0..1, left and
 * top first): the part of the picture a vehicle standing on the loop fills. Several vehicles may be
 * in a picture (a queue, the next lane); the one that matters is the one on the loop, so readings are
 * ranked by this region, their size and position, and only then by the reader's confidence.
 *
 * @param left   left edge, 0..1 of the frame's width
 * @param top    top edge, 0..1 of the frame's height
 * @param right  right edge, greater than left
 * @param bottom bottom edge, greater than top
 */
public record LaneRegion(double left, double top, double right, double bottom) {

    /** No region configured: every plate in the frame may be the lane's. */
    public static final LaneRegion WHOLE_FRAME = new LaneRegion(0, 0, 1, 1);

    /** What {@link #parse} expects, for configuration error messages. */
    public static final String EXPECTED = "left,top,right,bottom as fractions 0..1 of the frame, e.g. 0.2,0.35,0.8,1";

    /** A plate outside the region counts this much of one inside it. */
    private static final double OUTSIDE = 0.2;

    public LaneRegion {
        for (double v : new double[] {left, top, right, bottom}) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("lane region edges must be 0..1, got " + describe(left, top, right,
                        bottom) + ": " + EXPECTED);
            }
        }
        if (left >= right || top >= bottom) {
            throw new IllegalArgumentException("lane region needs left < right and top < bottom, got "
                    + describe(left, top, right, bottom) + ": " + EXPECTED);
        }
    }

    /** "left,top,right,bottom"; blank is the whole frame. */
    public static LaneRegion parse(String text) {
        if (text == null || text.isBlank()) {
            return WHOLE_FRAME;
        }
        String[] f = text.split(",");
        if (f.length != 4) {
            throw new IllegalArgumentException("lane region '" + text + "' needs 4 numbers: " + EXPECTED);
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(f[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("lane region '" + text + "': '" + f[i].trim()
                        + "' is not a number: " + EXPECTED);
            }
        }
        return new LaneRegion(v[0], v[1], v[2], v[3]);
    }

    public boolean isWholeFrame() {
        return equals(WHOLE_FRAME);
    }

    /**
     * The readings of one frame of {@code width}×{@code height}, the lane's vehicle first: a plate whose
     * centre is inside the region before one outside; among those the larger (nearer) plate, lower in
     * the picture (nearer the camera) and nearer the region's middle line; confidence weighs in
     * squared, so a weak read (a shadow read as a plate) does not outrank a sure one by size alone.
     */
    public List<PlateReading> rank(List<PlateReading> readings, int width, int height) {
        if (readings.size() < 2) {
            return readings;
        }
        double widest = readings.stream().mapToDouble(r -> plateWidth(r.quad())).max().orElse(1);
        List<PlateReading> ranked = new ArrayList<>(readings);
        ranked.sort(Comparator.comparingDouble((PlateReading r) -> score(r, widest, width, height)).reversed());
        return ranked;
    }

    double score(PlateReading r, double widest, int width, int height) {
        Point2D c = centre(r.quad());
        double x = c.getX() / width;
        double y = c.getY() / height;
        boolean inside = x >= left && x <= right && y >= top && y <= bottom;
        double size = widest <= 0 ? 1 : plateWidth(r.quad()) / widest;
        double offCentre = Math.min(1, Math.abs(x - (left + right) / 2) / (right - left));
        double position = (1 - 0.3 * offCentre) * (0.8 + 0.2 * Math.min(1, y));
        return (inside ? 1 : OUTSIDE) * (0.4 + 0.6 * size) * position * r.confidence() * r.confidence();
    }

    static double plateWidth(Point2D[] q) {
        return (q[0].distance(q[1]) + q[3].distance(q[2])) / 2;
    }

    private static Point2D centre(Point2D[] q) {
        double x = 0;
        double y = 0;
        for (Point2D p : q) {
            x += p.getX() / q.length;
            y += p.getY() / q.length;
        }
        return new Point2D.Double(x, y);
    }

    private static String describe(double... v) {
        return String.format(Locale.ROOT, "%s,%s,%s,%s", v[0], v[1], v[2], v[3]);
    }
}
