package io.parkgate.lpr.tools;

import io.parkgate.lpr.OpenCvNative;
import io.parkgate.lpr.read.CellCutter;
import io.parkgate.lpr.read.CharClassifier;
import io.parkgate.lpr.read.CharFeatures;
import io.parkgate.lpr.read.PlateAlphabet;
import io.parkgate.lpr.read.PlateColours;
import io.parkgate.lpr.read.PlateLayout;
import io.parkgate.lpr.read.PlateRead;
import io.parkgate.lpr.read.PlateReader;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.plate.PlateColour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Trains the character model from synthetic plates and the training part of lpr-dev's crops, on one
 * thread, and writes it where the jar picks it up. Prints accuracy on the held-out crops.
 * {@code mvn -q -pl gate-agent/lpr compile exec:java@train [-Dexec.args="--synthetic 5000 --epochs 20"]}.
 */
public final class Train {

    private static final String USAGE = "usage: Train [--synthetic 5000] [--real-repeats 3] [--epochs 20] [--seed 1]"
            + " [--dev DIR] [--out FILE]";

    private final int seed;
    private final Random random;
    private final List<float[]> rows = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final CharFeatures featureSource;
    private final Mat row;

    private Train(long seed, CharFeatures featureSource) {
        this.seed = (int) seed;
        this.random = new Random(seed);
        this.featureSource = featureSource;
        this.row = featureSource.newRow();
    }

    public static void main(String[] argv) throws IOException {
        Args args;
        try {
            args = new Args(argv, Map.of("synthetic", "5000", "real-repeats", "3", "epochs", "20", "seed", "1",
                    "dev", System.getProperty("lpr.dev", "../shared/lpr-dev"),
                    "out", System.getProperty("lpr.model", "chars-mlp.yml.gz")), USAGE);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return;
        }
        OpenCvNative.load();
        Core.setNumThreads(1);
        long t0 = System.nanoTime();
        Train train = new Train(Long.parseLong(args.get("seed")), new CharFeatures());
        train.addSynthetic(args.getInt("synthetic"), Long.parseLong(args.get("seed")));
        Path crops = Path.of(args.get("dev")).resolve("crops");
        List<LabelledImages.Item> heldOut = new ArrayList<>();
        List<LabelledImages.Item> real = new ArrayList<>();
        if (Files.isDirectory(crops)) {
            for (LabelledImages.Item item : LabelledImages.read(crops)) {
                (LabelledImages.heldOut(item) ? heldOut : real).add(item);
            }
        } else {
            System.out.println("no lpr-dev crops at " + crops + ": training on synthetic plates only");
        }
        int epochs = args.getInt("epochs");
        System.out.printf("%d synthetic cells ready in %.0f s%n", train.labels.size(), (System.nanoTime() - t0) / 1e9);
        CharClassifier model = train.fit(Math.max(1, Math.min(8, epochs / 2)));
        if (!real.isEmpty()) {
            // Real crops are cut loosely or tightly; the synthetic-only model finds where their characters
            // stand (forced alignment on the known text), then everything trains together.
            reportHeldOut(model, heldOut);
            PlateReader aligner = new PlateReader(model);
            for (LabelledImages.Item item : real) {
                train.addReal(item, args.getInt("real-repeats"), aligner);
            }
            System.out.printf("%d cells with real crops after %.0f s%n", train.labels.size(),
                    (System.nanoTime() - t0) / 1e9);
            model = train.fit(epochs);
        }
        Path out = Path.of(args.get("out"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        model.save(out);
        System.out.printf("model written to %s (%d bytes) after %.0f s%n", out.toAbsolutePath(), Files.size(out),
                (System.nanoTime() - t0) / 1e9);
        reportHeldOut(model, heldOut);
    }

    private void addSynthetic(int plates, long seed) {
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(seed);
        for (int i = 0; i < plates; i++) {
            PlateColour colour = renderer.texts().colour();
            String text = renderer.texts().text(colour);
            PlateLayout layout = PlateLayout.forLength(PlateAlphabet.split(text).size());
            double width = 60 + random.nextDouble() * 160;
            Mat plate = renderer.renderDegradedPlate(text, colour,
                    new Size(Math.round(width), Math.round(width * PlateLayout.HEIGHT_MM / layout.widthMm())));
            addCells(plate, text, layout, 1, null);
            addProvince(plate, text, layout);
            plate.release();
        }
    }

    /** One more province cell per synthetic plate: 31 classes with the least data each. */
    private void addProvince(Mat plate, String text, PlateLayout layout) {
        Mat norm = CellCutter.normalise(plate, layout);
        Rect box = CellCutter.textBox(norm, layout);
        for (int r = 0; r < 1; r++) {
            double dx = (random.nextDouble() * 2 - 1) * 3 * box.width / 160.0;
            Mat cell = CellCutter.cell(norm, box, layout, 0, dx, 0.02 + random.nextDouble() * 0.08);
            add(cell, PlateAlphabet.split(text).get(0));
            cell.release();
        }
        norm.release();
    }

    private void add(Mat cell, String symbol) {
        featureSource.compute(cell, row, 0);
        float[] f = new float[row.cols()];
        row.get(0, 0, f);
        rows.add(f);
        labels.add(PlateAlphabet.indexOf(symbol));
    }

    private void addReal(LabelledImages.Item item, int repeats, PlateReader aligner) {
        String text = item.plate();
        if (!PlateAlphabet.isPlate(text)) {
            return;
        }
        Mat img = Imgcodecs.imread(item.file().toString());
        if (img.empty()) {
            return;
        }
        addCells(img, text, PlateLayout.forLength(PlateAlphabet.split(text).size()), repeats, aligner);
        img.release();
    }

    private void addCells(Mat plate, String text, PlateLayout layout, int repeats, PlateReader aligner) {
        List<String> chars = PlateAlphabet.split(text);
        Mat norm = CellCutter.normalise(plate, layout);
        Rect box = aligner == null ? CellCutter.textBox(norm, layout) : aligner.align(norm, layout, chars);
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < chars.size(); i++) {
                double dx = (random.nextDouble() * 2 - 1) * 3 * box.width / 160.0;
                Mat cell = CellCutter.cell(norm, box, layout, i, dx, 0.02 + random.nextDouble() * 0.08);
                add(cell, chars.get(i));
                cell.release();
            }
        }
        norm.release();
    }

