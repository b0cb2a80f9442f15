package io.parkgate.lpr.read;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The plate view the convolutional reader sees: the rectified plate resized to 128×32 BGR.
 * Training data is written through the same method, so training and reading see the same pixels.
 */
public final class CnnInput {

    public static final int WIDTH = 128;
    public static final int HEIGHT = 32;

    private CnnInput() {
    }

    /** The plate (BGR or grey, any size) resized to {@link #WIDTH}×{@link #HEIGHT}, 8-bit BGR. */
    public static Mat resize(Mat plate) {
        Mat bgr = plate;
        if (plate.channels() == 1) {
            bgr = new Mat();
            Imgproc.cvtColor(plate, bgr, Imgproc.COLOR_GRAY2BGR);
        }
        Mat out = new Mat();
        // Area averaging when shrinking (no aliasing of thin strokes), linear when enlarging small crops.
        int interpolation = bgr.cols() >= WIDTH ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
        Imgproc.resize(bgr, out, new Size(WIDTH, HEIGHT), 0, 0, interpolation);
        if (bgr != plate) {
            bgr.release();
        }
        return out;
    }

    /** The resized plate's bytes, row by row, B G R per pixel (what the training script reads). */
    public static byte[] bytes(Mat plate) {
        Mat small = resize(plate);
        byte[] b = new byte[WIDTH * HEIGHT * 3];
        small.get(0, 0, b);
        small.release();
        return b;
    }
}
