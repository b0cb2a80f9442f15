package io.parkgate.lpr.tools;

import io.parkgate.lpr.PlateReading;
import io.parkgate.lpr.read.PlateAlphabet;
import java.awt.geom.Point2D;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Which classes an evaluated image belongs to, so a run can be broken down the way misses happen:
 * by province, plate colour, day or night, and plate width. From labels.tsv where it says
 * ({@code colour}, {@code light}, {@code quad}, a box {@code x1 … x2}); otherwise from what can be
 * told without it: the colour a plate text implies, the frame's brightness, a crop's own width.
 */
final class EvaluationClasses {

    /** Below this mean grey level (0–255) a frame without a {@code light} label counts as dark. */
    static final double DARK_MEAN = 70;

    /** The classes of one image. */
    record Of(String province, String colour, String light, String widthBand, String condition) {
    }

    private EvaluationClasses() {
    }

    static Of of(LabelledImages.Item item, byte[] bytes, boolean crop, Optional<PlateReading> read) {
        return new Of(province(item.plate()), colour(item), light(item, bytes), widthBand(item, bytes, crop, read),
                item.columns().getOrDefault("condition", ""));
    }

    static String province(String plate) {
        if (plate.isEmpty()) {
            return "(no label)";
        }
        if (PlateAlphabet.isArmedPolice(plate)) {
            return "WJ";
        }
        return PlateAlphabet.split(plate).get(0);
    }

    /** The labelled colour, else the colour the text implies (blue and yellow look alike in text). */
    static String colour(LabelledImages.Item item) {
        String labelled = item.columns().getOrDefault("colour", "");
        if (!labelled.isEmpty()) {
            return labelled;
        }
        String t = item.plate();
        List<String> chars = PlateAlphabet.split(t);
        if (chars.isEmpty()) {
            return "(no label)";
        }
        String last = chars.get(chars.size() - 1);
        if (PlateAlphabet.isArmedPolice(t) || "警".equals(last)) {
            return "WHITE (by text)";
        }
        if (chars.size() == 8) {
            return "GREEN (by text)";
        }
        if ("学".equals(last) || "挂".equals(last)) {
            return "YELLOW (by text)";
        }
        if ("港澳领".contains(last) || t.startsWith(PlateAlphabet.EMBASSY)) {
            return "BLACK (by text)";
        }
        return "BLUE or YELLOW";
    }

    /** The labelled light (day / night), else dark or light by the frame's mean grey level. */
    static String light(LabelledImages.Item item, byte[] bytes) {
        String labelled = item.columns().getOrDefault("light", "");
        if (!labelled.isEmpty()) {
            return labelled;
        }
        if (bytes == null) {
            return "(not decoded)";
        }
        Mat grey = decodeGrey(bytes, Imgcodecs.IMREAD_REDUCED_GRAYSCALE_4);
        if (grey == null) {
            return "(not decoded)";
        }
        double mean = Core.mean(grey).val[0];
        grey.release();
        return mean < DARK_MEAN ? "dark (mean grey < 70)" : "lit (mean grey >= 70)";
    }

    /**
     * The plate's width in pixels, banded: from the labelled corners or box, a crop's own width, or
     * failing those the width of what was read (so an unlabelled plate not found is "unknown").
     */
    static String widthBand(LabelledImages.Item item, byte[] bytes, boolean crop, Optional<PlateReading> read) {
        double w = labelledWidth(item);
        String source = "";
        if (Double.isNaN(w) && crop && bytes != null) {
            Mat m = decodeGrey(bytes, Imgcodecs.IMREAD_GRAYSCALE);
            if (m != null) {
                w = m.cols();
                m.release();
            }
        }
        if (Double.isNaN(w) && read.isPresent()) {
            w = width(read.get().quad());
            source = " (as read)";
        }
        if (Double.isNaN(w)) {
            return "unknown";
        }
        return band(w) + source;
    }

    static String band(double w) {
        if (w < 80) {
            return "a: < 80 px";
        }
        if (w < 120) {
            return "b: 80-119 px";
        }
        if (w < 200) {
            return "c: 120-199 px";
        }
        return "d: >= 200 px";
    }

    /** From {@code quad} ("x,y x,y x,y x,y", generated sets) or {@code x1}/{@code x2} (lpr-dev scenes), else NaN. */
    static double labelledWidth(LabelledImages.Item item) {
        try {
            String quad = item.columns().getOrDefault("quad", "");
            if (!quad.isEmpty()) {
                String[] pts = quad.trim().split("\\s+");
                Point2D[] q = new Point2D[pts.length];
                for (int i = 0; i < pts.length; i++) {
                    String[] xy = pts[i].split(",");
                    q[i] = new Point2D.Double(Double.parseDouble(xy[0]), Double.parseDouble(xy[1]));
                }
                return width(q);
            }
            String x1 = item.columns().getOrDefault("x1", "");
            String x2 = item.columns().getOrDefault("x2", "");
            if (!x1.isEmpty() && !x2.isEmpty()) {
                return Math.abs(Double.parseDouble(x2) - Double.parseDouble(x1));
            }
        } catch (RuntimeException e) {
            // A malformed label column: fall back as if it were absent.
        }
        return Double.NaN;
    }

    /** Horizontal extent of a quad. */
    private static double width(Point2D[] q) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Point2D p : q) {
            min = Math.min(min, p.getX());
            max = Math.max(max, p.getX());
        }
        return max - min;
    }

    private static Mat decodeGrey(byte[] bytes, int flag) {
        try {
            Mat m = Imgcodecs.imdecode(new MatOfByte(bytes), flag);
            if (m.empty()) {
                return null;
            }
            return m;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
