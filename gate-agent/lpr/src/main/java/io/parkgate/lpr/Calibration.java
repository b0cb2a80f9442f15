package io.parkgate.lpr;

import java.util.Arrays;

/**
 * Turns the reader's raw score of a plate reading into a calibrated confidence: about the share of
 * readings with that confidence that are exactly right, so 0.8 means "right four times in five"
 * and a lane's {@code minConfidence} means what it says. The raw score is the reader's whole-plate
 * confidence (geometric mean of its characters, capped by the weakest) times the second look's
 * agreement (the share of the three cuts' confidence behind the text); the map is piecewise linear
 * and non-decreasing, fitted by isotonic regression ({@code gate-agent/lpr/train/fit_calibration.py};
 * docs/lpr.md says on which readings and how reliable it was on the others).
 *
 * @param raw        knots of the raw score, increasing, 0 first and 1 last
 * @param calibrated the confidence at each knot, non-decreasing, 0..1
 */
public record Calibration(double[] raw, double[] calibrated) {

    /** No calibration: the raw score is reported. */
    public static final Calibration NONE = new Calibration(new double[] {0, 1}, new double[] {0, 1});

    /**
     * Fitted for the shipped network on 640 readings of synthetic frames (400 of {@code generate --seed 8},
     * 248 of {@code --kind balanced --seed 6}): a raw 0.42 was right about one time in three, 0.84 four in
     * five, 0.99 eleven in twelve, from 0.999 on all of them. Real photographs may differ (docs/lpr.md).
     */
    public static final Calibration SHIPPED = new Calibration(
            new double[] {0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.96, 0.98, 0.99, 1},
            new double[] {0, 0.008, 0.359, 0.43, 0.614, 0.749, 0.81, 0.848, 0.872, 0.895, 0.911, 0.917, 1});

    public Calibration {
        if (raw.length != calibrated.length || raw.length < 2 || raw[0] != 0 || raw[raw.length - 1] != 1) {
            throw new IllegalArgumentException("calibration knots must run from 0 to 1, one value each: "
                    + Arrays.toString(raw) + " -> " + Arrays.toString(calibrated));
        }
        for (int i = 1; i < raw.length; i++) {
            if (raw[i] <= raw[i - 1] || calibrated[i] < calibrated[i - 1] || calibrated[i] < 0 || calibrated[i] > 1) {
                throw new IllegalArgumentException("calibration must increase: " + Arrays.toString(raw) + " -> "
                        + Arrays.toString(calibrated));
            }
        }
        raw = raw.clone();
        calibrated = calibrated.clone();
    }

    /** The calibrated confidence of a raw score (clamped to 0..1). */
    public double apply(double score) {
        double s = Math.max(0, Math.min(1, score));
        for (int i = 1; i < raw.length; i++) {
            if (s <= raw[i]) {
                double f = (s - raw[i - 1]) / (raw[i] - raw[i - 1]);
                return calibrated[i - 1] + f * (calibrated[i] - calibrated[i - 1]);
            }
        }
        return calibrated[calibrated.length - 1];
    }
}
