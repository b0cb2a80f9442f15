package io.parkgate.lpr.tools;

import io.parkgate.cli.CommandLines;
import io.parkgate.lpr.read.PlateAlphabet;
import io.parkgate.lpr.synth.AnalogueVideo;
import io.parkgate.lpr.synth.Condition;
import io.parkgate.lpr.synth.Placement;
import io.parkgate.lpr.synth.SyntheticFrame;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.lpr.synth.TwoVehicles;
import io.parkgate.lpr.synth.Typefaces;
import io.parkgate.plate.PlateColour;
import java.awt.geom.Point2D;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.opencv.core.Rect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a labelled synthetic set: {@code --count} 1280×720 car-park JPEGs and a labels.tsv
 * ({@code file, plate, colour, quad "x1,y1 … x4,y4", light day|night}) that {@link Evaluate} reads. Every twentieth
 * frame
 * shows a white armed-police (WJ) plate, drawn by a second renderer so that the other frames are the
 * ones earlier versions wrote for the seed; {@code --kind armed-police} draws only WJ plates.
 */
public final class GenerateSynthetic {


    /** Seeds the armed-police frames apart from the others. */
    private static final long ARMED_POLICE_SEED = 0x574AL;

    private GenerateSynthetic() {
    }

    @Command(name = "generate", sortOptions = false,
            description = "Writes a labelled set of synthetic 1280x720 car-park frames and their labels.tsv.")
    private static final List<String> KINDS = List.of("all", "armed-police", "balanced", "two-vehicles",
            "side-view", "double-row", "analogue");

    static final class Options {
        @Option(names = "--out", paramLabel = "DIR", description = "the folder to write (default: ${DEFAULT-VALUE})")
        Path out = Path.of("target/synthetic");

        @Option(names = "--count", paramLabel = "N", description = "frames to write (default: ${DEFAULT-VALUE})")
        int count = 200;

        @Option(names = "--seed", paramLabel = "N", description = "seeds the frames (default: ${DEFAULT-VALUE})")
        long seed = 7;

        @Option(names = "--kind", paramLabel = "KIND",
                description = "all, armed-police, balanced, two-vehicles, side-view, double-row or analogue"
                        + " (default: ${DEFAULT-VALUE})")
        String kind = "all";

        @Option(names = "--cjk-faces", paramLabel = "FAMILY", split = ",",
                description = "balanced only: installed font families for the province and suffixes, e.g. one the"
                        + " reader was not trained on (default: the renderer's)")
        List<String> cjkFaces;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    public static void main(String[] argv) throws IOException {
        Options o = CommandLines.parseOrExit(new Options(), argv);
        Path out = o.out;
        int count = o.count;
        String kind = o.kind;
        if (!KINDS.contains(kind)) {
            System.err.println("--kind expects one of " + String.join(", ", KINDS) + ", got '" + kind + "'");
            System.exit(CommandLines.USAGE);
        }
        if (o.cjkFaces != null && !kind.equals("balanced")) {
            System.err.println("--cjk-faces applies to --kind balanced only");
            System.exit(CommandLines.USAGE);
        }
        // Every kind draws with the renderer's faces; balanced may take others for the Chinese glyphs.
        Typefaces faces = o.cjkFaces == null ? CjkFacesOption.defaultsOrExit()
                : CjkFacesOption.installedOrExit(o.cjkFaces);
        if (kind.equals("two-vehicles")) {
            generateTwoVehicles(out, count, o.seed);
        } else if (kind.equals("balanced")) {
            generateBalanced(out, count, o.seed, faces);
        } else if (kind.equals("side-view")) {
            generateSideView(out, count, o.seed);
        } else if (kind.equals("double-row")) {
            generateDoubleRow(out, count, o.seed);
        } else if (kind.equals("analogue")) {
            generateAnalogue(out, count, o.seed);
        } else {
            generate(out, count, o.seed, kind.equals("armed-police"));
        }
        System.out.println("wrote " + count + " frames and labels.tsv to " + out.toAbsolutePath());
    }

    /** Generates the set; also used by tests. */
    public static void generate(Path out, int count, long seed) throws IOException {
        generate(out, count, seed, false);
    }

