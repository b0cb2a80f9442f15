package io.parkgate.lpr.tools;

import io.parkgate.cli.CommandLines;
import io.parkgate.lpr.Calibration;
import io.parkgate.lpr.PlateReading;
import io.parkgate.lpr.PlateRecognizer;
import io.parkgate.lpr.Recognition;
import io.parkgate.lpr.read.PlateAlphabet;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the recogniser on a labelled folder ({@link LabelledImages}) on one thread and prints
 * images, plates found, exact plate, character and province accuracy, the commonest confusions and
 * milliseconds per image; writes what it read per image to a TSV.
 * {@code mvn -q -pl gate-agent/lpr compile exec:java@evaluate -Dexec.args="--dir ../shared/lpr-dev --subset scenes/"}.
 */
public final class Evaluate {


    /** Images read before timing starts. */
    private static final int WARM_UP = 5;

    private Evaluate() {
    }

    /** An image that could not be examined, and why. */
    public record Rejected(String file, String reason) {
    }

    /**
     * The figures of one run. {@code breakdowns} maps a class ("province", "colour", "light", "plate
     * width") to its groups, each {@code {exact, found, images}}.
     */
    public record Summary(int images, int found, int exact, int chars, int charsRight, int provinces,
            int provincesRight, double p50Ms, double p95Ms, Map<String, Integer> confusions,
            Map<String, int[]> exactByGroup, List<Rejected> rejected, Map<String, Map<String, int[]>> breakdowns,
            List<double[]> readings, double cpuP50Ms, double cpuP95Ms, double passesMean, double passesP50) {

        public double exactRate() {
            return images == 0 ? 0 : (double) exact / images;
        }

        void print(PrintStream out, String title) {
            out.printf(Locale.ROOT, "%s%n  images %d, plates found %d (%.1f%%), rejected %d%n", title, images, found,
                    pct(found, images), rejected.size());
            for (Rejected r : rejected) {
                out.println("  rejected " + r.file() + ": " + r.reason());
            }
            out.printf(Locale.ROOT, "  exact plate %.1f%%, characters %.1f%%, province %.1f%%%n", pct(exact, images),
                    pct(charsRight, chars), pct(provincesRight, provinces));
            out.printf(Locale.ROOT,
                    "  ms per image on one thread: p50 %.1f, p95 %.1f (thread CPU time: p50 %.1f, p95 %.1f)%n",
                    p50Ms, p95Ms, cpuP50Ms, cpuP95Ms);
            out.printf(Locale.ROOT, "  network passes per image: mean %.2f, p50 %.0f%n", passesMean, passesP50);
            List<Map.Entry<String, Integer>> top = new ArrayList<>(confusions.entrySet());
            top.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
            StringBuilder sb = new StringBuilder("  confusions (truth>read x count):");
            top.stream().limit(15).forEach(e -> sb.append(' ').append(e.getKey()).append('x').append(e.getValue()));
            out.println(sb);
            if (!exactByGroup.isEmpty()) {
                StringBuilder g = new StringBuilder("  exact by colour:");
                new TreeMap<>(exactByGroup).forEach((k, v) -> g.append(String.format(Locale.ROOT,
                        " %s %d/%d (%.1f%%)", k, v[0], v[1], pct(v[0], v[1]))));
                out.println(g);
            }
            printReliability(out);
            breakdowns.forEach((name, groups) -> {
                out.printf(Locale.ROOT, "  by %s:%n    %-22s %6s %6s %7s %7s%n", name, "", "images", "found", "exact",
                        "exact%");
                groups.forEach((k, v) -> out.printf(Locale.ROOT, "    %-22s %6d %6d %7d %6.1f%%%n", k, v[2], v[1],
                        v[0], pct(v[0], v[2])));
            });
        }

        /**
         * How often a reading of each reported confidence was exactly right, and what a lane holding
         * reads below 0.8 (the default minConfidence 80) would have admitted.
         */
        private void printReliability(PrintStream out) {
            if (readings.isEmpty()) {
                return;
            }
            int[] n = new int[10];
            int[] right = new int[10];
            double[] sum = new double[10];
            int admitted = 0;
            int admittedRight = 0;
            for (double[] r : readings) {
                int b = Math.min(9, (int) Math.floor(r[0] * 10));
                n[b]++;
                right[b] += (int) r[1];
                sum[b] += r[0];
                if (r[0] >= 0.8) {
                    admitted++;
                    admittedRight += (int) r[1];
                }
            }
            StringBuilder sb = new StringBuilder("  reliability (confidence band: reads, exact%):");
            double gap = 0;
            for (int b = 0; b < 10; b++) {
                if (n[b] > 0) {
                    sb.append(String.format(Locale.ROOT, " %.1f-%.1f: %d, %.0f%%;", b / 10.0, (b + 1) / 10.0, n[b],
                            pct(right[b], n[b])));
                    gap += Math.abs(sum[b] - right[b]);
                }
            }
            out.println(sb);
            out.printf(Locale.ROOT,
                    "  expected calibration error %.3f; reads >= 0.8: %d of %d images, %.1f%% of them exact%n",
                    gap / readings.size(), admitted, images, pct(admittedRight, admitted));
        }

        private static double pct(int a, int b) {
            return b == 0 ? 0 : 100.0 * a / b;
        }
    }

