package io.parkgate.lpr.read;

import io.parkgate.plate.PlateColour;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Tells a plate's background colour from the hue and brightness of a rectified plate. */
public final class PlateColours {

    private PlateColours() {
    }

    /** The background colour of a rectified BGR plate; UNKNOWN for grey input. */
    public static PlateColour classify(Mat plateBgr) {
        if (plateBgr.channels() != 3 || plateBgr.empty()) {
            return PlateColour.UNKNOWN;
        }
        Mat hsv = new Mat();
        Imgproc.cvtColor(plateBgr, hsv, Imgproc.COLOR_BGR2HSV);
        int w = hsv.cols();
        int h = hsv.rows();
        byte[] px = new byte[w * h * 3];
        hsv.get(0, 0, px);
        hsv.release();
        int blue = 0;
        int yellow = 0;
        int green = 0;
        long value = 0;
        int n = 0;
        // The middle band without the frame: the background dominates it.
        for (int y = h / 8; y < h - h / 8; y++) {
            for (int x = w / 20; x < w - w / 20; x++) {
                int i = (y * w + x) * 3;
                int hue = px[i] & 0xff;
                int s = px[i + 1] & 0xff;
                int v = px[i + 2] & 0xff;
                n++;
                value += v;
                if (s < 45 || v < 35) {
                    continue;
                }
                if (hue >= 95 && hue <= 130) {
                    blue++;
                } else if (hue >= 10 && hue < 34) {
                    yellow++;
                } else if (hue >= 34 && hue < 95) {
                    green++;
                }
            }
        }
        if (n == 0) {
            return PlateColour.UNKNOWN;
        }
        int best = Math.max(blue, Math.max(yellow, green));
        if (best > n * 0.2) {
            return best == blue ? PlateColour.BLUE : best == yellow ? PlateColour.YELLOW : PlateColour.GREEN;
        }
        return value / n > 110 ? PlateColour.WHITE : PlateColour.BLACK;
    }

    /** Whether the plate's characters are lighter than its background. */
    public static boolean lightText(PlateColour colour) {
        return colour == PlateColour.BLUE || colour == PlateColour.BLACK;
    }
}
