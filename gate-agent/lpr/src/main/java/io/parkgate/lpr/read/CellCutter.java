package io.parkgate.lpr.read;

import io.parkgate.plate.PlateColour;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns a rectified plate into the reader's normal form (layout-sized grey image, characters bright)
 * and cuts character cells from it. Training and reading share this so they see the same cells.
 */
public final class CellCutter {

    private CellCutter() {
    }

    /** The plate resized to the layout's pixel size, grey, with bright characters. */
    public static Mat normalise(Mat plateBgr, PlateLayout layout) {
        return normalise(plateBgr, layout, PlateColours.classify(plateBgr));
    }

    /** As {@link #normalise(Mat, PlateLayout)} with the colour already known (UNKNOWN: decide by contrast). */
    public static Mat normalise(Mat plateBgr, PlateLayout layout, PlateColour colour) {
        Mat resized = new Mat();
        Imgproc.resize(plateBgr, resized, new Size(layout.pixelWidth(), PlateLayout.pixelHeight()), 0, 0,
                Imgproc.INTER_AREA);
        Mat grey = new Mat();
        if (resized.channels() == 3) {
            Imgproc.cvtColor(resized, grey, Imgproc.COLOR_BGR2GRAY);
        } else {
            resized.copyTo(grey);
        }
        resized.release();
        // Only a chromatic background says the polarity for sure; white, black and washed-out plates go by contrast.
        boolean chromatic = colour == PlateColour.BLUE || colour == PlateColour.YELLOW || colour == PlateColour.GREEN;
        boolean dark = chromatic ? !PlateColours.lightText(colour) : darkText(grey);
        if (dark) {
            Core.bitwise_not(grey, grey);
        }
        return grey;
    }

    /**
     * Whether the characters are darker than the background: characters cover about a third of the
     * middle band, so the minority class after Otsu is the ink.
     */
    static boolean darkText(Mat grey) {
        int h = grey.rows();
        int w = grey.cols();
        Mat band = grey.submat(h / 4, h * 3 / 4, w / 10, w * 9 / 10);
        Mat bin = new Mat();
        Imgproc.threshold(band, bin, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
        double bright = Core.countNonZero(bin) / (double) (bin.rows() * bin.cols());
        bin.release();
        band.release();
        return bright > 0.5;
    }

    /** The text box of a normalised plate. */
    public static Rect textBox(Mat normalised, PlateLayout layout) {
        return TextBox.find(normalised, layout);
    }

    /**
     * Cell {@code i} of a normalised plate with text box {@code box}, moved by {@code dx} pixels and
     * widened by {@code grow} (fraction of the cell width on each side), clipped to the image.
     */
    public static Mat cell(Mat normalised, Rect box, PlateLayout layout, int i, double dx, double grow) {
        double span = layout.textEndMm() - layout.textStartMm();
        double scale = box.width / span;
        double x = box.x + (layout.leftMm(i) - layout.textStartMm()) * scale + dx;
        double cw = layout.charWidthMm(i) * scale;
        double x0 = x - cw * grow;
        double x1 = x + cw * (1 + grow);
        double y0 = box.y - box.height * 0.04;
        double y1 = box.y + box.height * 1.04;
        int ix0 = clamp((int) Math.floor(x0), 0, normalised.cols() - 1);
        int ix1 = clamp((int) Math.ceil(x1), ix0 + 1, normalised.cols());
        int iy0 = clamp((int) Math.floor(y0), 0, normalised.rows() - 1);
        int iy1 = clamp((int) Math.ceil(y1), iy0 + 1, normalised.rows());
        return normalised.submat(iy0, iy1, ix0, ix1);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