    @Command(name = "evaluate", sortOptions = false,
            description = "Reads a labelled folder of images and prints how many plates were read exactly, by class.")
    static final class Options {
        @Option(names = "--dir", paramLabel = "DIR", required = true, description = "the labelled folder (labels.tsv)")
        Path dir;

        @Option(names = "--out", paramLabel = "FILE", description = "per-image results (default: ${DEFAULT-VALUE})")
        Path out = Path.of("target/lpr-results.tsv");

        @Option(names = "--mode", paramLabel = "MODE", description = "auto, frame or crop (default: ${DEFAULT-VALUE})")
        String mode = "auto";

        @Option(names = "--split", paramLabel = "SPLIT", description = "all or heldout (default: ${DEFAULT-VALUE})")
        String split = "all";

        @Option(names = "--subset", paramLabel = "PREFIX", description = "only images under this prefix (default: all)")
        String subset = "";

        @Option(names = "--model", paramLabel = "FILE", description = "a reader network other than the shipped one")
        Path model;

        @Option(names = "--calibration", paramLabel = "NAME",
                description = "shipped or none (default: ${DEFAULT-VALUE})")
        String calibration = "shipped";

        @Option(names = "--province-opinion", paramLabel = "FILE",
                description = "shipped, none (every reading the one network's) or a network file (default: "
                        + "${DEFAULT-VALUE})")
        String provinceOpinion = "shipped";

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    public static void main(String[] argv) throws IOException {
        Options o = CommandLines.parseOrExit(new Options(), argv);
        String calibration = o.calibration;
        if (!calibration.equals("shipped") && !calibration.equals("none")) {
            System.err.println("--calibration expects shipped or none, got '" + calibration + "'");
            System.exit(CommandLines.USAGE);
        }
        Calibration map = calibration.equals("none") ? Calibration.NONE : Calibration.SHIPPED;
        String opinion = o.provinceOpinion;
        if (!opinion.equals("shipped") && !opinion.equals("none") && !Files.isRegularFile(Path.of(opinion))) {
            System.err.println("--province-opinion expects shipped, none or a network file, got '" + opinion + "'");
            System.exit(CommandLines.USAGE);
        }
        PlateRecognizer recognizer = opinion.equals("shipped") ? PlateRecognizer.load(o.model, map)
                : PlateRecognizer.load(o.model, opinion.equals("none") ? Optional.empty()
                        : Optional.of(Path.of(opinion)), map);
        Core.setNumThreads(1);
        Path dir = o.dir;
        if (!Files.isDirectory(dir)) {
            System.err.println("--dir " + dir.toAbsolutePath() + " is not a folder: nothing evaluated");
            return;
        }
        LabelledImages.Listing listing = LabelledImages.list(dir);
        List<LabelledImages.Item> items = new ArrayList<>(listing.items());
        if ("heldout".equals(o.split)) {
            items.removeIf(i -> !LabelledImages.heldOut(i));
        }
        // e.g. --subset scenes/ with lpr-dev's labels.tsv, which labels scenes and crops together.
        items.removeIf(i -> !i.relative().startsWith(o.subset));
        Summary s = run(recognizer, items, o.mode, o.out);
        s.print(System.out, dir + (items.isEmpty() ? " (no images)" : "") + " [" + o.split + " "
                + o.subset + "]");
        for (LabelledImages.Skipped skipped : listing.skipped()) {
            if (skipped.where().startsWith("labels.tsv") || skipped.where().startsWith(o.subset)) {
                System.out.println("  skipped " + skipped.where() + ": " + skipped.reason());
            }
        }
        System.out.println("  per-image results: " + o.out.toAbsolutePath());
    }

