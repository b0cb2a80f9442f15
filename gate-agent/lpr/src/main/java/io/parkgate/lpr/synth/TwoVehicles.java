package io.parkgate.lpr.synth;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

/** One picture of two vehicles: a region of one rendered frame pasted into another of the same size. */
public final class TwoVehicles {

    private TwoVehicles() {
    }

    /**
     * {@code near}'s picture with {@code region} taken from {@code far}'s (where the second vehicle's plate is),
     * encoded as a JPEG of {@code quality} (OpenCV's default is 95).
     */
    public static byte[] picture(SyntheticFrame near, SyntheticFrame far, Rect region, int quality) {
        Mat picture = Imgcodecs.imdecode(new MatOfByte(near.jpeg()), Imgcodecs.IMREAD_COLOR);
        Mat other = Imgcodecs.imdecode(new MatOfByte(far.jpeg()), Imgcodecs.IMREAD_COLOR);
        try {
            other.submat(region).copyTo(picture.submat(region));
            MatOfByte jpeg = new MatOfByte();
            Imgcodecs.imencode(".jpg", picture, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
            return jpeg.toArray();
        } finally {
            picture.release();
            other.release();
        }
    }
}
