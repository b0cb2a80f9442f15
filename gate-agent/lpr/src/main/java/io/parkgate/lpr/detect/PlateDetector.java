package io.parkgate.lpr.detect;

import io.parkgate.plate.PlateColour;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Finds plate-shaped regions in a frame, best first. {@link RegionProposer} offers regions from
 * background-colour masks (blue, yellow, green) and from dense character strokes (any colour, white
 * and black plates included); {@link TextBand} checks each for a row of plate characters, fits the
 * plate's rectangle in its own tilt from that row and scores it; overlapping regions keep the best.
 * Not thread-safe (reuses buffers).
 */
public final class PlateDetector {

    /** Longest side of the frame the masks are computed on. */
    static final int WORK_WIDTH = 640;
    private static final int MAX_CANDIDATES = 8;
    private static final double MIN_SCORE = 0.15;
    private static final int MIN_SIDE = 16;
    /** A plate (3.1:1) seen about 45° off its axis. */
    private static final double YAWED_ASPECT = 2.2;
    /**
     * A yawed plate keeps its characters' height, so its blob is about as tall as the plate its
     * characters make (lpr-dev's yawed `皖A378Z0`: 1.12); a blob much taller took in something else of
     * the plate's hue (lpr-dev's `皖A6H268`: 1.69, read `鄂A6H268` at 0.891 from it).
     */
    private static final double YAWED_MAX_HEIGHT = 1.25;
    /** Regions looked at per frame; real frames offer 10-40. */
    private static final int MAX_REGIONS = 48;

    private final RegionProposer proposer = new RegionProposer(WORK_WIDTH);
    private final TextBand textBand = new TextBand();
    private final Mat grey = new Mat();

    /**
     * Candidates for plates from 50 (in standard-definition video 30) to 400 px wide (in the original frame),
     * tilted up to about 25°, best first.
     */
    public List<PlateCandidate> detect(Mat frame) {
        return detect(frame, frame.size());
    }

    /**
     * As {@link #detect(Mat)} in a part of a camera frame of size {@code camera} (a lane's region): the camera's
     * resolution, not the part's, says how small a plate may be.
     */
    public List<PlateCandidate> detect(Mat frame, Size camera) {
        return examinable(frame) ? candidates(frame, proposer.propose(frame, camera)) : List.of();
    }

    /**
     * Candidates for large plates (150 px wide and more) whose characters stand so far apart that {@link #detect}
     * sees only pieces or a part of them: a white plate filling a near infrared camera's view, an armed-police
     * plate's red WJ or a police plate's 警 standing off. Asked only of frames where nothing else was read.
     */
    public List<PlateCandidate> detectSpaced(Mat frame) {
        return examinable(frame) ? candidates(frame, proposer.proposeSpaced(frame)) : List.of();
    }

    /** Smaller than the smallest plate (or a strip that would scale to nothing): nothing to find. */
    private static boolean examinable(Mat frame) {
        return !frame.empty() && frame.channels() == 3 && frame.rows() >= MIN_SIDE && frame.cols() >= MIN_SIDE;
    }

