package io.parkgate.lpr.read;

import io.parkgate.plate.PlateColour;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;

/**
 * Reads a rectified plate with a small convolutional network (trained by
 * {@code gate-agent/lpr/train/train_reader.py}, run by OpenCV's dnn module): the plate is resized to
 * {@link CnnInput}'s 128×32, the network scores blank and every symbol for each of 32 columns, and
 * {@link CtcDecoder} finds the most probable 7-character plate text, the most probable
 * 8-character new-energy one and, on plates that may be white, the most probable armed-police (WJ)
 * one; the likeliest wins. No character segmentation; the colour only rules out WJ. Not thread-safe
 * (an OpenCV {@code Net} is not): one per reading thread.
 */
public final class CnnPlateReader {

    /** Classpath location of the network shipped in the jar. */
    public static final String RESOURCE = "/io/parkgate/lpr/model/plate-reader.onnx";
    /**
     * Classpath location of the second network: the same one trained with the province glyphs drawn in five
     * faces instead of three, asked for its opinion of the province of a plate the first did not read surely.
     */
    public static final String PROVINCE_OPINION_RESOURCE = "/io/parkgate/lpr/model/plate-reader-five-faces.onnx";
    /** Network outputs per column: the CTC blank and every plate symbol. */
    static final int CLASSES = PlateAlphabet.size() + 1;

    private final Net net;
    private final CtcDecoder decoder = new CtcDecoder();
    /** Network passes run so far: what a frame costs, counted instead of timed. */
    private long passes;

    private CnnPlateReader(Net net) {
        this.net = net;
        net.setPreferableBackend(Dnn.DNN_BACKEND_OPENCV);
        net.setPreferableTarget(Dnn.DNN_TARGET_CPU);
        // One pass on a grey view: a network of another alphabet or input size fails here, at load.
        Mat probe = new Mat(CnnInput.HEIGHT, CnnInput.WIDTH, CvType.CV_8UC3, Scalar.all(128));
        double[][] p = columns(probe);
        probe.release();
        if (p[0].length != CLASSES) {
            throw new IllegalStateException("network scores " + p[0].length + " classes per column, expected " + CLASSES
                    + " (blank + PlateAlphabet): rebuild it with gate-agent/lpr/train/rebuild-model.sh");
        }
    }

    /** The network shipped on the classpath. */
    public static CnnPlateReader loadResource() {
        return loadResource(RESOURCE);
    }

    /** A network shipped on the classpath: {@link #RESOURCE} or {@link #PROVINCE_OPINION_RESOURCE}. */
    public static CnnPlateReader loadResource(String resource) {
        try (InputStream in = CnnPlateReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("network " + resource + " is not on the classpath");
            }
            return fromBytes(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** A network from an ONNX file written by the training script. */
    public static CnnPlateReader load(Path onnx) {
        try {
            return fromBytes(Files.readAllBytes(onnx), onnx.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read network file " + onnx.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static CnnPlateReader fromBytes(byte[] onnx, String name) {
        Net net;
        try {
            net = Dnn.readNetFromONNX(new MatOfByte(onnx));
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " is not an ONNX network OpenCV can run: " + e.getMessage(), e);
        }
        if (net.empty()) {
            throw new IllegalStateException(name + " is not an ONNX network OpenCV can run");
        }
        return new CnnPlateReader(net);
    }

    /**
     * Reads a plate view (BGR or grey, any size; loosely cut is fine) of unknown colour: the likeliest
     * of the best 7-character, 8-character new-energy and armed-police (WJ) readings.
     */
    public PlateRead read(Mat plate) {
        return read(plate, PlateColour.UNKNOWN);
    }

    /**
     * Reads a plate view whose background colour is known (or {@link PlateColour#UNKNOWN}): the
     * likeliest of the best 7-character and 8-character new-energy readings and, unless the plate is
     * blue, yellow or green (armed-police plates are white), the best armed-police (WJ) reading.
     */
    public PlateRead read(Mat plate, PlateColour colour) {
        double[][] p = columns(plate);
        CtcDecoder.Decoded seven = decoder.decode(p, 7);
        CtcDecoder.Decoded eight = decoder.decodeNewEnergy(p);
        CtcDecoder.Decoded best = eight != null && (seven == null || eight.logScore() > seven.logScore()) ? eight
                : seven;
        if (mayBeArmedPolice(colour)) {
            CtcDecoder.Decoded wj = decoder.decodeArmedPolice(p);
            if (wj != null && (best == null || wj.logScore() > best.logScore())) {
                best = wj;
            }
        }
        if (best == null) {
            return new PlateRead("", new double[0], 0, PlateLayout.SEVEN);
        }
        double logSum = 0;
        double min = 1;
        for (double c : best.charConfidence()) {
            logSum += Math.log(Math.max(c, 1e-6));
            min = Math.min(min, c);
        }
        // Geometric mean, capped so that one doubtful character keeps the whole plate doubtful.
        double confidence = Math.min(Math.exp(logSum / best.charConfidence().length), 0.5 + min / 2);
        return new PlateRead(best.text(), best.charConfidence(), confidence,
                PlateLayout.forLength(best.charConfidence().length));
    }

    /** Armed-police plates are white; at night or from a grey camera they may look black or colourless. */
    static boolean mayBeArmedPolice(PlateColour colour) {
        return colour != PlateColour.BLUE && colour != PlateColour.YELLOW && colour != PlateColour.GREEN;
    }

    /** How many times the network has run (the check at load included). */
    public long passes() {
        return passes;
    }

    /** Per-column class probabilities: {@code [column][class]}, class 0 the blank. */
    double[][] columns(Mat plate) {
        passes++;
        Mat small = CnnInput.resize(plate);
        Mat blob = Dnn.blobFromImage(small, 1.0, new Size(CnnInput.WIDTH, CnnInput.HEIGHT), new Scalar(0, 0, 0),
                false, false);
        net.setInput(blob);
        Mat out = net.forward();
        int total = (int) out.total();
        float[] scores = new float[total];
        Mat flat = out.reshape(1, 1);
        flat.get(0, 0, scores);
        int classes = out.size(1);
        int cols = total / classes;
        double[][] p = new double[cols][classes];
        for (int t = 0; t < cols; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, scores[c * cols + t]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[t][c] = Math.exp(scores[c * cols + t] - max);
                sum += p[t][c];
            }
            for (int c = 0; c < classes; c++) {
                p[t][c] /= sum;
            }
        }
        for (Mat m : new Mat[] {small, blob, out, flat}) {
            m.release();
        }
        return p;
    }
}