    /**
     * A set with every province equally often, by day and by night: frame {@code i} shows province
     * {@code i mod 31} under condition {@code (i / 31) mod 8} ({@link Condition}: clear, motion blur,
     * glare, dusk by day; night, infrared, glare, motion blur by night), so 248 frames hold each
     * province once under each condition. Colours are drawn as usual; 港/澳 plates (粤Z only) of another
     * province become 领.
     */
    public static void generateBalanced(Path out, int count, long seed) throws IOException {
        generateBalanced(out, count, seed, Typefaces.DEFAULT);
    }

    /** As {@link #generateBalanced(Path, int, long)}, the plates' characters drawn in {@code faces}. */
    public static void generateBalanced(Path out, int count, long seed, Typefaces faces) throws IOException {
        Files.createDirectories(out);
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(seed, faces);
        Random random = new Random(seed ^ 0xBA1AL);
        String[] provinces = PlateAlphabet.PROVINCES.codePoints().mapToObj(cp -> new String(Character.toChars(cp)))
                .toArray(String[]::new);
        Condition[] conditions = Condition.values();
        try (Writer tsv = Files.newBufferedWriter(out.resolve("labels.tsv"), StandardCharsets.UTF_8)) {
            tsv.write("file\tplate\tcolour\tquad\tlight\tcondition\n");
            for (int i = 0; i < count; i++) {
                String province = provinces[i % provinces.length];
                Condition condition = conditions[(i / provinces.length) % conditions.length];
                PlateColour colour = renderer.texts().colour();
                String text = renderer.texts().text(colour);
                if (text.startsWith(PlateAlphabet.EMBASSY)) {
                    // An embassy plate has no province: a consulate plate of this province instead.
                    text = province + "A" + text.substring(2, 6) + "领";
                } else if (!text.startsWith(province)) {
                    text = province + text.substring(1);
                    if (PlateAlphabet.CROSS_BORDER.contains(text.substring(text.length() - 1))) {
                        text = text.substring(0, text.length() - 1) + "领";
                    }
                }
                Placement p = renderer.randomPlacement();
                p = new Placement(p.centreX(), p.centreY(), p.widthPx(), p.tiltDeg(), p.yaw(), condition.night(),
                        p.dirt(), p.blurSigma(), p.noise());
                SyntheticFrame f = renderer.renderFrame(text, colour, p);
                String name = String.format(Locale.ROOT, "frame-%05d.jpg", i);
                Files.write(out.resolve(name), condition.apply(f.jpeg(), f.quad(), random));
                tsv.write(name + "\t" + f.text() + "\t" + f.colour() + "\t" + quad(f) + "\t"
                        + (condition.night() ? "night" : "day") + "\t" + condition.name().toLowerCase(Locale.ROOT)
                        + "\n");
            }
        }
    }

    /**
     * Frames with two vehicles: the lane's car near the camera (plate 150–300 px wide, low in the
     * middle) and another farther off (60–130 px, upper part, left or right), pasted from a second
     * rendering. The label is the near plate ({@code other} names the far one), so a run's exact rate
     * is how often the lane's car came first.
     */
    public static void generateTwoVehicles(Path out, int count, long seed) throws IOException {
        Files.createDirectories(out);
        SyntheticPlateRenderer near = new SyntheticPlateRenderer(seed);
        SyntheticPlateRenderer far = new SyntheticPlateRenderer(seed ^ 0x2CA5L);
        Random random = new Random(seed ^ 0x2CA5L);
        try (Writer tsv = Files.newBufferedWriter(out.resolve("labels.tsv"), StandardCharsets.UTF_8)) {
            tsv.write("file\tplate\tcolour\tquad\tother\n");
            for (int i = 0; i < count; i++) {
                PlateColour c1 = near.texts().colour();
                String t1 = near.texts().text(c1);
                double w1 = 150 + random.nextDouble() * 150;
                SyntheticFrame a = near.renderFrame(t1, c1, new Placement(420 + random.nextDouble() * 440,
                        470 + random.nextDouble() * 140, w1, random.nextDouble() * 8 - 4, random.nextDouble() * 0.1,
                        false, random.nextInt(3) == 0 ? random.nextDouble() * 0.5 : 0, random.nextDouble(),
                        random.nextDouble() * 5));
                PlateColour c2 = far.texts().colour();
                String t2 = far.texts().text(c2);
                double w2 = 60 + random.nextDouble() * 70;
                double x2 = random.nextBoolean() ? 150 + random.nextDouble() * 250 : 880 + random.nextDouble() * 250;
                double y2 = 130 + random.nextDouble() * 160;
                SyntheticFrame b = far.renderFrame(t2, c2, new Placement(x2, y2, w2, random.nextDouble() * 8 - 4, 0,
                        false, 0, random.nextDouble() * 0.8, random.nextDouble() * 4));
                int rx = (int) Math.max(0, x2 - w2 * 1.1);
                int ry = (int) Math.max(0, y2 - w2 * 0.6);
                Rect around = new Rect(rx, ry, (int) Math.min(SyntheticPlateRenderer.FRAME_WIDTH - rx, w2 * 2.2),
                        (int) Math.min(SyntheticPlateRenderer.FRAME_HEIGHT - ry, w2 * 1.2));
                String name = String.format(Locale.ROOT, "frame-%05d.jpg", i);
                Files.write(out.resolve(name), TwoVehicles.picture(a, b, around, 90));
                tsv.write(name + "\t" + t1 + "\t" + c1 + "\t" + quad(a) + "\t" + t2 + "\n");
            }
        }
    }