    /** The proposed regions examined for a plate's characters, best first. */
    private List<PlateCandidate> candidates(Mat frame, List<RegionProposer.Region> regions) {
        Imgproc.cvtColor(frame, grey, Imgproc.COLOR_BGR2GRAY);
        List<PlateCandidate> found = new ArrayList<>();
        for (RegionProposer.Region r : likeliestFirst(regions)) {
            TextBand.Found f = textBand.examine(grey, r.rect(), r.colour());
            boolean colour = r.colour() != PlateColour.UNKNOWN;
            if (f != null) {
                // The colour blob outlines the plate better than its characters do, unless it took in
                // something of the same hue beside the plate (a grille, the car body). Not green: the
                // new-energy plate fades to white at the top, so its colour outlines only part of it.
                // A plate seen from well off its axis (about 45°) is narrower than plateShaped allows;
                // its blob still wins when the character fit reached off it onto the car body.
                boolean outlines = colour && r.colour() != PlateColour.GREEN && r.tight()
                        && (plateShaped(r.quad()) || overlap(r.quad(), f.quad()) >= 0.6
                                || yawedBlobOutlines(r.quad(), f.quad()));
                Point[] quad = outlines ? intoGlare(r.quad(), f.quad()) : f.quad();
                // Characters on a plate-coloured background are the likeliest plate of all; foliage
                // and mottled walls pass a colour mask in places but do not fill the plate with it.
                double share = colour ? proposer.colourShare(quad, r.colour()) : 0;
                double bonus = 0.25 * Math.max(0, Math.min(1, (share - 0.3) / 0.3));
                // A green plate whose characters did not stand apart is outlined by the loose stroke band;
                // its tight blob may outline it better (on a saturated plate) or worse (on one fading to
                // white): the reader reads both when the band's outline gives no sure reading.
                Point[] alternative = r.colour() == PlateColour.GREEN && r.tight() && !f.separated() ? r.quad() : null;
                found.add(new PlateCandidate(quad, r.colour(), f.score() + bonus, alternative));
                if (f.doubleRow() != null) {
                    // Five even characters on yellow may be a double-row plate's lower row: the reader
                    // decides between the two plates.
                    found.add(new PlateCandidate(f.doubleRow(), r.colour(), f.score() + bonus));
                }
            } else if (colour && r.tight()) {
                // Characters may be lost to blur or glare; a well-shaped colour region is still worth a look.
                found.add(new PlateCandidate(r.quad(), r.colour(), 0.2));
            }
        }
        found.sort(Comparator.comparingDouble((PlateCandidate c) -> -c.score()));
        List<PlateCandidate> out = new ArrayList<>();
        // Plates score 0.6 and more as a rule; far below the best region of the frame is clutter.
        double floor = found.isEmpty() ? 0 : Math.max(MIN_SCORE, found.get(0).score() * 0.4);
        for (PlateCandidate c : found) {
            if (out.size() >= MAX_CANDIDATES || c.score() < floor) {
                break;
            }
            // A double-row plate and the single-row one over its lower row overlap, and both are kept.
            if (out.stream().noneMatch(o -> overlap(o.quad(), c.quad()) > 0.5
                    && doubleRowShaped(o.quad()) == doubleRowShaped(c.quad()))) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Whether a tight blob narrower than a plate outlines one seen well off its axis (about 45°): the
     * character fit reaches 15 % or more off it (onto the car body), and the blob is no taller than
     * the character fit's plate allows.
     */
    static boolean yawedBlobOutlines(Point[] blob, Point[] text) {
        return aspect(blob) >= YAWED_ASPECT && outside(text, blob) >= 0.15
                && height(blob) <= YAWED_MAX_HEIGHT * height(text);
    }

    /** Mean length of a quad's left and right sides. */
    static double height(Point[] q) {
        return (Math.hypot(q[3].x - q[0].x, q[3].y - q[0].y) + Math.hypot(q[2].x - q[1].x, q[2].y - q[1].y)) / 2;
    }

    /** Whether a quad has a single-row plate's proportions (440 × 140 mm, seen up to about 35° off axis). */
    static boolean plateShaped(Point[] q) {
        double a = aspect(q);
        return a >= 2.5 && a <= 4.2;
    }

    /**
     * The blob's quad, its left or right end moved out to the character fit's where the fit reaches
     * beyond it into glare: a headlight or the lane's illuminator bleaches the plate's colour at one
     * end, and the colour blob stops short of its last characters. The fit's end counts only over
     * bright pixels (grey 200 and more on average), not over a car body.
     */
    private Point[] intoGlare(Point[] blob, Point[] text) {
        double ux = (blob[1].x - blob[0].x + blob[2].x - blob[3].x) / 2;
        double uy = (blob[1].y - blob[0].y + blob[2].y - blob[3].y) / 2;
        double length = Math.hypot(ux, uy);
        if (length < 1) {
            return blob;
        }
        ux /= length;
        uy /= length;
        // Ends along the blob's axis, from the middle of its left side.
        double ox = (blob[0].x + blob[3].x) / 2;
        double oy = (blob[0].y + blob[3].y) / 2;
        double textLeft = ((text[0].x + text[3].x) / 2 - ox) * ux + ((text[0].y + text[3].y) / 2 - oy) * uy;
        double textRight = ((text[1].x + text[2].x) / 2 - ox) * ux + ((text[1].y + text[2].y) / 2 - oy) * uy;
        double left = textLeft < -0.05 * length && bright(blob, textLeft, 0) ? textLeft : 0;
        double right = textRight > 1.05 * length && bright(blob, length, textRight) ? textRight - length : 0;
        if (left == 0 && right == 0) {
            return blob;
        }
        Point[] q = blob.clone();
        q[0] = new Point(blob[0].x + left * ux, blob[0].y + left * uy);
        q[3] = new Point(blob[3].x + left * ux, blob[3].y + left * uy);
        q[1] = new Point(blob[1].x + right * ux, blob[1].y + right * uy);
        q[2] = new Point(blob[2].x + right * ux, blob[2].y + right * uy);
        return q;
    }

    /** Whether the blob's middle band between {@code from} and {@code to} along its axis is bright (glare). */
    private boolean bright(Point[] blob, double from, double to) {
        double ux = (blob[1].x - blob[0].x + blob[2].x - blob[3].x) / 2;
        double uy = (blob[1].y - blob[0].y + blob[2].y - blob[3].y) / 2;
        double length = Math.hypot(ux, uy);
        double ox = (blob[0].x + blob[3].x) / 2;
        double oy = (blob[0].y + blob[3].y) / 2;
        double vx = (blob[3].x - blob[0].x + blob[2].x - blob[1].x) / 2;
        double vy = (blob[3].y - blob[0].y + blob[2].y - blob[1].y) / 2;
        double sum = 0;
        int n = 0;
        for (int i = 0; i <= 8; i++) {
            double t = (from + (to - from) * i / 8) / length;
            for (double across = -0.25; across <= 0.25; across += 0.125) {
                int x = (int) Math.round(ox + ux * t + vx * across);
                int y = (int) Math.round(oy + uy * t + vy * across);
                if (x >= 0 && y >= 0 && x < grey.cols() && y < grey.rows()) {
                    sum += grey.get(y, x)[0];
                    n++;
                }
            }
        }
        return n > 0 && sum / n >= 200;
    }

    /** Whether a quad is about as wide as a double-row plate (2:1) rather than a single-row one (3.1:1 or more). */
    static boolean doubleRowShaped(Point[] q) {
        return aspect(q) < 2.6;
    }

    /** Width over height of a quad, from the means of its opposite sides (0 when it has no height). */
    static double aspect(Point[] q) {
        double w = (Math.hypot(q[1].x - q[0].x, q[1].y - q[0].y) + Math.hypot(q[2].x - q[3].x, q[2].y - q[3].y)) / 2;
        double h = height(q);
        return h > 0 ? w / h : 0;
    }

    /** The share of quad {@code a}'s area that lies outside convex quad {@code b}. */
    static double outside(Point[] a, Point[] b) {
        MatOfPoint2f pa = new MatOfPoint2f(a);
        MatOfPoint2f pb = new MatOfPoint2f(b);
        MatOfPoint2f inter = new MatOfPoint2f();
        double i = Math.max(0, Imgproc.intersectConvexConvex(pa, pb, inter, true));
        double area = Math.abs(Imgproc.contourArea(pa));
        pa.release();
        pb.release();
        inter.release();
        return area <= 0 ? 0 : Math.max(0, 1 - i / area);
    }

    /**
     * At most {@link #MAX_REGIONS} regions, the likeliest first: plate-shaped colour blobs, other
     * colour blobs, then stroke blobs by how close they are to a plate's proportions. A frame full
     * of text (a billboard, a wall of signs) offers hundreds, and each costs a look at its characters.
     */
    private static List<RegionProposer.Region> likeliestFirst(List<RegionProposer.Region> regions) {
        if (regions.size() <= MAX_REGIONS) {
            return regions;
        }
        List<RegionProposer.Region> sorted = new ArrayList<>(regions);
        sorted.sort(Comparator.comparingDouble(PlateDetector::prior));
        return sorted.subList(0, MAX_REGIONS);
    }

    /** Lower is likelier. */
    private static double prior(RegionProposer.Region r) {
        double w = Math.max(r.rect().size.width, r.rect().size.height);
        double h = Math.max(1, Math.min(r.rect().size.width, r.rect().size.height));
        double shape = Math.abs(Math.log(w / h / 3.2));
        return r.colour() == PlateColour.UNKNOWN ? 2 + shape : r.tight() ? shape : 1 + shape;
    }

    /** Intersection over union of two convex quadrilaterals (also what the detection measurements use). */
    public static double overlap(Point[] a, Point[] b) {
        MatOfPoint2f pa = new MatOfPoint2f(a);
        MatOfPoint2f pb = new MatOfPoint2f(b);
        MatOfPoint2f inter = new MatOfPoint2f();
        double i = Imgproc.intersectConvexConvex(pa, pb, inter, true);
        double union = Math.abs(Imgproc.contourArea(pa)) + Math.abs(Imgproc.contourArea(pb)) - Math.max(0, i);
        pa.release();
        pb.release();
        inter.release();
        return union <= 0 || i <= 0 ? 0 : i / union;
    }

    /** Corners of a rotated rectangle, long side horizontal, scaled by {@code growW} along and {@code growH} across. */
    static Point[] corners(RotatedRect r, double growW, double growH) {
        double w = Math.max(r.size.width, r.size.height) * growW;
        double h = Math.min(r.size.width, r.size.height) * growH;
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
            p[i] = new Point(r.center.x + local[i][0] * cos - local[i][1] * sin,
                    r.center.y + local[i][0] * sin + local[i][1] * cos);
        }
        return p;
    }
}
