package io.parkgate.lpr.detect;

import io.parkgate.plate.PlateColour;
import org.opencv.core.Point;

/**
 * A region that may be a plate.
 *
 * @param quad corners in frame pixels: top-left, top-right, bottom-right, bottom-left
 * @param colourHint the colour mask that found it, UNKNOWN when found by edges
 * @param score how much it looks like a plate to the detector (about 0..1.25; plates score 0.6 and
 *     more as a rule; 1 for a region known to be a plate, such as a crop)
 * @param alternative another outline of the same plate worth reading when {@code quad} gives no sure
 *     reading, or null
 */
public record PlateCandidate(Point[] quad, PlateColour colourHint, double score, Point[] alternative) {

    /** A candidate with one outline. */
    public PlateCandidate(Point[] quad, PlateColour colourHint, double score) {
        this(quad, colourHint, score, null);
    }

    /** The same candidate (both outlines) moved by (dx, dy) pixels. */
    public PlateCandidate moved(double dx, double dy) {
        return new PlateCandidate(moved(quad, dx, dy), colourHint, score,
                alternative == null ? null : moved(alternative, dx, dy));
    }

    /** The candidate read from its alternative outline (which must exist). */
    public PlateCandidate asAlternative() {
        return new PlateCandidate(alternative, colourHint, score, null);
    }

    private static Point[] moved(Point[] q, double dx, double dy) {
        Point[] out = new Point[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = new Point(q[i].x + dx, q[i].y + dy);
        }
        return out;
    }

    /** Centre of the quadrilateral. */
    public Point centre() {
        double x = 0;
        double y = 0;
        for (Point p : quad) {
            x += p.x / 4;
            y += p.y / 4;
        }
        return new Point(x, y);
    }

    /** Length of the top edge, pixels. */
    public double width() {
        return Math.hypot(quad[1].x - quad[0].x, quad[1].y - quad[0].y);
    }
}
