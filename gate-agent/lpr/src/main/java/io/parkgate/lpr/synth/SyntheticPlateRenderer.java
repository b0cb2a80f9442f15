package io.parkgate.lpr.synth;

import io.parkgate.lpr.OpenCvNative;
import io.parkgate.plate.PlateColour;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Renders synthetic plates and car-park frames with their ground truth, for training, tests and the
 * lane simulator. Deterministic for a seed. Thread-confined: one instance per thread.
 */
public final class SyntheticPlateRenderer {

    /** Frame size the lane cameras deliver. */
    public static final int FRAME_WIDTH = 1280;
    public static final int FRAME_HEIGHT = 720;

    private final Random random;
    private final PlateArtist artist;
    private final Degrader degrader;
    private final PlateTextGenerator texts;

    public SyntheticPlateRenderer(long seed) {
        this(seed, Typefaces.DEFAULT);
    }

    /** As {@link #SyntheticPlateRenderer(long)}, drawing plate characters in {@code faces}. */
    public SyntheticPlateRenderer(long seed, Typefaces faces) {
        OpenCvNative.load();
        this.random = new Random(seed);
        this.artist = new PlateArtist(random, faces);
        this.degrader = new Degrader(random);
        this.texts = new PlateTextGenerator(random);
    }

    /** Random plate texts and colours drawn from this renderer's seed. */
    public PlateTextGenerator texts() {
        return texts;
    }

    /** A clean plate, BGR, one pixel per millimetre (440×140, or 480×140 for 8 characters). */
    public Mat renderPlate(String text, PlateColour colour) {
        return mat(artist.draw(text, colour));
    }

    /** A drawn plate (3-byte BGR) as an OpenCV matrix. */
    static Mat mat(BufferedImage img) {
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Mat mat = new Mat(img.getHeight(), img.getWidth(), CvType.CV_8UC3);
        mat.put(0, 0, bgr);
        return mat;
    }

    /**
     * A plate as the detector would hand it over: slightly off-frame corners, then dirt, light, blur,
     * noise and JPEG, at the given size in pixels.
     */
    public Mat renderDegradedPlate(String text, PlateColour colour, Size size) {
        Mat clean = renderPlate(text, colour);
        double w = clean.cols();
        double h = clean.rows();
        double j = 0.035;
        Point[] src = {jitter(0, 0, w, h, j), jitter(w, 0, w, h, j), jitter(w, h, w, h, j), jitter(0, h, w, h, j)};
        degrader.dirt(clean, random.nextInt(3) == 0 ? random.nextDouble() : 0);
        if (random.nextInt(3) == 0) {
            degrader.shade(clean, 0.6);
        }
        Mat m = Imgproc.getPerspectiveTransform(new MatOfPoint2f(src), new MatOfPoint2f(
                new Point(0, 0), new Point(size.width, 0), new Point(size.width, size.height), new Point(0,
                        size.height)));
        // Render small first when the plate was far away, so resampling blurs it like a real camera.
        Mat out = new Mat();
        Imgproc.warpPerspective(clean, out, m, size, Imgproc.INTER_AREA, Core.BORDER_REPLICATE);
        if (random.nextInt(3) == 0) {
            Mat small = new Mat();
            double f = 0.4 + random.nextDouble() * 0.5;
            Imgproc.resize(out, small, new Size(), f, f, Imgproc.INTER_AREA);
            Imgproc.resize(small, out, size, 0, 0, Imgproc.INTER_LINEAR);
            small.release();
        }
        degrader.light(out, 0.5 + random.nextDouble() * 0.8, random.nextDouble() * 60 - 30);
        degrader.blur(out, random.nextDouble() * 1.1);
        degrader.noise(out, random.nextDouble() * 10);
        degrader.jpegRoundTrip(out, 40, 95);
        clean.release();
        m.release();
        return out;
    }

    /** A plausible random placement within the recogniser's spec (60–400 px, ±20°, day or night). */
    public Placement randomPlacement() {
        double width = 60 + Math.pow(random.nextDouble(), 1.5) * 340;
        double tilt = (random.nextDouble() * 2 - 1) * (random.nextInt(3) == 0 ? 20 : 8);
        double margin = width * 0.7;
        double cx = margin + random.nextDouble() * (FRAME_WIDTH - 2 * margin);
        double cy = 60 + width * 0.3 + random.nextDouble() * (FRAME_HEIGHT - 120 - width * 0.6);
        return new Placement(cx, cy, width, tilt, random.nextDouble() * 0.15, random.nextInt(4) == 0,
                random.nextInt(3) == 0 ? random.nextDouble() * 0.7 : 0, random.nextDouble() * 1.2,
                random.nextDouble() * 8);
    }

    /** A random plate in a random placement. */
    public SyntheticFrame randomFrame() {
        PlateColour colour = texts.colour();
        return renderFrame(texts.text(colour), colour, randomPlacement());
    }

    /** A 1280×720 car-park frame with one plate placed as asked, as JPEG, with its true corners. */
    public SyntheticFrame renderFrame(String text, PlateColour colour, Placement p) {
        return renderFrame(text, colour, p, false);
    }

    /**
     * As {@link #renderFrame}, with a double-row plate (440×220 mm: province and letter above, the
     * five others below, as on the rear of trucks, buses and trailers); {@code widthPx} is its width.
     */
    public SyntheticFrame renderDoubleRowFrame(String text, PlateColour colour, Placement p) {
        return renderFrame(text, colour, p, true);
    }

