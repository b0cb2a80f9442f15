package io.parkgate.lpr.read;

import org.opencv.core.Mat;
import org.opencv.ml.ANN_MLP;

/**
 * The forward pass of a trained OpenCV ANN_MLP (symmetric sigmoid, alpha = beta = 1) in plain Java:
 * OpenCV's own predict spends most of its time on per-call set-up for single rows. Same numbers as
 * {@code ANN_MLP.predict} (checked by a test). Immutable after construction.
 */
final class MlpForward {

    private final double[] inScale;
    private final double[][][] layers;
    private final double[] outScale;

    MlpForward(ANN_MLP mlp) {
        Mat sizes = mlp.getLayerSizes();
        int count = sizes.rows();
        inScale = read(mlp.getWeights(0));
        layers = new double[count - 1][][];
        for (int l = 1; l < count; l++) {
            Mat w = mlp.getWeights(l);
            double[][] m = new double[w.rows()][w.cols()];
            for (int r = 0; r < w.rows(); r++) {
                w.get(r, 0, m[r]);
            }
            layers[l - 1] = m;
        }
        outScale = read(mlp.getWeights(count));
    }

    private static double[] read(Mat m) {
        double[] d = new double[(int) m.total()];
        m.get(0, 0, d);
        return d;
    }

    float[] predict(float[] x) {
        double[] a = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            a[j] = x[j] * inScale[2 * j] + inScale[2 * j + 1];
        }
        for (double[][] w : layers) {
            int n = w.length - 1;
            int m = w[0].length;
            double[] z = w[n].clone();
            for (int i = 0; i < n; i++) {
                double ai = a[i];
                if (ai == 0) {
                    continue;
                }
                double[] wi = w[i];
                for (int j = 0; j < m; j++) {
                    z[j] += ai * wi[j];
                }
            }
            for (int j = 0; j < m; j++) {
                double e = Math.exp(-z[j]);
                z[j] = (1 - e) / (1 + e);
            }
            a = z;
        }
        float[] out = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = (float) (a[j] * outScale[2 * j] + outScale[2 * j + 1]);
        }
        return out;
    }
}
