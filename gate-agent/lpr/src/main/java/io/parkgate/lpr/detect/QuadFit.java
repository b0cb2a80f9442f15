package io.parkgate.lpr.detect;

import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.imgproc.Imgproc;

/** Four-corner fits of a plate-coloured blob, and small quad arithmetic. Stateless. */
final class QuadFit {

    private QuadFit() {
    }

    /**
     * The blob's four corners (top-left, top-right, bottom-right, bottom-left along the rectangle's
     * long side), from its convex hull simplified to four points; null when the hull is not close to
     * a quadrilateral that covers the rectangle.
     */
    static Point[] corners(MatOfPoint2f contour, RotatedRect rect) {
        MatOfInt hullIdx = new MatOfInt();
        Point[] pts = contour.toArray();
        Imgproc.convexHull(new MatOfPoint(pts), hullIdx);
        int[] idx = hullIdx.toArray();
        hullIdx.release();
        if (idx.length < 4) {
            return null;
        }
        Point[] hull = new Point[idx.length];
        for (int i = 0; i < idx.length; i++) {
            hull[i] = pts[idx[i]];
        }
        MatOfPoint2f h = new MatOfPoint2f(hull);
        double perimeter = Imgproc.arcLength(h, true);
        Point[] four = null;
        for (double eps = 0.02; eps <= 0.12 && four == null; eps += 0.02) {
            MatOfPoint2f approx = new MatOfPoint2f();
            Imgproc.approxPolyDP(h, approx, eps * perimeter, true);
            if (approx.rows() == 4) {
                four = approx.toArray();
            }
            approx.release();
        }
        h.release();
        if (four == null) {
            return null;
        }
        Point[] ordered = order(four, rect);
        double rectArea = rect.size.width * rect.size.height;
        double quadArea = Math.abs(Imgproc.contourArea(new MatOfPoint2f(ordered)));
        // Simplification can cut a corner off (a light character touching the border) or fold; such
        // a fit is worse than the rectangle. A plate seen obliquely keeps near-right angles.
        return quadArea < rectArea * 0.85 || quadArea > rectArea * 1.05 || !squarish(ordered) ? null : ordered;
    }

    /** Whether every corner's angle is within 20° of a right angle and opposite sides are of similar length. */
    private static boolean squarish(Point[] q) {
        double[] len = new double[4];
        for (int i = 0; i < 4; i++) {
            Point a = q[(i + 3) % 4];
            Point b = q[i];
            Point c = q[(i + 1) % 4];
            double ux = a.x - b.x;
            double uy = a.y - b.y;
            double vx = c.x - b.x;
            double vy = c.y - b.y;
            double cos = (ux * vx + uy * vy) / (Math.hypot(ux, uy) * Math.hypot(vx, vy) + 1e-9);
            if (Math.abs(cos) > Math.sin(Math.toRadians(20))) {
                return false;
            }
            len[i] = Math.hypot(vx, vy);
        }
        return Math.max(len[0], len[2]) <= 1.25 * Math.min(len[0], len[2])
                && Math.max(len[1], len[3]) <= 1.25 * Math.min(len[1], len[3]);
    }

    /** Corners ordered top-left, top-right, bottom-right, bottom-left in the rectangle's own frame. */
    private static Point[] order(Point[] four, RotatedRect rect) {
        Point[] ref = PlateDetector.corners(rect, 1, 1);
        Point[] out = new Point[4];
        boolean[] used = new boolean[4];
        for (int k = 0; k < 4; k++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int i = 0; i < 4; i++) {
                double d = Math.hypot(four[i].x - ref[k].x, four[i].y - ref[k].y);
                if (!used[i] && d < bestD) {
                    bestD = d;
                    best = i;
                }
            }
            used[best] = true;
            out[k] = four[best];
        }
        return out;
    }

    /** The quad with every coordinate multiplied by {@code f}. */
    static Point[] scaled(Point[] q, double f) {
        Point[] out = new Point[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = new Point(q[i].x * f, q[i].y * f);
        }
        return out;
    }

    /** The quad grown about its centre along its own width and height. */
    static Point[] grow(Point[] q, double sx, double sy) {
        double ux = (q[1].x - q[0].x + q[2].x - q[3].x) / 4;
        double uy = (q[1].y - q[0].y + q[2].y - q[3].y) / 4;
        double vx = (q[3].x - q[0].x + q[2].x - q[1].x) / 4;
        double vy = (q[3].y - q[0].y + q[2].y - q[1].y) / 4;
        Point[] out = new Point[4];
        for (int i = 0; i < 4; i++) {
            // Each corner moves away from the centre along the plate's axes only.
            double du = (i == 1 || i == 2 ? 1 : -1) * (sx - 1);
            double dv = (i >= 2 ? 1 : -1) * (sy - 1);
            out[i] = new Point(q[i].x + du * ux + dv * vx, q[i].y + du * uy + dv * vy);
        }
        return out;
    }
}