    /** The angles off the plate's axis of a side-view set, in turn. */
    static final int[] SIDE_DEGREES = {0, 30, 45, 55, 60};

    /**
     * Plates seen from beside the lane: frame {@code i} is seen {@link #SIDE_DEGREES}[i mod 5] degrees
     * off the plate's axis (its width shortened to the cosine, its height not), 120–320 px wide straight
     * on, otherwise a random placement; the {@code condition} column names the angle ({@code side-45}).
     */
    public static void generateSideView(Path out, int count, long seed) throws IOException {
        Files.createDirectories(out);
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(seed);
        Random random = new Random(seed ^ 0x51DEL);
        try (Writer tsv = Files.newBufferedWriter(out.resolve("labels.tsv"), StandardCharsets.UTF_8)) {
            tsv.write("file\tplate\tcolour\tquad\tlight\tcondition\n");
            for (int i = 0; i < count; i++) {
                int degrees = SIDE_DEGREES[i % SIDE_DEGREES.length];
                PlateColour colour = renderer.texts().colour();
                String text = renderer.texts().text(colour);
                Placement p = renderer.randomPlacement();
                p = new Placement(p.centreX(), p.centreY(), 120 + random.nextDouble() * 200, p.tiltDeg(), p.yaw(),
                        p.night(), p.dirt(), p.blurSigma(), p.noise(), degrees);
                SyntheticFrame f = renderer.renderFrame(text, colour, p);
                String name = String.format(Locale.ROOT, "frame-%05d.jpg", i);
                Files.write(out.resolve(name), f.jpeg());
                tsv.write(name + "\t" + f.text() + "\t" + f.colour() + "\t" + quad(f) + "\t"
                        + (p.night() ? "night" : "day") + "\tside-" + degrees + "\n");
            }
        }
    }

    /**
     * Yellow double-row plates (trucks, buses, trailers: 440×220 mm) in car-park frames, 130–330 px
     * wide, otherwise random placements (a quarter at night). A 学 text (coach plates are single-row)
     * ends in a digit instead.
     */
    public static void generateDoubleRow(Path out, int count, long seed) throws IOException {
        Files.createDirectories(out);
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(seed);
        Random random = new Random(seed ^ 0xD0BL);
        try (Writer tsv = Files.newBufferedWriter(out.resolve("labels.tsv"), StandardCharsets.UTF_8)) {
            tsv.write("file\tplate\tcolour\tquad\tlight\n");
            for (int i = 0; i < count; i++) {
                String text = renderer.texts().text(PlateColour.YELLOW);
                if (text.endsWith("学")) {
                    text = text.substring(0, text.length() - 1) + random.nextInt(10);
                }
                Placement p = renderer.randomPlacement();
                double w = 130 + random.nextDouble() * 200;
                // Wholly in the frame: the plate is half as tall as wide.
                double cx = Math.max(w * 0.7, Math.min(SyntheticPlateRenderer.FRAME_WIDTH - w * 0.7, p.centreX()));
                double cy = Math.max(w * 0.5, Math.min(SyntheticPlateRenderer.FRAME_HEIGHT - w * 0.5, p.centreY()));
                p = new Placement(cx, cy, w, p.tiltDeg(), p.yaw(), p.night(), p.dirt(), p.blurSigma(), p.noise());
                SyntheticFrame f = renderer.renderDoubleRowFrame(text, PlateColour.YELLOW, p);
                String name = String.format(Locale.ROOT, "frame-%05d.jpg", i);
                Files.write(out.resolve(name), f.jpeg());
                tsv.write(name + "\t" + f.text() + "\t" + f.colour() + "\t" + quad(f) + "\t"
                        + (p.night() ? "night" : "day") + "\n");
            }
        }
    }

