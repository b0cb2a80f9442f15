package io.parkgate.lpr.read;

import io.parkgate.plate.PlateColour;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Tells a plate's background colour from the hue and brightness of a rectified plate. */
public final class PlateColours {

    private PlateColours() {
    }

    /** The background colour of a rectified BGR plate; UNKNOWN for grey input. */
    public static PlateColour classify(Mat plateBgr) {
        byte[] px = hsvPixels(plateBgr);
        if (px == null) {
            return PlateColour.UNKNOWN;
        }
        int w = plateBgr.cols();
        int h = plateBgr.rows();
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

    /**
     * For a plate told {@code told} (green or white) whose text says it is an ordinary blue or yellow
     * one: which of the two it is nearer. Told green, a cast has moved the background's hues into
     * green, and the background's side of green says which (cyan-green from blue, yellow-green from
     * yellow); told white, a cast has washed it out, and its faint hues say it. UNKNOWN when too few
     * pixels carry the evidence.
     */
    public static PlateColour blueOrYellow(Mat plateBgr, PlateColour told) {
        byte[] px = hsvPixels(plateBgr);
        if (px == null) {
            return PlateColour.UNKNOWN;
        }
        int w = plateBgr.cols();
        int h = plateBgr.rows();
        boolean green = told == PlateColour.GREEN;
        int blue = 0;
        int yellow = 0;
        int n = 0;
        for (int y = h / 8; y < h - h / 8; y++) {
            for (int x = w / 20; x < w - w / 20; x++) {
                int i = (y * w + x) * 3;
                int hue = px[i] & 0xff;
                int sat = px[i + 1] & 0xff;
                n++;
                if ((px[i + 2] & 0xff) < 35 || sat < (green ? 45 : 20)) {
                    continue;
                }
                if (green ? hue >= 65 && hue < 95 : hue >= 65 && hue <= 150) {
                    blue++;
                } else if (green ? hue >= 34 && hue < 65 : hue >= 5 && hue < 65) {
                    yellow++;
                }
            }
        }
        if (blue + yellow < n * 0.1) {
            return PlateColour.UNKNOWN;
        }
        return blue >= yellow ? PlateColour.BLUE : PlateColour.YELLOW;
    }

    /**
     * The colour a reading's text leaves possible (GA 36): WJ and 警 plates are white, eight
     * characters green (new energy), 学 and 挂 yellow, 港 澳 领 and embassy (使…) plates black; an
     * ordinary plate is blue or yellow, so a told green or white gives way to {@code blueOrYellow}
     * ({@link #blueOrYellow(Mat, PlateColour)} of the plate). Otherwise the told colour stands.
     */
    public static PlateColour consistent(String text, PlateColour told, PlateColour blueOrYellow) {
        List<String> chars = PlateAlphabet.split(text);
        if (chars.isEmpty()) {
            return told;
        }
        String last = chars.get(chars.size() - 1);
        if (PlateAlphabet.isArmedPolice(text) || "警".equals(last)) {
            return PlateColour.WHITE;
        }
        if (chars.size() == 8) {
            return PlateColour.GREEN;
        }
        if ("学".equals(last) || "挂".equals(last)) {
            return PlateColour.YELLOW;
        }
        if ("港".equals(last) || "澳".equals(last) || "领".equals(last) || text.startsWith(PlateAlphabet.EMBASSY)) {
            return PlateColour.BLACK;
        }
        if (told == PlateColour.GREEN || told == PlateColour.WHITE) {
            return blueOrYellow;
        }
        return told;
    }

    /** Whether the plate's characters are lighter than its background. */
    public static boolean lightText(PlateColour colour) {
        return colour == PlateColour.BLUE || colour == PlateColour.BLACK;
    }

    /** The plate's pixels as H, S, V bytes, row by row; null for grey or empty input. */
    private static byte[] hsvPixels(Mat plateBgr) {
        if (plateBgr.channels() != 3 || plateBgr.empty()) {
            return null;
        }
        Mat hsv = new Mat();
        Imgproc.cvtColor(plateBgr, hsv, Imgproc.COLOR_BGR2HSV);
        byte[] px = new byte[hsv.cols() * hsv.rows() * 3];
        hsv.get(0, 0, px);
        hsv.release();
        return px;
    }
}
