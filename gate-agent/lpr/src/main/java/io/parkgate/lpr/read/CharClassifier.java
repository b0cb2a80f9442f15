package io.parkgate.lpr.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.TermCriteria;
import org.opencv.ml.ANN_MLP;
import org.opencv.ml.Ml;
import org.opencv.ml.TrainData;

/**
 * One-character classifier: OpenCV's multi-layer perceptron over {@link CharFeatures}. Scores every
 * symbol of {@link PlateAlphabet}. Not thread-safe: one per reading thread.
 */
public final class CharClassifier {

    /** Classpath location of the trained model shipped in the jar. */
    public static final String RESOURCE = "/io/parkgate/lpr/model/chars-mlp.yml.gz";
    private static final int HIDDEN = 160;

    private final ANN_MLP mlp;
    private final MlpForward forward;
    private final CharFeatures features = new CharFeatures();
    private final Mat row = features.newRow();
    private final Mat out = new Mat();

    private CharClassifier(ANN_MLP mlp) {
        this.mlp = mlp;
        this.forward = new MlpForward(mlp);
        Mat layers = mlp.getLayerSizes();
        int outputs = (int) layers.get(layers.rows() - 1, 0)[0];
        int inputs = (int) layers.get(0, 0)[0];
        if (outputs != PlateAlphabet.size() || inputs != features.length()) {
            throw new IllegalStateException("model has " + inputs + " inputs and " + outputs + " outputs, expected "
                    + features.length() + " and " + PlateAlphabet.size() + ": retrain it (exec:java@train)");
        }
    }

    /** Loads the model from a file written by {@link #save}. */
    public static CharClassifier load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no model file " + file.toAbsolutePath());
        }
        ANN_MLP mlp = ANN_MLP.load(file.toString());
        if (mlp.empty()) {
            throw new IllegalStateException("model file " + file + " is not an OpenCV ANN_MLP");
        }
        return new CharClassifier(mlp);
    }

    /** Loads the model shipped on the classpath (copied to a temporary file: OpenCV reads files). */
    public static CharClassifier loadResource() {
        try (InputStream in = CharClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("model " + RESOURCE + " is not on the classpath: run exec:java@train");
            }
            Path tmp = Files.createTempFile("parkgate-lpr-", ".yml.gz");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return load(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read model " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Trains on a feature matrix (one row per cell) and class indices; {@code epochs} bounds the time. */
    public static CharClassifier train(Mat samples, int[] labels, int epochs) {
        Mat responses = Mat.zeros(labels.length, PlateAlphabet.size(), CvType.CV_32F);
        for (int i = 0; i < labels.length; i++) {
            responses.put(i, labels[i], 1f);
        }
        ANN_MLP mlp = ANN_MLP.create();
        Mat layers = new Mat(3, 1, CvType.CV_32S);
        layers.put(0, 0, samples.cols(), HIDDEN, PlateAlphabet.size());
        mlp.setLayerSizes(layers);
        mlp.setActivationFunction(ANN_MLP.SIGMOID_SYM, 1, 1);
        mlp.setTrainMethod(ANN_MLP.BACKPROP, 0.05, 0.1);
        mlp.setTermCriteria(new TermCriteria(TermCriteria.MAX_ITER + TermCriteria.EPS, epochs, 1e-5));
        mlp.train(TrainData.create(samples, Ml.ROW_SAMPLE, responses));
        responses.release();
        return new CharClassifier(mlp);
    }

    public void save(Path file) {
        mlp.save(file.toString());
    }

    /** Feature length the model expects. */
    public int featureLength() {
        return features.length();
    }

    /** Features of one cell into a row of a training matrix. */
    public void features(Mat cell, Mat into, int row) {
        features.compute(cell, into, row);
    }

    /** Raw output per symbol for one cell (bright characters, any size). */
    public float[] scores(Mat cell) {
        features.compute(cell, row, 0);
        float[] x = new float[row.cols()];
        row.get(0, 0, x);
        return forward.predict(x);
    }

    /** The same scores through OpenCV's own predict: the reference the Java forward pass is tested against. */
    float[] scoresByOpenCv(Mat cell) {
        features.compute(cell, row, 0);
        mlp.predict(row, out);
        float[] s = new float[PlateAlphabet.size()];
        out.get(0, 0, s);
        return s;
    }
}