    /**
     * Reads the first few images untimed: the JIT and OpenCV's first passes would otherwise land on
     * them (three to four times the steady time), and on a 25-image set the p95 is the second slowest.
     */
    private static void warmUp(PlateRecognizer recognizer, List<LabelledImages.Item> items, String mode) {
        for (LabelledImages.Item item : items.subList(0, Math.min(WARM_UP, items.size()))) {
            try {
                byte[] bytes = Files.readAllBytes(item.file());
                examine(recognizer, bytes, isCrop(mode, bytes));
            } catch (IOException | RuntimeException e) {
                // Reported when the image's turn comes.
            }
        }
    }

    private static Recognition examine(PlateRecognizer recognizer, byte[] bytes, boolean crop) {
        return crop ? recognizer.examineCrop(bytes) : recognizer.examine(bytes);
    }

    private static boolean isCrop(String mode, byte[] bytes) {
        return "crop".equals(mode) || "auto".equals(mode) && looksLikeCrop(bytes);
    }

    /** Why a listed file cannot be read as an image file, or null. */
    private static String unreadable(Path file) {
        if (Files.isDirectory(file)) {
            return "a directory, not an image file";
        }
        if (!Files.exists(file)) {
            return "no such file (listed in labels.tsv)";
        }
        if (!Files.isRegularFile(file)) {
            return "not a regular file";
        }
        return null;
    }

