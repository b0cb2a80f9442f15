package io.parkgate.lpr.read;

import io.parkgate.plate.PlateColour;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Reads a rectified plate: normalises it, finds the text box, tries small moves and stretches of
 * the layout over it and keeps the one the classifier is surest of, then refines each cell. Each
 * position may only hold the symbols a plate allows there. Not thread-safe.
 */
public final class PlateReader {

    /** Sharpness of the score-to-probability mapping. */
    private static final double SOFTMAX_GAIN = 6.0;
    private static final double[] CELL_SHIFTS = {0, -2, 2, -4, 4};
    /** Coarse then fine moves (pixels per 160 of text width) and stretches of the text box. */
    private static final double[][] STEPS = {{6, 0.06}, {3, 0.03}};
    /** Geometric-mean confidence below which a region is not worth aligning: not a plate. */
    public static final double MIN_ALIGN_CONFIDENCE = 0.2;

    private final CharClassifier classifier;
    private final List<String> symbols = PlateAlphabet.symbols();
    private final boolean[][][] allowed = new boolean[2][][];

    public PlateReader(CharClassifier classifier) {
        this.classifier = classifier;
        for (PlateLayout layout : PlateLayout.values()) {
            int n = layout.length();
            boolean[][] a = new boolean[n][symbols.size()];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < symbols.size(); k++) {
                    a[i][k] = PlateAlphabet.allowed(symbols.get(k), i, n);
                }
            }
            allowed[layout.ordinal()] = a;
        }
    }

    /** Reads {@code plate} (any size, BGR or grey) with the given layout, telling its colour itself. */
    public PlateRead read(Mat plate, PlateLayout layout) {
        return read(plate, layout, PlateColours.classify(plate));
    }

    /** Reads a plate of known colour (UNKNOWN: the polarity is decided by contrast). */
    public PlateRead read(Mat plate, PlateLayout layout, PlateColour colour) {
        return read(plate, layout, colour, MIN_ALIGN_CONFIDENCE);
    }

    /**
     * As {@link #read(Mat, PlateLayout, PlateColour)}, giving up early when the first look at the
     * characters is less confident than {@code minAlign} (0: always read to the end, for known plates).
     */
    public PlateRead read(Mat plate, PlateLayout layout, PlateColour colour, double minAlign) {
        Mat norm = CellCutter.normalise(plate, layout, colour);
        try {
            Rect box = align(norm, layout, null, minAlign);
            if (box == null) {
                return new PlateRead("", new double[0], 0, layout);
            }
            int n = layout.length();
            StringBuilder text = new StringBuilder();
            double[] conf = new double[n];
            double logSum = 0;
            double min = 1;
            for (int i = 0; i < n; i++) {
                int best = -1;
                double bestP = -1;
                for (double dx : CELL_SHIFTS) {
                    double[] p = cellProbabilities(norm, box, layout, i, dx * box.width / 160.0);
                    int k = argmax(p);
                    if (p[k] > bestP) {
                        bestP = p[k];
                        best = k;
                    }
                    if (bestP > 0.9) {
                        break;
                    }
                }
                text.append(symbols.get(best));
                conf[i] = bestP;
                logSum += Math.log(Math.max(bestP, 1e-6));
                min = Math.min(min, bestP);
            }
            double mean = Math.exp(logSum / n);
            return new PlateRead(text.toString(), conf, Math.min(mean, 0.5 + min / 2), layout);
        } finally {
            norm.release();
        }
    }

    /**
     * The text box hypothesis that explains the plate best: with {@code truth} null, the one whose
     * characters are most confidently read; with a truth (training), the one that reads it best.
     * Coarse to fine: the found and the nominal box, then moves and stretches of the better one.
     * Null when nothing on the region looks like characters (not a plate): reading stops early.
     */
    public Rect align(Mat norm, PlateLayout layout, List<String> truth) {
        return align(norm, layout, truth, MIN_ALIGN_CONFIDENCE);
    }

    private Rect align(Mat norm, PlateLayout layout, List<String> truth, double minAlign) {
        Rect found = CellCutter.textBox(norm, layout);
        Rect nominal = TextBox.nominal(norm.cols(), norm.rows(), layout);
        Rect best = found;
        double bestScore = score(norm, found, layout, truth);
        if (!nominal.equals(found)) {
            double s = score(norm, nominal, layout, truth);
            if (s > bestScore) {
                bestScore = s;
                best = nominal;
            }
        }
        if (truth == null && minAlign > 0 && bestScore / layout.length() < Math.log(minAlign)) {
            return null;
        }
        for (double[] step : STEPS) {
            Rect base = best;
            for (double scale : new double[] {1, 1 - step[1], 1 + step[1]}) {
                for (double shift : new double[] {0, -step[0], step[0]}) {
                    if (scale == 1 && shift == 0) {
                        continue;
                    }
                    int w = (int) Math.round(base.width * scale);
                    int x = (int) Math.round(base.x + (base.width - w) / 2.0 + shift * base.width / 160.0);
                    Rect r = new Rect(x, base.y, w, base.height);
                    double s = score(norm, r, layout, truth);
                    if (s > bestScore) {
                        bestScore = s;
                        best = r;
                    }
                }
            }
        }
        return best;
    }

    private double score(Mat norm, Rect r, PlateLayout layout, List<String> truth) {
        double score = 0;
        for (int i = 0; i < layout.length(); i++) {
            double[] p = cellProbabilities(norm, r, layout, i, 0);
            double q = truth == null ? p[argmax(p)] : p[Math.max(0, PlateAlphabet.indexOf(truth.get(i)))];
            score += Math.log(Math.max(q, 1e-6));
        }
        return score;
    }

    private double[] cellProbabilities(Mat norm, Rect box, PlateLayout layout, int i, double dx) {
        Mat cell = CellCutter.cell(norm, box, layout, i, dx, 0.06);
        float[] s = classifier.scores(cell);
        cell.release();
        return probabilities(s, allowed[layout.ordinal()][i]);
    }

    /** Softmax over the symbols allowed at this position; the others get zero. */
    private static double[] probabilities(float[] scores, boolean[] allowedHere) {
        double[] p = new double[scores.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < scores.length; k++) {
            if (allowedHere[k]) {
                max = Math.max(max, scores[k]);
            }
        }
        double sum = 0;
        for (int k = 0; k < scores.length; k++) {
            if (allowedHere[k]) {
                p[k] = Math.exp(SOFTMAX_GAIN * (scores[k] - max));
                sum += p[k];
            }
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
