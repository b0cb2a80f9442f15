package io.parkgate.lpr.synth;

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

/** The ways a camera spoils a picture: dirt, blur, noise, light and JPEG, each applied in place. */
final class Degrader {

    private final Random random;

    Degrader(Random random) {
        this.random = random;
    }

    /** Brown-grey blotches and streaks, {@code amount} 0..1, sized relative to the image. */
    void dirt(Mat img, double amount) {
        if (amount <= 0) {
            return;
        }
        int blobs = (int) Math.round(amount * 12);
        Mat overlay = img.clone();
        for (int i = 0; i < blobs; i++) {
            Point c = new Point(random.nextDouble() * img.cols(), random.nextDouble() * img.rows());
            Size axes = new Size(img.cols() * (0.01 + random.nextDouble() * 0.06),
                    img.rows() * (0.03 + random.nextDouble() * 0.15));
            double grey = 60 + random.nextDouble() * 80;
            Imgproc.ellipse(overlay, c, axes, random.nextDouble() * 180, 0, 360,
                    new Scalar(grey * 0.8, grey * 0.95, grey), -1);
        }
        Imgproc.GaussianBlur(overlay, overlay, new Size(0, 0), Math.max(1, img.cols() / 150.0));
        double alpha = 0.25 + 0.35 * amount;
        Core.addWeighted(img, 1 - alpha, overlay, alpha, 0, img);
        overlay.release();
    }

    void blur(Mat img, double sigma) {
        if (sigma > 0.2) {
            Imgproc.GaussianBlur(img, img, new Size(0, 0), sigma);
        }
    }

    void noise(Mat img, double sigma) {
        if (sigma <= 0) {
            return;
        }
        Mat n = new Mat(img.size(), CvType.CV_16SC3);
        // OpenCV's generator is per thread; seeding it from ours keeps a renderer deterministic.
        Core.setRNGSeed(random.nextInt());
        Core.randn(n, 0, sigma);
        Mat wide = new Mat();
        img.convertTo(wide, CvType.CV_16SC3);
        Core.add(wide, n, wide);
        wide.convertTo(img, CvType.CV_8UC3);
        n.release();
        wide.release();
    }

    /** Contrast gain and brightness offset, e.g. 0.4, -10 for dusk. */
    void light(Mat img, double gain, double offset) {
        img.convertTo(img, -1, gain, offset);
    }

    /** A horizontal brightness gradient as low sun or a lamp gives. */
    void shade(Mat img, double strength) {
        Mat ramp = new Mat(img.size(), CvType.CV_32FC3);
        double a = 1 - strength * random.nextDouble();
        double b = 1 - strength * random.nextDouble();
        for (int x = 0; x < img.cols(); x++) {
            double f = a + (b - a) * x / Math.max(1, img.cols() - 1);
            Imgproc.line(ramp, new Point(x, 0), new Point(x, img.rows()), new Scalar(f, f, f));
        }
        Mat f32 = new Mat();
        img.convertTo(f32, CvType.CV_32FC3);
        Core.multiply(f32, ramp, f32);
        f32.convertTo(img, CvType.CV_8UC3);
        ramp.release();
        f32.release();
    }

    /** Encodes at a random quality in [lo, hi] and returns the bytes. */
    byte[] jpeg(Mat img, int lo, int hi) {
        MatOfByte out = new MatOfByte();
        int quality = lo + random.nextInt(Math.max(1, hi - lo + 1));
        Imgcodecs.imencode(".jpg", img, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
        byte[] bytes = out.toArray();
        out.release();
        return bytes;
    }

    /** A JPEG round trip, so training images carry the same block artefacts as camera frames. */
    void jpegRoundTrip(Mat img, int lo, int hi) {
        byte[] bytes = jpeg(img, lo, hi);
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_COLOR);
        decoded.copyTo(img);
        decoded.release();
    }
}
