package io.parkgate.lpr.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A frame as an old analogue camera delivers it through a video server: PAL's 720×576, two
 * interlaced fields captured 20 ms apart (the odd rows show the car {@code motionPx} further
 * along), colour smeared sideways by the composite signal's narrow chroma band, sensor noise,
 * JPEG at quality 70. Stateless.
 */
public final class AnalogueVideo {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 576;

    private AnalogueVideo() {
    }

    /** {@code jpeg} (any size) as an analogue frame, the odd field moved {@code motionPx} to the right. */
    public static byte[] apply(byte[] jpeg, double motionPx, Random random) {
        Mat frame = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
        Mat pal = new Mat();
        Imgproc.resize(frame, pal, new Size(WIDTH, HEIGHT), 0, 0, Imgproc.INTER_AREA);
        frame.release();
        Mat later = new Mat();
        Mat shift = new Mat(2, 3, CvType.CV_64F);
        shift.put(0, 0, 1, 0, motionPx, 0, 1, 0);
        Imgproc.warpAffine(pal, later, shift, pal.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        for (int y = 1; y < HEIGHT; y += 2) {
            later.row(y).copyTo(pal.row(y));
        }
        Mat ycc = new Mat();
        Imgproc.cvtColor(pal, ycc, Imgproc.COLOR_BGR2YCrCb);
        List<Mat> channels = new ArrayList<>();
        Core.split(ycc, channels);
        for (int c = 1; c < 3; c++) {
            Imgproc.blur(channels.get(c), channels.get(c), new Size(9, 1));
        }
        Core.merge(channels, ycc);
        Imgproc.cvtColor(ycc, pal, Imgproc.COLOR_YCrCb2BGR);
        Mat noise = new Mat(pal.size(), CvType.CV_16SC3);
        Core.setRNGSeed(random.nextInt());
        Core.randn(noise, 0, 6);
        Mat wide = new Mat();
        pal.convertTo(wide, CvType.CV_16SC3);
        Core.add(wide, noise, wide);
        wide.convertTo(pal, CvType.CV_8UC3);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", pal, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 70));
        for (Mat m : new Mat[] {pal, later, shift, ycc, noise, wide}) {
            m.release();
        }
        channels.forEach(Mat::release);
        return out.toArray();
    }
}
