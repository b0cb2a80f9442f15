package io.parkgate.lpr.tools;

import io.parkgate.lpr.OpenCvNative;
import io.parkgate.lpr.read.CnnInput;
import io.parkgate.lpr.read.DoubleRow;
import io.parkgate.lpr.read.PlateAlphabet;
import io.parkgate.lpr.read.PlateColours;
import io.parkgate.lpr.synth.Condition;
import io.parkgate.lpr.synth.TrainingViews;
import io.parkgate.plate.PlateColour;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Writes the reader's training data for {@code gate-agent/lpr/train/train_reader.py}: plate views of
 * {@link CnnInput}'s size as raw BGR bytes ({@code NAME.u8}, one view after another) with their
 * texts ({@code NAME.tsv}: {@code text<TAB>source}). {@code train}: synthetic views of every
 * colour and province plus jittered copies of lpr-dev's crops outside the held-out fifth (three in
 * four with a synthetic province pasted in) and double-row yellow plates with their rows joined
 * ({@link DoubleRow}), then white armed-police (WJ) plates, last so that everything before them is
 * the same bytes as without them for a seed; {@code heldout}: the held-out crops as they are, only
 * for the script to report on. The scenes are never used.
 */
public final class WriteTrainingSet {

    private static final String USAGE = "usage: WriteTrainingSet --out DIR [--synthetic 40000] [--double-row 2500]"
            + " [--armed-police 2000] [--real-repeats 6] [--conditions 0] [--seed 1] [--dev ../shared/lpr-dev]";
    /** Seeds the condition views apart from the others, so the views before them keep their bytes. */
    private static final long CONDITIONS_SEED = 0xC0D1L;
    /** Share of real blue crops whose province glyph is replaced by a synthetic one of a random province. */
    private static final double PROVINCE_SWAP = 0.75;

    private WriteTrainingSet() {
    }

    public static void main(String[] argv) throws IOException {
        Args args;
        try {
            args = new Args(argv, Map.of("out", "target/reader-data", "synthetic", "40000", "double-row", "2500",
                    "armed-police", "2000", "real-repeats", "6", "conditions", "0",
                    "seed", "1", "dev", System.getProperty("lpr.dev", "../shared/lpr-dev")), USAGE);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return;
        }
        OpenCvNative.load();
        Core.setNumThreads(1);
        Path out = Path.of(args.get("out"));
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        TrainingViews views = new TrainingViews(Long.parseLong(args.get("seed")));
        List<LabelledImages.Item> real = new ArrayList<>();
        List<LabelledImages.Item> heldOut = new ArrayList<>();
        Path crops = Path.of(args.get("dev")).resolve("crops");
        if (Files.isDirectory(crops)) {
            for (LabelledImages.Item item : LabelledImages.read(crops)) {
                if (PlateAlphabet.isPlate(item.plate())) {
                    (LabelledImages.heldOut(item) ? heldOut : real).add(item);
                }
            }
        } else {
            System.out.println("no lpr-dev crops at " + crops + ": synthetic views only");
        }
        int n = 0;
        try (Sink train = new Sink(out, "train")) {
            for (int i = 0; i < args.getInt("synthetic"); i++) {
                PlateColour colour = views.texts().colour();
                String text = views.texts().text(colour);
                train.add(views.syntheticView(text, colour), text, "synthetic");
            }
            for (int i = 0; i < args.getInt("double-row"); i++) {
                String text = views.texts().text(PlateColour.YELLOW);
                Mat view = views.doubleRowView(text, PlateColour.YELLOW);
                train.add(DoubleRow.join(view), text, "synthetic-double");
                view.release();
            }
            int repeats = args.getInt("real-repeats");
            for (LabelledImages.Item item : real) {
                Mat crop = decode(item.file());
                if (crop == null) {
                    continue;
                }
                boolean blue7 = PlateAlphabet.split(item.plate()).size() == 7
                        && PlateColours.classify(crop) == PlateColour.BLUE;
                train.add(crop.clone(), item.plate(), "real");
                for (int r = 1; r < repeats; r++) {
                    String province = blue7 && views.chance(PROVINCE_SWAP) ? views.province() : null;
                    String text = province == null ? item.plate()
                            : province + item.plate().substring(item.plate().offsetByCodePoints(0, 1));
                    train.add(views.realView(crop, item.plate(), province), text, province == null ? "real"
                            : "real+province");
                }
                crop.release();
            }
            for (int i = 0; i < args.getInt("armed-police"); i++) {
                String text = views.texts().armedPolice();
                train.add(views.syntheticView(text, PlateColour.WHITE), text, "synthetic-armed-police");
            }
            // Written last, by a second generator: with --conditions 0 the file is what it was before.
            TrainingViews hard = new TrainingViews(Long.parseLong(args.get("seed")) ^ CONDITIONS_SEED);
            Condition[] conditions = Condition.values();
            for (int i = 0; i < args.getInt("conditions"); i++) {
                Condition condition = conditions[1 + i % (conditions.length - 1)];
                PlateColour colour = hard.texts().colour();
                String text = hard.texts().text(colour);
                train.add(hard.syntheticView(text, colour, condition), text, "synthetic-" + condition.name()
                        .toLowerCase(java.util.Locale.ROOT));
            }
            n = train.count;
        }
        try (Sink held = new Sink(out, "heldout")) {
            for (LabelledImages.Item item : heldOut) {
                Mat crop = decode(item.file());
                if (crop != null) {
                    held.add(crop, item.plate(), "heldout");
                }
            }
            System.out.printf("wrote %d training and %d held-out views of %dx%d to %s in %.0f s%n", n, held.count,
                    CnnInput.WIDTH, CnnInput.HEIGHT, out.toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private static Mat decode(Path file) throws IOException {
        Mat m = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(file)), Imgcodecs.IMREAD_COLOR);
        return m.empty() ? null : m;
    }

    /** Appends views and their labels to NAME.u8 and NAME.tsv. */
    private static final class Sink implements AutoCloseable {
        private final OutputStream pixels;
        private final Writer labels;
        int count;

        Sink(Path dir, String name) throws IOException {
            pixels = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name + ".u8")), 1 << 16);
            labels = Files.newBufferedWriter(dir.resolve(name + ".tsv"), StandardCharsets.UTF_8);
        }

        /** Writes the view (and releases it). */
        void add(Mat view, String text, String source) throws IOException {
            pixels.write(CnnInput.bytes(view));
            view.release();
            labels.write(text + "\t" + source + "\n");
            count++;
        }

        @Override
        public void close() throws IOException {
            pixels.close();
            labels.close();
        }
    }
}
