package io.parkgate.lpr.synth;

import io.parkgate.lpr.OpenCvNative;
import io.parkgate.lpr.read.PlateAlphabet;
import io.parkgate.lpr.read.PlateLayout;
import io.parkgate.plate.PlateColour;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Plate views for training the reader, cut the way the recogniser cuts them at run time: a plate
 * placed small on a car body, spoiled like a camera frame, then rectified from a quad that is
 * looser or tighter than the plate and slightly misplaced (the detector's views are never exact).
 * Also jittered copies of real crops, optionally with a synthetic province glyph pasted in, so the
 * model does not learn that real-looking plates start with one province. Deterministic for a seed.
 */
public final class TrainingViews {

    /** The rectified view size the recogniser hands to the reader. */
    public static final Size VIEW = new Size(352, 112);
    /** Where the province glyph ends on a 440 mm plate (the letter starts at 72.5 mm). */
    private static final double PROVINCE_END = 70.0 / 440;

    private final Random random;
    private final PlateArtist artist;
    private final Degrader degrader;
    private final PlateTextGenerator texts;

    public TrainingViews(long seed) {
        this(seed, Typefaces.DEFAULT);
    }

    /** As {@link #TrainingViews(long)}, drawing plate characters in {@code faces}. */
    public TrainingViews(long seed, Typefaces faces) {
        OpenCvNative.load();
        this.random = new Random(seed);
        this.artist = new PlateArtist(random, faces);
        this.degrader = new Degrader(random);
        this.texts = new PlateTextGenerator(random);
    }

    public PlateTextGenerator texts() {
        return texts;
    }

    /** A synthetic plate as the recogniser would rectify it out of a frame, BGR at {@link #VIEW}. */
    public Mat syntheticView(String text, PlateColour colour) {
        return view(draw(text, colour), VIEW, null);
    }

    /**
     * As {@link #syntheticView(String, PlateColour)}, the plate seen under a {@link Condition} (motion
     * blur, glare, dusk cast, infrared; the night ones in night light), for training the reader on
     * what a lane camera meets besides daylight.
     */
    public Mat syntheticView(String text, PlateColour colour, Condition condition) {
        return view(draw(text, colour), VIEW, condition);
    }

    /**
     * A synthetic double-row plate (7 characters) as the recogniser would rectify it out of a frame,
     * at 224×112 (its 2:1 proportions); {@link io.parkgate.lpr.read.DoubleRow#join} makes it readable.
     */
    public Mat doubleRowView(String text, PlateColour colour) {
        return view(mat(artist.drawDoubleRow(text, colour)), new Size(224, 112), null);
    }

    /** The plate placed on a car body, spoiled, and cut out again by a slightly wrong quad; releases {@code plate}. */
    private Mat view(Mat plate, Size viewSize, Condition condition) {
        degrader.dirt(plate, random.nextInt(3) == 0 ? random.nextDouble() : 0);
        if (random.nextInt(3) == 0) {
            degrader.shade(plate, 0.6);
        }
        double w = 55 + Math.pow(random.nextDouble(), 1.3) * 265;
        double h = w * plate.rows() / plate.cols();
        int cw = (int) Math.ceil(w * 2);
        int ch = (int) Math.ceil(h * 4);
        Mat canvas = new Mat(ch, cw, CvType.CV_8UC3);
        paintBody(canvas, w, h);
        Point[] truth = shear(quad(cw / 2.0, ch / 2.0, w, h, random.nextDouble() * 8 - 4, random.nextDouble() * 0.08),
                randomShear() * h);
        Mat m = Imgproc.getPerspectiveTransform(corners(plate.cols(), plate.rows()), new MatOfPoint2f(truth));
        Mat mask = new Mat(plate.size(), CvType.CV_8UC1, new Scalar(255));
        Mat warped = new Mat();
        Mat warpedMask = new Mat();
        Imgproc.warpPerspective(plate, warped, m, canvas.size(), Imgproc.INTER_AREA);
        Imgproc.warpPerspective(mask, warpedMask, m, canvas.size(), Imgproc.INTER_LINEAR);
        warped.copyTo(canvas, warpedMask);
        boolean night = random.nextInt(5) == 0;
        if (condition != null) {
            night = condition.night();
        }
        degrader.light(canvas, night ? 0.3 + random.nextDouble() * 0.4 : 0.6 + random.nextDouble() * 0.7,
                random.nextDouble() * 60 - (night ? 40 : 30));
        if (condition != null) {
            java.awt.geom.Point2D[] plateQuad = new java.awt.geom.Point2D[4];
            for (int i = 0; i < 4; i++) {
                plateQuad[i] = new java.awt.geom.Point2D.Double(truth[i].x, truth[i].y);
            }
            condition.applyTo(canvas, plateQuad, random);
        }
        degrader.blur(canvas, random.nextDouble() * (w < 100 ? 0.9 : 1.4));
        degrader.noise(canvas, random.nextDouble() * 9);
        degrader.jpegRoundTrip(canvas, 40, 95);
        // The detector's quad: a little loose or tight, off-centre, slightly turned.
        double sx = 0.92 + random.nextDouble() * 0.3;
        double sy = 0.75 + random.nextDouble() * 0.8;
        double dx = (random.nextDouble() * 2 - 1) * 0.05 * w;
        double dy = (random.nextDouble() * 2 - 1) * 0.10 * h;
        double rot = random.nextDouble() * 5 - 2.5;
        Point[] cut = quad(cw / 2.0 + dx, ch / 2.0 + dy, w * sx, h * sy, rot, 0);
        for (Point p : cut) {
            p.x += (random.nextDouble() * 2 - 1) * 0.015 * w;
            p.y += (random.nextDouble() * 2 - 1) * 0.04 * h;
        }
        Mat view = rectify(canvas, cut, viewSize);
        for (Mat x : new Mat[] {plate, canvas, m, mask, warped, warpedMask}) {
            x.release();
        }
        return view;
    }

    /**
     * A jittered copy of a real plate crop: rectified from a slightly moved and scaled quad, with
     * light, blur and noise changes. {@code province} non-null (blue 7-character crops only) pastes
     * a synthetic glyph of that province over the crop's first character.
     */
    public Mat realView(Mat crop, String text, String province) {
        Mat src = crop.clone();
        if (province != null) {
            pasteProvince(src, province + text.substring(text.offsetByCodePoints(0, 1)));
        }
        double w = src.cols();
        double h = src.rows();
        double sx = 0.94 + random.nextDouble() * 0.16;
        double sy = 0.9 + random.nextDouble() * 0.35;
        Point[] cut = shear(quad(w / 2 + (random.nextDouble() * 2 - 1) * 0.03 * w,
                h / 2 + (random.nextDouble() * 2 - 1) * 0.06 * h, w * sx, h * sy, random.nextDouble() * 4 - 2, 0),
                randomShear() * h);
        Mat view = rectify(src, cut, VIEW);
        degrader.light(view, 0.65 + random.nextDouble() * 0.6, random.nextDouble() * 50 - 25);
        if (random.nextInt(3) == 0) {
            degrader.blur(view, random.nextDouble() * 2.5);
        }
        degrader.noise(view, random.nextDouble() * 8);
        src.release();
        return view;
    }

    /** The real crop's province region replaced by a synthetic one of the same brightness and contrast. */
    void pasteProvince(Mat crop, String text) {
        Mat clean = draw(text, PlateColour.BLUE);
        Mat small = new Mat();
        Imgproc.resize(clean, small, crop.size(), 0, 0, Imgproc.INTER_AREA);
        degrader.blur(small, 0.5 + random.nextDouble() * 0.6);
        int end = (int) Math.round(crop.cols() * PROVINCE_END);
        Rect r = new Rect(0, 0, end, crop.rows());
        Mat dst = crop.submat(r);
        Mat patch = small.submat(r);
        Stats target = Stats.of(dst);
        Stats from = Stats.of(patch);
        Mat f = new Mat();
        patch.convertTo(f, CvType.CV_32FC3);
        Core.subtract(f, from.mean, f);
        Core.multiply(f, new Scalar(ratio(target, from, 0), ratio(target, from, 1), ratio(target, from, 2)), f);
        Core.add(f, target.mean, f);
        f.convertTo(dst, CvType.CV_8UC3);
        for (Mat x : new Mat[] {clean, small, f}) {
            x.release();
        }
    }

    private static double ratio(Stats to, Stats from, int c) {
        return to.std.val[c] / Math.max(1, from.std.val[c]);
    }

    /** Per-channel mean and standard deviation of an image region. */
    private record Stats(Scalar mean, Scalar std) {
        static Stats of(Mat m) {
            MatOfDouble mean = new MatOfDouble();
            MatOfDouble std = new MatOfDouble();
            Core.meanStdDev(m, mean, std);
            double[] a = mean.toArray();
            double[] b = std.toArray();
            return new Stats(new Scalar(a[0], a[1], a[2]), new Scalar(b[0], b[1], b[2]));
        }
    }

    /**
     * A synthetic plate whose province glyph is a real one: the first character of a real blue crop
     * ({@code realCrop}, whose plate begins with the province {@code text} begins with) is cut out, its
     * brightness taken as the ink's cover, and painted in this plate's ink over an empty first box. The
     * reader so sees the real plate typeface's provinces on every colour, size and light, not only on the
     * blue crops it came from (drawn provinces use the installed fonts, which the real typeface is not).
     */
    public Mat realGlyphView(String text, PlateColour colour, Mat realCrop) {
        Mat plate = mat(artist.draw(text, colour, false));
        paintRealProvince(plate, PlateLayout.forLength(PlateAlphabet.split(text).size()), realCrop,
                PlateArtist.ink(colour));
        return view(plate, VIEW, null);
    }

    /**
     * The crop's province region (in a tight crop of a 440 mm plate: 6.6–68 mm across, 11–129 mm down)
     * scaled onto the same region around the plate's first box; the crop's grey level, stretched between
     * its median and 97th percentile there (strokes cover about a fifth of it, so the median is background)
     * and bent by a random gamma (thinner or bolder strokes), is how much ink covers each pixel.
     */
    void paintRealProvince(Mat plate, PlateLayout layout, Mat realCrop, Color ink) {
        double cw = realCrop.cols();
        double chh = realCrop.rows();
        Rect from = new Rect((int) Math.round(cw * 6.6 / 440), (int) Math.round(chh * 0.08),
                (int) Math.round(cw * (68.0 - 6.6) / 440), (int) Math.round(chh * 0.84));
        Mat grey = new Mat();
        Imgproc.cvtColor(realCrop.submat(from), grey, Imgproc.COLOR_BGR2GRAY);
        byte[] px = new byte[(int) grey.total()];
        grey.get(0, 0, px);
        int[] sorted = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            sorted[i] = px[i] & 0xff;
        }
        Arrays.sort(sorted);
        double lo = sorted[sorted.length / 2];
        double hi = Math.max(lo + 1, sorted[(int) (sorted.length * 0.97)]);
        double gamma = 0.7 + random.nextDouble() * 0.7;
        double left = layout.leftMm(0);
        double scale = 0.95 + random.nextDouble() * 0.1;
        double x0 = Math.max(0, left - 8.9 * scale + (random.nextDouble() * 2 - 1) * 2);
        double x1 = Math.min(plate.cols(), left + layout.charWidthMm(0) + 7.5 * scale);
        double y0 = Math.max(0, 11.2 + (1 - scale) * 60);
        double y1 = Math.min(plate.rows(), 128.8 - (1 - scale) * 60);
        Rect to = new Rect((int) x0, (int) y0, (int) (x1 - x0), (int) (y1 - y0));
        Mat cover = new Mat();
        Imgproc.resize(grey, cover, to.size(), 0, 0, Imgproc.INTER_CUBIC);
        byte[] c = new byte[(int) cover.total()];
        cover.get(0, 0, c);
        Mat region = plate.submat(to);
        byte[] bgr = new byte[(int) region.total() * 3];
        region.get(0, 0, bgr);
        double[] inkBgr = {ink.getBlue(), ink.getGreen(), ink.getRed()};
        for (int i = 0; i < c.length; i++) {
            double a = Math.pow(Math.min(1, Math.max(0, ((c[i] & 0xff) - lo) / (hi - lo))), gamma);
            for (int k = 0; k < 3; k++) {
                int v = bgr[i * 3 + k] & 0xff;
                bgr[i * 3 + k] = (byte) Math.round(v + (inkBgr[k] - v) * a);
            }
        }
        region.put(0, 0, bgr);
        grey.release();
        cover.release();
    }

    /** A random province character. */
    public String province() {
        int[] cps = PlateAlphabet.PROVINCES.codePoints().toArray();
        return new String(Character.toChars(cps[random.nextInt(cps.length)]));
    }

    /** A random index below {@code n}. */
    public int index(int n) {
        return random.nextInt(n);
    }

    /** Draws with probability {@code p}. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private Mat draw(String text, PlateColour colour) {
        return mat(artist.draw(text, colour));
    }

    private static Mat mat(BufferedImage img) {
        return SyntheticPlateRenderer.mat(img);
    }

    /** A car body behind the plate: one paint colour, a bumper edge, a dark grille or number-plate recess. */
    private void paintBody(Mat canvas, double w, double h) {
        Scalar body = new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256));
        canvas.setTo(body);
        int cx = canvas.cols() / 2;
        int cy = canvas.rows() / 2;
        if (random.nextBoolean()) {
            double g = random.nextInt(60);
            Imgproc.rectangle(canvas, new Point(cx - w * 0.62, cy - h * 0.75), new Point(cx + w * 0.62, cy + h * 0.75),
                    new Scalar(g, g, g), -1);
        }
        for (int i = 0; i < 3; i++) {
            double y = cy + (random.nextBoolean() ? -1 : 1) * h * (0.8 + random.nextDouble());
            double g = random.nextInt(256);
            Imgproc.line(canvas, new Point(0, y), new Point(canvas.cols(), y), new Scalar(g, g, g),
                    Math.max(1, (int) (h / 12)));
        }
    }

    /**
     * A camera above and beside the lane sees the plate's sides slanted while its top and bottom stay
     * level (the CCPD photographs show up to a quarter of the plate's height): one view in three is
     * sheared by up to 0.3 of its height, so the reader learns leaning characters too.
     */
    private double randomShear() {
        return random.nextInt(3) == 0 ? (random.nextDouble() * 2 - 1) * 0.3 : 0;
    }

    /** The quad with its top edge moved {@code offset / 2} right and its bottom edge as far left. */
    private static Point[] shear(Point[] q, double offset) {
        q[0].x += offset / 2;
        q[1].x += offset / 2;
        q[2].x -= offset / 2;
        q[3].x -= offset / 2;
        return q;
    }

    private static Point[] quad(double cx, double cy, double w, double h, double deg, double yaw) {
        double[][] local = {{-w / 2, -h / 2}, {w / 2, -h / 2 * (1 - yaw)}, {w / 2, h / 2 * (1 - yaw)}, {-w / 2, h / 2}};
        double a = Math.toRadians(deg);
        Point[] out = new Point[4];
        for (int i = 0; i < 4; i++) {
            out[i] = new Point(cx + local[i][0] * Math.cos(a) - local[i][1] * Math.sin(a),
                    cy + local[i][0] * Math.sin(a) + local[i][1] * Math.cos(a));
        }
        return out;
    }

    private static MatOfPoint2f corners(double w, double h) {
        return new MatOfPoint2f(new Point(0, 0), new Point(w, 0), new Point(w, h), new Point(0, h));
    }

    private static Mat rectify(Mat img, Point[] quad, Size size) {
        Mat m = Imgproc.getPerspectiveTransform(new MatOfPoint2f(quad), corners(size.width, size.height));
        Mat out = new Mat();
        Imgproc.warpPerspective(img, out, m, size, Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        m.release();
        return out;
    }
}