    /** The car's movement between an analogue frame's two fields, in turn, in pixels of the 720×576 frame. */
    static final int[] FIELD_MOTION_PX = {0, 2, 4, 6};

    /**
     * The renderer's usual frames as an old analogue camera delivers them ({@link AnalogueVideo}):
     * 720×576, interlaced with the car moved {@link #FIELD_MOTION_PX}[i mod 4] pixels between the
     * fields (named in the condition column, {@code motion-4px}), colour bleed, noise.
     */
    public static void generateAnalogue(Path out, int count, long seed) throws IOException {
        Files.createDirectories(out);
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(seed);
        Random random = new Random(seed ^ 0xA7A1L);
        double sx = (double) AnalogueVideo.WIDTH / SyntheticPlateRenderer.FRAME_WIDTH;
        double sy = (double) AnalogueVideo.HEIGHT / SyntheticPlateRenderer.FRAME_HEIGHT;
        try (Writer tsv = Files.newBufferedWriter(out.resolve("labels.tsv"), StandardCharsets.UTF_8)) {
            tsv.write("file\tplate\tcolour\tquad\tlight\tcondition\n");
            for (int i = 0; i < count; i++) {
                int motion = FIELD_MOTION_PX[i % FIELD_MOTION_PX.length];
                SyntheticFrame f = renderer.randomFrame();
                String name = String.format(Locale.ROOT, "frame-%05d.jpg", i);
                Files.write(out.resolve(name), AnalogueVideo.apply(f.jpeg(), motion, random));
                tsv.write(name + "\t" + f.text() + "\t" + f.colour() + "\t" + quad(f, sx, sy) + "\t"
                        + (f.placement().night() ? "night" : "day") + "\tmotion-" + motion + "px\n");
            }
        }
    }

    private static String quad(SyntheticFrame f) {
        return quad(f, 1, 1);
    }

    /** The frame's true corners as {@code labels.tsv} holds them ("x,y x,y x,y x,y"), scaled by sx, sy. */
    private static String quad(SyntheticFrame f, double sx, double sy) {
        StringBuilder quad = new StringBuilder();
        for (Point2D p : f.quad()) {
            quad.append(String.format(Locale.ROOT, "%.1f,%.1f ", p.getX() * sx, p.getY() * sy));
        }
        return quad.toString().trim();
    }

    /** Generates the set, with only armed-police plates when {@code armedPolice}. */
    public static void generate(Path out, int count, long seed, boolean armedPolice) throws IOException {
        Files.createDirectories(out);
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(seed);
        SyntheticPlateRenderer wj = new SyntheticPlateRenderer(seed ^ ARMED_POLICE_SEED);
        try (Writer tsv = Files.newBufferedWriter(out.resolve("labels.tsv"), StandardCharsets.UTF_8)) {
            tsv.write("file\tplate\tcolour\tquad\tlight\n");
            for (int i = 0; i < count; i++) {
                SyntheticFrame f = armedPolice || i % 20 == 19
                        ? wj.renderFrame(wj.texts().armedPolice(), PlateColour.WHITE, wj.randomPlacement())
                        : renderer.randomFrame();
                String name = String.format(Locale.ROOT, "frame-%05d.jpg", i);
                Files.write(out.resolve(name), f.jpeg());
                tsv.write(name + "\t" + f.text() + "\t" + f.colour() + "\t" + quad(f) + "\t"
                        + (f.placement().night() ? "night" : "day") + "\n");
            }
        }
    }
}