    private CharClassifier fit(int epochs) {
        // ANN_MLP's backprop draws its sample order from OpenCV's per-thread generator: seed it too,
        // so the same command rebuilds the same model.
        Core.setRNGSeed(seed);
        Mat samples = new Mat(rows.size(), row.cols(), CvType.CV_32F);
        for (int i = 0; i < rows.size(); i++) {
            samples.put(i, 0, rows.get(i));
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        return CharClassifier.train(samples, y, epochs);
    }

    static void reportHeldOut(CharClassifier model, List<LabelledImages.Item> heldOut) {
        if (heldOut.isEmpty()) {
            return;
        }
        PlateReader reader = new PlateReader(model);
        int plates = 0;
        int exact = 0;
        int chars = 0;
        int correct = 0;
        for (LabelledImages.Item item : heldOut) {
            Mat img = Imgcodecs.imread(item.file().toString());
            if (img.empty() || !PlateAlphabet.isPlate(item.plate())) {
                continue;
            }
            List<String> truth = PlateAlphabet.split(item.plate());
            // As PlateRecognizer.readCrop: a crop is known to be a plate, so the reader never gives up early.
            PlateRead read = reader.read(img, PlateLayout.forLength(truth.size()), PlateColours.classify(img), 0);
            List<String> got = PlateAlphabet.split(read.text());
            plates++;
            exact += read.text().equals(item.plate()) ? 1 : 0;
            for (int i = 0; i < truth.size(); i++) {
                chars++;
                correct += i < got.size() && truth.get(i).equals(got.get(i)) ? 1 : 0;
            }
            img.release();
        }
        System.out.printf("held-out crops (reader only, layout known): %d plates, exact %.1f%%, chars %.1f%%%n",
                plates, 100.0 * exact / plates, 100.0 * correct / chars);
    }
}
