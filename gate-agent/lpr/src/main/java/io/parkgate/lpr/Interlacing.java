package io.parkgate.lpr;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Interlaced frames from analogue cameras (PAL/NTSC through a video server): the odd rows were
 * captured a field (20 ms) after the even ones, so anything moving is combed, every other row
 * shifted sideways. Characters then fall apart into slivers the detector and reader never saw.
 * Stateless.
 */
final class Interlacing {

    /**
     * Combing above which a frame is taken as interlaced (the second look's reading may then replace
     * the first). Measured ({@link #combing}): lpr-dev photographs 0.41-0.54, rendered progressive
     * frames 0.31-1.00 (nine in ten under 0.67), the same frames through {@code synth.AnalogueVideo}
     * with 2, 4 and 6 px between the fields 0.57-0.88, 0.63-1.20 and 0.66-1.58.
     */
    static final double COMBED = 0.75;
    /** Combing above which a frame with nothing read surely is worth a second look at one field. */
    static final double MAYBE_COMBED = 0.6;

    static {
        OpenCvNative.load();
    }

    /** Vertical second differences: across neighbouring rows (two fields), and across rows two apart (one). */
    private static final Mat ACROSS_FIELDS = kernel(new float[] {0, -1, 2, -1, 0});
    private static final Mat WITHIN_FIELD = kernel(new float[] {-1, 0, 2, 0, -1});

    private Interlacing() {
    }

    /**
     * How much the frame's rows alternate (about 0.3-0.6 progressive, 0.6 and over combed): the sum
     * of |2·row(y) − row(y−1) − row(y+1)| over that of |2·row(y) − row(y−2) − row(y+2)|, on the green
     * channel at every fourth column; about 0.3 ms for 720×1160.
     */
    static double combing(Mat bgr) {
        if (bgr.rows() < 5 || bgr.cols() < 4 || bgr.depth() != CvType.CV_8U) {
            return 0;
        }
        // Every row (both fields, in turn) of the green channel at every fourth column, with OpenCV's
        // own filters: a fraction of a millisecond per frame.
        Mat green = new Mat();
        Core.extractChannel(bgr, green, Math.min(1, bgr.channels() - 1));
        Mat narrow = new Mat();
        Imgproc.resize(green, narrow, new Size(Math.max(1, bgr.cols() / 4), bgr.rows()), 0, 0, Imgproc.INTER_NEAREST);
        Mat second = new Mat();
        Imgproc.filter2D(narrow, second, CvType.CV_16S, ACROSS_FIELDS);
        double across = Core.norm(second, Core.NORM_L1);
        Imgproc.filter2D(narrow, second, CvType.CV_16S, WITHIN_FIELD);
        double within = Core.norm(second, Core.NORM_L1);
        green.release();
        narrow.release();
        second.release();
        return within <= 0 ? 0 : across / within;
    }

    private static Mat kernel(float[] column) {
        Mat k = new Mat(column.length, 1, CvType.CV_32F);
        k.put(0, 0, column);
        return k;
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
