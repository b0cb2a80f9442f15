package io.parkgate.lpr.read;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.HOGDescriptor;

/**
 * The feature vector of one character cell: a histogram of oriented gradients on a 16×32 window
 * plus an 8×16 contrast-normalised thumbnail. Not thread-safe (reuses buffers).
 */
public final class CharFeatures {

    static final Size WINDOW = new Size(16, 32);
    private static final Size THUMB = new Size(8, 16);

    private final HOGDescriptor hog = new HOGDescriptor(WINDOW, new Size(8, 8), new Size(4, 8), new Size(4, 4), 9);
    private final int hogLength = (int) hog.getDescriptorSize();
    private final Mat window = new Mat();
    private final Mat thumb = new Mat();
    private final MatOfFloat descriptor = new MatOfFloat();

    public int length() {
        return hogLength + (int) (THUMB.width * THUMB.height);
    }

    /** Writes the features of {@code cell} (8-bit grey, bright text) into row {@code row} of {@code out}. */
    public void compute(Mat cell, Mat out, int row) {
        Imgproc.resize(cell, window, WINDOW, 0, 0, Imgproc.INTER_AREA);
        Core.normalize(window, window, 0, 255, Core.NORM_MINMAX);
        hog.compute(window, descriptor);
        float[] f = new float[length()];
        descriptor.get(0, 0, f);
        Imgproc.resize(window, thumb, THUMB, 0, 0, Imgproc.INTER_AREA);
        byte[] t = new byte[(int) (THUMB.width * THUMB.height)];
        thumb.get(0, 0, t);
        for (int i = 0; i < t.length; i++) {
            f[hogLength + i] = (t[i] & 0xff) / 255f;
        }
        out.put(row, 0, f);
    }

    /** A one-row float matrix sized for these features. */
    public Mat newRow() {
        return new Mat(1, length(), CvType.CV_32F);
    }
}
