package io.parkgate.lpr.tools;

import io.parkgate.cli.CommandLines;
import io.parkgate.lpr.OpenCvNative;
import io.parkgate.lpr.read.CnnInput;
import io.parkgate.lpr.read.DoubleRow;
import io.parkgate.lpr.read.PlateAlphabet;
import io.parkgate.lpr.read.PlateColours;
import io.parkgate.lpr.synth.Condition;
import io.parkgate.lpr.synth.TrainingViews;
import io.parkgate.lpr.synth.Typefaces;
import io.parkgate.plate.PlateColour;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    /** Seeds the condition views apart from the others, so the views before them keep their bytes. */
    private static final long CONDITIONS_SEED = 0xC0D1L;
    /** Seeds the real-glyph views apart, for the same reason. */
    private static final long REAL_GLYPHS_SEED = 0x61F5L;
    /** Share of real blue crops whose province glyph is replaced by a synthetic one of a random province. */
    private static final double PROVINCE_SWAP = 0.75;

    private WriteTrainingSet() {
    }

    @Command(name = "training-set", sortOptions = false,
            description = "Writes the 128x32 training views of the plate reader.")
    static final class Options {
        @Option(names = "--out", paramLabel = "DIR", description = "the folder to write (default: ${DEFAULT-VALUE})")
        Path out = Path.of("target/reader-data");

        @Option(names = "--synthetic", paramLabel = "N",
                description = "synthetic single-row views (default: ${DEFAULT-VALUE})")
        int synthetic = 40000;

        @Option(names = "--double-row", paramLabel = "N",
                description = "synthetic two-row views (default: ${DEFAULT-VALUE})")
        int doubleRow = 2500;

        @Option(names = "--armed-police", paramLabel = "N",
                description = "synthetic armed-police views (default: ${DEFAULT-VALUE})")
        int armedPolice = 2000;

        @Option(names = "--real-repeats", paramLabel = "N",
                description = "views of each real crop (default: ${DEFAULT-VALUE})")
        int realRepeats = 6;

        @Option(names = "--conditions", paramLabel = "N",
                description = "views under night, glare and blur (default: ${DEFAULT-VALUE})")
        int conditions = 0;

        @Option(names = "--real-glyphs", paramLabel = "N",
                description = "synthetic views of every colour with a real crop's province glyph (default: "
                        + "${DEFAULT-VALUE})")
        int realGlyphs = 0;

        @Option(names = "--seed", paramLabel = "N", description = "seeds the views (default: ${DEFAULT-VALUE})")
        long seed = 1;

        @Option(names = "--cjk-faces", paramLabel = "FAMILY", split = ",",
                description = "installed font families for the province and suffixes (default: ${DEFAULT-VALUE})")
        List<String> cjkFaces = Typefaces.DEFAULT.cjk();

        @Option(names = "--dev", paramLabel = "DIR",
                description = "the labelled photographs (default: ${DEFAULT-VALUE})")
        Path dev = Path.of(System.getProperty("lpr.dev", "../shared/lpr-dev"));

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    public static void main(String[] argv) throws IOException {
        Options o = CommandLines.parseOrExit(new Options(), argv);
        OpenCvNative.load();
        Core.setNumThreads(1);
        Path out = o.out;
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        Typefaces faces = CjkFacesOption.installedOrExit(o.cjkFaces);
        TrainingViews views = new TrainingViews(o.seed, faces);
        List<LabelledImages.Item> real = new ArrayList<>();
        List<LabelledImages.Item> heldOut = new ArrayList<>();
        Path crops = o.dev.resolve("crops");
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
            for (int i = 0; i < o.synthetic; i++) {
                PlateColour colour = views.texts().colour();
                String text = views.texts().text(colour);
                train.add(views.syntheticView(text, colour), text, "synthetic");
            }
            for (int i = 0; i < o.doubleRow; i++) {
                String text = views.texts().text(PlateColour.YELLOW);
                Mat view = views.doubleRowView(text, PlateColour.YELLOW);
                train.add(DoubleRow.join(view), text, "synthetic-double");
                view.release();
            }
            int repeats = o.realRepeats;
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
            for (int i = 0; i < o.armedPolice; i++) {
                String text = views.texts().armedPolice();
                train.add(views.syntheticView(text, PlateColour.WHITE), text, "synthetic-armed-police");
            }
            // Written last, by a second generator: with --conditions 0 the file is what it was before.
            TrainingViews hard = new TrainingViews(o.seed ^ CONDITIONS_SEED, faces);
            Condition[] conditions = Condition.values();
            for (int i = 0; i < o.conditions; i++) {
                Condition condition = conditions[1 + i % (conditions.length - 1)];
                PlateColour colour = hard.texts().colour();
                String text = hard.texts().text(colour);
                train.add(hard.syntheticView(text, colour, condition), text, "synthetic-" + condition.name()
                        .toLowerCase(java.util.Locale.ROOT));
            }
            writeRealGlyphViews(train, real, o, faces);
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

    /**
     * Synthetic plates of every colour whose province glyph is cut from a real blue crop outside the held-out
     * fifth: the province is drawn evenly among those the crops have (lpr-dev's are 95 % 皖), then a crop of it.
     * Written last, by a generator of their own: with 0 the file is what it was.
     */
    private static void writeRealGlyphViews(Sink train, List<LabelledImages.Item> real, Options o,
            Typefaces faces) throws IOException {
        if (o.realGlyphs == 0) {
            return;
        }
        Map<String, List<Path>> byProvince = new TreeMap<>();
        for (LabelledImages.Item item : real) {
            List<String> chars = PlateAlphabet.split(item.plate());
            if (chars.size() == 7) {
                byProvince.computeIfAbsent(chars.get(0), k -> new ArrayList<>())
                        .add(item.file());
            }
        }
        List<String> provinces = new ArrayList<>(byProvince.keySet());
        TrainingViews glyphs = new TrainingViews(o.seed ^ REAL_GLYPHS_SEED, faces);
        Map<Path, Mat> blue = new HashMap<>();
        int written = 0;
        while (written < o.realGlyphs && !provinces.isEmpty()) {
            String province = provinces.get(glyphs.index(provinces.size()));
            List<Path> files = byProvince.get(province);
            Path file = files.get(glyphs.index(files.size()));
            Mat crop = blue.computeIfAbsent(file, f -> {
                Mat m = decodeQuietly(f);
                return m != null && PlateColours.classify(m) == PlateColour.BLUE ? m : new Mat();
            });
            if (crop.empty()) {
                files.remove(file);
                if (files.isEmpty()) {
                    provinces.remove(province);
                }
                continue;
            }
            PlateColour colour = glyphs.texts().colour();
            String text = glyphs.texts().text(colour);
            String first = PlateAlphabet.split(text).get(0);
            if (!PlateAlphabet.PROVINCES.contains(first) || text.endsWith("港") || text.endsWith("澳")) {
                continue; // armed-police, embassy and cross-border plates keep their own first characters
            }
            text = province + text.substring(text.offsetByCodePoints(0, 1));
            train.add(glyphs.realGlyphView(text, colour, crop), text, "synthetic-real-province");
            written++;
        }
        blue.values().forEach(Mat::release);
    }

    private static Mat decodeQuietly(Path file) {
        try {
            return decode(file);
        } catch (IOException e) {
            return null;
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
