package io.parkgate.lpr.synth;

import java.awt.geom.Point2D;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Light and motion a lane camera meets, applied to a rendered frame after the fact (the plate's
 * corners do not move): four by day and four by night, so a set can hold each equally often.
 */
public enum Condition {
    /** As rendered. */
    CLEAR(false),
    /**
     * The car still moving: a streak of 3–8 % of the plate's width along a near-horizontal line (the
     * streak and the plate both shrink with distance; a 200 px plate gets 6–16 px).
     */
    MOTION_BLUR(false),
    /** Low sun or another car's lights: a bright bloom overlapping a corner of the plate. */
    GLARE(false),
    /** Dusk under sodium or blue-white lamps: darker, with a colour cast. */
    DUSK(false),
    /** The renderer's night: dark scene, lit plate, headlights beside it. */
    NIGHT(true),
    /** Night through an infrared camera: grey, the plate's reflective background bright. */
    NIGHT_IR(true),
    /** Night with headlights flooding towards the plate (the bloom reaches over it). */
    NIGHT_GLARE(true),
    /** Night, a longer exposure and the car still moving: 5–11 % of the plate's width. */
    NIGHT_MOTION_BLUR(true);

    private final boolean night;

    Condition(boolean night) {
        this.night = night;
    }

    public boolean night() {
        return night;
    }

    /**
     * The frame (JPEG, as {@link SyntheticPlateRenderer#renderFrame} writes it) under this condition, as
     * JPEG again; the plate's corners {@code quad} place the glare. Deterministic for the random's state.
     */
    public byte[] apply(byte[] jpeg, Point2D[] quad, Random random) {
        if (this == CLEAR || this == NIGHT) {
            return jpeg;
        }
        Mat frame = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
        applyTo(frame, quad, random);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", frame, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 85));
        frame.release();
        return out.toArray();
    }

    /**
     * Spoils a BGR picture in place (the darkness of the night conditions is the caller's: the
     * renderer's night, or the training views' night light); the plate's corners {@code quad} place
     * the glare and scale the streak.
     */
    public void applyTo(Mat frame, Point2D[] quad, Random random) {
        double w = quad[0].distance(quad[1]);
        double cx = (quad[0].getX() + quad[2].getX()) / 2;
        double cy = (quad[0].getY() + quad[2].getY()) / 2;
        switch (this) {
            case MOTION_BLUR -> motionBlur(frame, streak(w, 0.03, 0.05, random), random.nextDouble() * 40 - 20);
            case NIGHT_MOTION_BLUR -> motionBlur(frame, streak(w, 0.05, 0.06, random), random.nextDouble() * 40 - 20);
            case GLARE, NIGHT_GLARE -> {
                double side = random.nextBoolean() ? 1 : -1;
                Point at = new Point(cx + side * w * (0.45 + random.nextDouble() * 0.35),
                        cy + (random.nextDouble() - 0.3) * w * 0.3);
                bloom(frame, at, w * (this == GLARE ? 0.35 : 0.5), this == GLARE ? 150 : 230);
            }
            case DUSK -> {
                boolean sodium = random.nextBoolean();
                double gain = 0.4 + random.nextDouble() * 0.2;
                Scalar cast = sodium ? new Scalar(gain * 0.7, gain * 0.95, gain * 1.25)
                        : new Scalar(gain * 1.25, gain * 1.05, gain * 0.8);
                Core.multiply(frame, cast, frame);
            }
            case NIGHT_IR -> {
                Mat grey = new Mat();
                Imgproc.cvtColor(frame, grey, Imgproc.COLOR_BGR2GRAY);
                Core.normalize(grey, grey, 0, 255, Core.NORM_MINMAX);
                Imgproc.cvtColor(grey, frame, Imgproc.COLOR_GRAY2BGR);
                grey.release();
            }
            default -> {
            }
        }
    }

    private static int streak(double plateWidth, double least, double more, Random random) {
        return Math.max(3, (int) Math.round(plateWidth * (least + more * random.nextDouble())));
    }

    private static void motionBlur(Mat frame, int length, double angleDeg) {
        Mat kernel = Mat.zeros(length, length, CvType.CV_32F);
        double a = Math.toRadians(angleDeg);
        double c = (length - 1) / 2.0;
        Imgproc.line(kernel, new Point(c - Math.cos(a) * c, c - Math.sin(a) * c),
                new Point(c + Math.cos(a) * c, c + Math.sin(a) * c), new Scalar(1), 1);
        Core.divide(kernel, Scalar.all(Math.max(1, Core.sumElems(kernel).val[0])), kernel);
        Imgproc.filter2D(frame, frame, -1, kernel);
        kernel.release();
    }

    /** Adds a Gaussian bloom of peak {@code peak} grey levels at {@code at}; saturates as a sensor does. */
    private static void bloom(Mat frame, Point at, double sigma, double peak) {
        Mat spot = Mat.zeros(frame.size(), CvType.CV_32F);
        Imgproc.circle(spot, at, (int) Math.max(2, sigma * 0.4), new Scalar(1), -1);
        Imgproc.GaussianBlur(spot, spot, new Size(0, 0), Math.max(1, sigma * 0.6));
        Core.MinMaxLocResult mm = Core.minMaxLoc(spot);
        Core.multiply(spot, Scalar.all(peak / Math.max(1e-6, mm.maxVal)), spot);
        Mat spot3 = new Mat();
        Core.merge(java.util.List.of(spot, spot, spot), spot3);
        Mat f = new Mat();
        frame.convertTo(f, CvType.CV_32FC3);
        Core.add(f, spot3, f);
        f.convertTo(frame, CvType.CV_8UC3);
        for (Mat m : new Mat[] {spot, spot3, f}) {
            m.release();
        }
    }
}
