package io.parkgate.lpr;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Interlaced frames from analogue cameras (PAL/NTSC through a video server): the odd rows were
 * captured a field (20 ms) after the even ones, so anything moving is combed, every other row
 * shifted sideways. Characters then fall apart into slivers the detector and reader never saw.
 * Stateless.
 */
final class Interlacing {

    /**
     * Combing above which a frame is taken as interlaced. Measured on the vertical second
     * difference across neighbouring rows against that within one field (rows two apart):
     * progressive frames 0.31-0.92 (lpr-dev photographs 0.40-0.52, rendered frames up to 0.92),
     * the same frames interlaced with 4 px of motion 0.66-1.16.
     */
    static final double COMBED = 0.75;
    /** Combing above which a frame with nothing read is worth a second look at one field. */
    static final double MAYBE_COMBED = 0.6;

    private Interlacing() {
    }

    /**
     * How much the frame's rows alternate (about 0.3-0.6 progressive, 0.7 and over combed): the mean
     * of |2·row(y) − row(y−1) − row(y+1)| over that of |2·row(y) − row(y−2) − row(y+2)|.
     */
    static double combing(Mat bgr) {
        Mat grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        int w = grey.cols();
        int h = grey.rows();
        byte[] px = new byte[w * h];
        grey.get(0, 0, px);
        grey.release();
        double across = 0;
        double within = 0;
        // Every third row and fourth column: about a millisecond for 1280×720, on every frame.
        for (int y = 2; y + 2 < h; y += 3) {
            for (int x = 0; x < w; x += 4) {
                int v = 2 * (px[y * w + x] & 255);
                across += Math.abs(v - (px[(y - 1) * w + x] & 255) - (px[(y + 1) * w + x] & 255));
                within += Math.abs(v - (px[(y - 2) * w + x] & 255) - (px[(y + 2) * w + x] & 255));
            }
        }
        return within <= 0 ? 0 : across / within;
    }

    /**
     * The even field alone, its odd rows filled in from the rows above and below ("bob"): half the
     * vertical detail, no combing. A new matrix; {@code bgr} is left as it was.
     */
    static Mat oneField(Mat bgr) {
        Mat out = bgr.clone();
        for (int y = 1; y < out.rows(); y += 2) {
            Mat row = out.row(y);
            if (y + 1 < out.rows()) {
                Core.addWeighted(bgr.row(y - 1), 0.5, bgr.row(y + 1), 0.5, 0, row);
            } else {
                bgr.row(y - 1).copyTo(row);
            }
            row.release();
        }
        return out;
    }
}