    /**
     * Evaluates the items, writing one TSV row per image. Never stops on a bad image: a missing file,
     * a folder, a file that is no image or a damaged one is counted as not found and listed with its
     * reason.
     */
    public static Summary run(PlateRecognizer recognizer, List<LabelledImages.Item> items, String mode, Path tsv)
            throws IOException {
        if (tsv.getParent() != null) {
            Files.createDirectories(tsv.getParent());
        }
        int found = 0;
        int exact = 0;
        int chars = 0;
        int charsRight = 0;
        int provincesRight = 0;
        List<Double> ms = new ArrayList<>();
        // CPU time of this thread as well: on a shared, loaded machine wall time mostly measures the others.
        List<Double> cpuMs = new ArrayList<>();
        // Network passes: the cost that does not depend on the machine.
        List<Double> passes = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Integer> confusions = new HashMap<>();
        Map<String, int[]> byGroup = new HashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        Map<String, Map<String, int[]>> breakdowns = new LinkedHashMap<>();
        List<double[]> scored = new ArrayList<>();
        for (String name : new String[] {"province", "colour", "light", "plate width"}) {
            breakdowns.put(name, new TreeMap<>());
        }
        try (Writer out = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
            out.write("file\tplate\tread\tcolour\tconfidence\tms\texact\tproblem\tpasses\n");
            warmUp(recognizer, items, mode);
            for (LabelledImages.Item item : items) {
                String problem = unreadable(item.file());
                byte[] bytes = null;
                if (problem == null) {
                    try {
                        bytes = Files.readAllBytes(item.file());
                    } catch (IOException e) {
                        problem = "cannot be read: " + e;
                    }
                }
                Optional<PlateReading> best = Optional.empty();
                boolean crop = false;
                double took = Double.NaN;
                long passed = 0;
                if (bytes != null) {
                    crop = isCrop(mode, bytes);
                    long c0 = threads.getCurrentThreadCpuTime();
                    long p0 = recognizer.networkPasses();
                    long t0 = System.nanoTime();
                    Recognition r = examine(recognizer, bytes, crop);
                    took = (System.nanoTime() - t0) / 1e6;
                    double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                    passed = recognizer.networkPasses() - p0;
                    best = r.readings().stream().findFirst();
                    problem = r.problem().orElse(null);
                    if (problem == null) {
                        ms.add(took); // rejected files are quick and would flatter the timing
                        cpuMs.add(cpu);
                        passes.add((double) passed);
                    }
                }
                if (problem != null) {
                    rejected.add(new Rejected(item.relative(), problem));
                }
                String read = best.map(PlateReading::text).orElse("");
                boolean right = read.equals(item.plate());
                best.ifPresent(b -> scored.add(new double[] {b.confidence(), right ? 1 : 0}));
                found += best.isPresent() ? 1 : 0;
                exact += right ? 1 : 0;
                if (!item.group().isEmpty()) {
                    int[] g = byGroup.computeIfAbsent(item.group(), k -> new int[2]);
                    g[0] += right ? 1 : 0;
                    g[1]++;
                }
                EvaluationClasses.Of classes = EvaluationClasses.of(item, bytes, crop, best);
                count(breakdowns.get("province"), classes.province(), right, best.isPresent());
                count(breakdowns.get("colour"), classes.colour(), right, best.isPresent());
                count(breakdowns.get("light"), classes.light(), right, best.isPresent());
                count(breakdowns.get("plate width"), classes.widthBand(), right, best.isPresent());
                if (!classes.condition().isEmpty()) {
                    count(breakdowns.computeIfAbsent("condition", k -> new TreeMap<>()), classes.condition(), right,
                            best.isPresent());
                }
                List<String> truth = PlateAlphabet.split(item.plate());
                List<String> got = PlateAlphabet.split(read);
                for (int i = 0; i < truth.size(); i++) {
                    String g = i < got.size() ? got.get(i) : "";
                    chars++;
                    if (truth.get(i).equals(g)) {
                        charsRight++;
                        provincesRight += i == 0 ? 1 : 0;
                    } else if (!g.isEmpty()) {
                        confusions.merge(truth.get(i) + ">" + g, 1, Integer::sum);
                    }
                }
                out.write(String.format(Locale.ROOT, "%s\t%s\t%s\t%s\t%.3f\t%.1f\t%s\t%s\t%d%n", item.relative(),
                        item.plate(), read, best.map(r -> r.colour().name()).orElse(""),
                        best.map(PlateReading::confidence).orElse(0.0), took, right,
                        problem == null ? "" : problem.replace('\t', ' ').replace('\n', ' '), passed));
            }
        }
        Collections.sort(ms);
        Collections.sort(cpuMs);
        Collections.sort(passes);
        return new Summary(items.size(), found, exact, chars, charsRight, items.size(), provincesRight,
                percentile(ms, 0.5), percentile(ms, 0.95), confusions, byGroup, rejected, breakdowns, scored,
                percentile(cpuMs, 0.5), percentile(cpuMs, 0.95),
                passes.stream().mapToDouble(Double::doubleValue).average().orElse(0), percentile(passes, 0.5));
    }

    private static void count(Map<String, int[]> groups, String key, boolean exact, boolean found) {
        int[] g = groups.computeIfAbsent(key, k -> new int[3]);
        g[0] += exact ? 1 : 0;
        g[1] += found ? 1 : 0;
        g[2]++;
    }

    /** A plate crop rather than a scene: wide and small, judged from the decoded size. */
    private static boolean looksLikeCrop(byte[] image) {
        if (image.length < 4) {
            return false;
        }
        try {
            Mat m = Imgcodecs.imdecode(new MatOfByte(image), Imgcodecs.IMREAD_REDUCED_GRAYSCALE_8);
            boolean crop = !m.empty() && m.cols() >= m.rows() * 1.8 && m.cols() * 8 <= 480;
            m.release();
            return crop;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }
}