    /** A clean double-row plate, BGR, one pixel per millimetre (440×220). */
    public Mat renderDoubleRowPlate(String text, PlateColour colour) {
        return mat(artist.drawDoubleRow(text, colour));
    }

    private SyntheticFrame renderFrame(String text, PlateColour colour, Placement p, boolean doubleRow) {
        Mat frame = new Mat(FRAME_HEIGHT, FRAME_WIDTH, CvType.CV_8UC3);
        paintScene(frame, p);
        Mat plate = doubleRow ? renderDoubleRowPlate(text, colour) : renderPlate(text, colour);
        degrader.dirt(plate, p.dirt());
        double h = p.widthPx() * plate.rows() / plate.cols();
        double w = p.widthPx() * Math.cos(Math.toRadians(p.sideDeg()));
        double[][] local = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
        // Yaw: one side appears shorter, as a plate seen from the side.
        local[1][1] *= 1 - p.yaw();
        local[2][1] *= 1 - p.yaw();
        double a = Math.toRadians(p.tiltDeg());
        Point[] dst = new Point[4];
        Point2D[] quad = new Point2D[4];
        for (int i = 0; i < 4; i++) {
            double x = p.centreX() + local[i][0] * Math.cos(a) - local[i][1] * Math.sin(a);
            double y = p.centreY() + local[i][0] * Math.sin(a) + local[i][1] * Math.cos(a);
            dst[i] = new Point(x, y);
            quad[i] = new Point2D.Double(x, y);
        }
        Point[] src = {new Point(0, 0), new Point(plate.cols(), 0), new Point(plate.cols(), plate.rows()),
            new Point(0, plate.rows())};
        Mat m = Imgproc.getPerspectiveTransform(new MatOfPoint2f(src), new MatOfPoint2f(dst));
        Mat mask = new Mat(plate.size(), CvType.CV_8UC1, new Scalar(255));
        Mat warped = new Mat();
        Mat warpedMask = new Mat();
        Size fs = frame.size();
        Imgproc.warpPerspective(plate, warped, m, fs, Imgproc.INTER_AREA);
        Imgproc.warpPerspective(mask, warpedMask, m, fs, Imgproc.INTER_LINEAR);
        warped.copyTo(frame, warpedMask);
        if (p.night()) {
            degrader.light(frame, 0.25 + random.nextDouble() * 0.2, -10);
            // The plate is lit by the lane's illuminator; headlights glare beside it.
            Mat lit = new Mat();
            Core.multiply(warped, new Scalar(0.7, 0.7, 0.7), lit);
            lit.copyTo(frame, warpedMask);
            for (int s = -1; s <= 1; s += 2) {
                Imgproc.circle(frame, new Point(p.centreX() + s * w * 1.4, p.centreY() - h * 0.5), (int) (w * 0.25),
                        new Scalar(235, 245, 250), -1);
            }
            lit.release();
        } else {
            degrader.light(frame, 0.8 + random.nextDouble() * 0.4, random.nextDouble() * 40 - 20);
        }
        degrader.blur(frame, p.blurSigma());
        degrader.noise(frame, p.noise());
        byte[] jpeg = degrader.jpeg(frame, 60, 92);
        for (Mat mat : new Mat[] {frame, plate, mask, warped, warpedMask, m}) {
            mat.release();
        }
        return new SyntheticFrame(jpeg, text, colour, quad, p);
    }

    /** Ground, a car body around the plate, bumper and grille lines, some clutter. */
    private void paintScene(Mat frame, Placement p) {
        double g = 70 + random.nextInt(120);
        frame.setTo(new Scalar(g, g, g + random.nextInt(20)));
        for (int i = 0; i < 8; i++) {
            Scalar c = new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256));
            Point a = new Point(random.nextInt(FRAME_WIDTH), random.nextInt(FRAME_HEIGHT));
            Point b = new Point(a.x + random.nextInt(300) - 150, a.y + random.nextInt(200) - 100);
            Imgproc.rectangle(frame, a, b, c, random.nextBoolean() ? -1 : 2);
        }
        double w = p.widthPx();
        Scalar body = new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256));
        Imgproc.rectangle(frame, new Point(p.centreX() - w * 2.2, p.centreY() - w * 1.2),
                new Point(p.centreX() + w * 2.2, p.centreY() + w * 0.6), body, -1);
        Scalar dark = new Scalar(30, 30, 30);
        for (int i = 1; i <= 4; i++) {
            double y = p.centreY() - w * 0.25 - i * w * 0.12;
            Imgproc.line(frame, new Point(p.centreX() - w * 1.2, y), new Point(p.centreX() + w * 1.2, y), dark,
                    Math.max(1, (int) (w / 40)));
        }
        Imgproc.putText(frame, "P" + random.nextInt(100), new Point(40 + random.nextInt(900), 60 + random.nextInt(600)),
                Imgproc.FONT_HERSHEY_SIMPLEX, 1.5, new Scalar(250, 250, 250), 3);
    }

    private Point jitter(double x, double y, double w, double h, double amount) {
        return new Point(x + (random.nextDouble() * 2 - 1) * amount * w, y
                + (random.nextDouble() * 2 - 1) * amount * h * 1.5);
    }
}
