package io.parkgate.lpr.read;

import io.parkgate.plate.PlateColour;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Double-row plates (yellow, on trucks, buses and trailers; 440×220 mm, about 2:1): the top row
 * holds the province and the letter, the bottom row the other five characters. Joining the two rows
 * side by side gives a single-row picture the reader can read like any other plate.
 */
public final class DoubleRow {

    /** Width-to-height ratios of a view that may be double-row (2.0 exactly; single-row plates are 3.1 or more). */
    static final double MIN_ASPECT = 1.4;
    static final double MAX_ASPECT = 2.6;
    /** The joined view's size, that of the recogniser's rectified plates. */
    private static final Size JOINED = new Size(352, 112);

    private DoubleRow() {
    }

    /** Whether a plate view of this shape and colour may be double-row: about 2:1, yellow or unknown. */
    public static boolean mayBe(double aspect, PlateColour colour) {
        return aspect >= MIN_ASPECT && aspect <= MAX_ASPECT
                && (colour == PlateColour.YELLOW || colour == PlateColour.UNKNOWN);
    }

    /** The top row (middle 60 % of the width, upper 37 % of the height) left of the bottom row. */
    public static Mat join(Mat view) {
        int w = view.cols();
        int h = view.rows();
        Rect topRect = new Rect((int) Math.round(w * 0.2), 0, Math.max(1, (int) Math.round(w * 0.6)),
                Math.max(1, (int) Math.round(h * 0.37)));
        int y = (int) Math.round(h * 0.36);
        Rect bottomRect = new Rect(0, y, w, Math.max(1, h - y));
        Mat top = new Mat();
        Mat bottom = new Mat();
        // Two characters on the left, five on the right: widths in that proportion.
        int topWidth = (int) Math.round(JOINED.width * 2 / 7.0);
        Imgproc.resize(view.submat(topRect), top, new Size(topWidth, JOINED.height), 0, 0, Imgproc.INTER_LINEAR);
        Imgproc.resize(view.submat(bottomRect), bottom, new Size(JOINED.width - topWidth, JOINED.height), 0, 0,
                Imgproc.INTER_AREA);
        Mat joined = new Mat();
        Core.hconcat(List.of(top, bottom), joined);
        top.release();
        bottom.release();
        return joined;
    }
}
