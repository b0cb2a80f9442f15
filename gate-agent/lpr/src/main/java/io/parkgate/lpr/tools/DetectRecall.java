package io.parkgate.lpr.tools;

import io.parkgate.cli.CommandLines;
import io.parkgate.lpr.OpenCvNative;
import io.parkgate.lpr.detect.PlateCandidate;
import io.parkgate.lpr.detect.PlateDetector;
import io.parkgate.lpr.synth.Placement;
import io.parkgate.lpr.synth.SyntheticFrame;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.plate.PlateColour;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the detection stage alone: for the lpr-dev scenes (true box in labels.tsv) and a fresh
 * synthetic set (true corners from the renderer, the same frames {@link GenerateSynthetic} writes for
 * the seed), the share of images where some candidate overlaps the plate with IoU ≥ 0.5 (any, in the
 * first 3, in the first 10), how tight the best candidate is, the mean number of candidates and
 * detection milliseconds on one thread. Synthetic figures are broken down by colour and day/night.
 * {@code mvn -q -pl gate-agent/lpr compile exec:java@detect-recall -Dexec.args="--count 200 --seed 7"}.
 */
public final class DetectRecall {

    static final double MIN_IOU = 0.5;

    /** Recall figures of one group of images. */
    static final class Tally {
        int images;
        int any;
        int top3;
        int top10;
        long candidates;
        double bestIouSum;
        double cornerIouSum;
        int cornerImages;
        final List<Double> ms = new ArrayList<>();
        final List<Double> cpuMs = new ArrayList<>();

        void add(List<PlateCandidate> found, Point[] truth, Timed timed) {
            images++;
            candidates += found.size();
            ms.add(timed.ms());
            cpuMs.add(timed.cpuMs());
            int first = -1;
            double best = 0;
            for (int i = 0; i < found.size(); i++) {
                double iou = iou(found.get(i).quad(), truth);
                best = Math.max(best, iou);
                if (first < 0 && iou >= MIN_IOU) {
                    first = i;
                }
            }
            bestIouSum += best;
            any += first >= 0 ? 1 : 0;
            top3 += first >= 0 && first < 3 ? 1 : 0;
            top10 += first >= 0 && first < 10 ? 1 : 0;
        }

        double recall() {
            return images == 0 ? 0 : (double) any / images;
        }

        void print(PrintStream out, String name) {
            List<Double> sorted = new ArrayList<>(ms);
            Collections.sort(sorted);
            List<Double> cpu = new ArrayList<>(cpuMs);
            Collections.sort(cpu);
            out.printf(Locale.ROOT, "  %-10s %4d  recall %5.1f%%  top3 %5.1f%%  top10 %5.1f%%  best IoU %.2f"
                    + "  candidates %4.1f  ms p50 %5.1f p95 %5.1f  cpu ms p50 %5.1f p95 %5.1f%n", name, images,
                            pct(any),
                    pct(top3), pct(top10), images == 0 ? 0 : bestIouSum / images,
                    images == 0 ? 0 : (double) candidates / images, percentile(sorted, 0.5), percentile(sorted, 0.95),
                    percentile(cpu, 0.5), percentile(cpu, 0.95));
            if (cornerImages > 0) {
                out.printf(Locale.ROOT,
                        "  %-10s %4d  best candidate against the plate's own corners (CCPD name): IoU %.2f%n",
                        "", cornerImages, cornerIouSum / cornerImages);
            }
        }

        private double pct(int n) {
            return images == 0 ? 0 : 100.0 * n / images;
        }
    }

    /** Wall-clock and this thread's CPU milliseconds of one detection (CPU time is less hurt by other load). */
    record Timed(List<PlateCandidate> found, double ms, double cpuMs) {
    }

    private DetectRecall() {
    }

    static Timed timed(PlateDetector detector, Mat frame) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        List<PlateCandidate> found = detector.detect(frame);
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        return new Timed(found, (t1 - t0) / 1e6, (c1 - c0) / 1e6);
    }

    @Command(name = "detect-recall", sortOptions = false,
            description = "Measures the plate detector's recall on the labelled scenes and on synthetic frames.")
    static final class Options {
        @Option(names = "--dev", paramLabel = "DIR",
                description = "the labelled photographs, or none (default: ${DEFAULT-VALUE})")
        String dev = System.getProperty("lpr.dev", "../shared/lpr-dev");

        @Option(names = "--count", paramLabel = "N", description = "synthetic frames (default: ${DEFAULT-VALUE})")
        int count = 200;

        @Option(names = "--seed", paramLabel = "N",
                description = "seeds the synthetic frames (default: ${DEFAULT-VALUE})")
        long seed = 7;

        @Option(names = "--misses", paramLabel = "FILE", description = "also write every miss to this file")
        String misses = "";

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    public static void main(String[] argv) throws IOException {
        Options o = CommandLines.parseOrExit(new Options(), argv);
        OpenCvNative.load();
        Core.setNumThreads(1);
        PlateDetector detector = new PlateDetector();
        warmUp(detector);
        StringBuilder misses = new StringBuilder("set\tfile\tbest IoU\tcandidates\n");
        Path dev = Path.of(o.dev);
        if (!"none".equals(o.dev) && Files.isRegularFile(dev.resolve("labels.tsv"))) {
            Tally t = dev(detector, dev, misses);
            System.out.println("lpr-dev scenes (" + dev + "), IoU >= " + MIN_IOU + " with the labelled box:");
            t.print(System.out, "scenes");
        } else {
            System.out.println("lpr-dev: no labels.tsv under " + dev + ", skipped");
        }
        Map<String, Tally> groups = synthetic(detector, o.count, o.seed, misses);
        System.out.println("synthetic 1280x720 frames (--count " + o.count + " --seed " + o.seed
                + "), IoU >= " + MIN_IOU + " with the true corners:");
        groups.forEach((k, v) -> v.print(System.out, k));
        Map<String, Tally> hard = hardGrid(detector, o.seed, misses);
        System.out.println("hard grid: each colour, day and night, 60/100/300 px, -20/+20 deg, yaw 0.15, dirt, blur,"
                + " noise:");
        hard.forEach((k, v) -> v.print(System.out, k));
        if (!o.misses.isEmpty()) {
            Files.writeString(Path.of(o.misses), misses, StandardCharsets.UTF_8);
            System.out.println("misses: " + Path.of(o.misses).toAbsolutePath());
        }
    }

    /** A few frames first, so the figures are not the JIT's and OpenCV's first-call costs. */
    private static void warmUp(PlateDetector detector) {
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(-1);
        for (int i = 0; i < 5; i++) {
            Mat frame = Imgcodecs.imdecode(new MatOfByte(renderer.randomFrame().jpeg()), Imgcodecs.IMREAD_COLOR);
            detector.detect(frame);
            frame.release();
        }
    }

    private static void warmUp(PlateDetector detector, Path image) {
        try {
            Mat frame = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(image)), Imgcodecs.IMREAD_COLOR);
            detector.detect(frame);
            frame.release();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scenes of lpr-dev whose labels.tsv row carries a box. */
    static Tally dev(PlateDetector detector, Path dir, StringBuilder misses) throws IOException {
        Tally t = new Tally();
        List<String> lines = Files.readAllLines(dir.resolve("labels.tsv"), StandardCharsets.UTF_8);
        // Frames of this size are new to the detector's buffers and code paths: look at a few first.
        lines.stream().skip(1).filter(l -> l.split("\t").length >= 6 && !l.split("\t")[2].isBlank()).limit(3)
                .forEach(l -> warmUp(detector, dir.resolve(l.split("\t")[0])));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (f.length < 6 || f[2].isBlank()) {
                continue;
            }
            double x1 = Double.parseDouble(f[2]);
            double y1 = Double.parseDouble(f[3]);
            double x2 = Double.parseDouble(f[4]);
            double y2 = Double.parseDouble(f[5]);
            Point[] truth = {new Point(x1, y1), new Point(x2, y1), new Point(x2, y2), new Point(x1, y2)};
            Mat frame = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(dir.resolve(f[0]))),
                    Imgcodecs.IMREAD_COLOR);
            Timed timed = timed(detector, frame);
            frame.release();
            // The label is an upright box: compare the candidates' upright boxes with it.
            List<PlateCandidate> boxes = timed.found().stream()
                    .map(c -> new PlateCandidate(box(c.quad()), c.colourHint(), c.score())).toList();
            t.add(boxes, truth, timed);
            Point[] corners = ccpdCorners(f[0]);
            if (corners != null) {
                // How tight the quads are: the best candidate against the plate's own corners.
                t.cornerIouSum += timed.found().stream().mapToDouble(c -> iou(c.quad(), corners)).max().orElse(0);
                t.cornerImages++;
            }
            noteMiss(misses, "scenes", f[0], boxes, truth);
        }
        return t;
    }

    /**
     * The plate's four corners from a CCPD file name ({@code …-x1&y1_x2&y2-BRx&BRy_BLx&BLy_TLx&TLy_TRx&TRy-…}),
     * top-left first, or null when the name is not in that form.
     */
    static Point[] ccpdCorners(String file) {
        String name = Path.of(file).getFileName().toString();
        String[] parts = name.split("-");
        if (parts.length < 4) {
            return null;
        }
        String[] v = parts[3].split("_");
        if (v.length != 4) {
            return null;
        }
        Point[] p = new Point[4];
        try {
            for (int i = 0; i < 4; i++) {
                String[] xy = v[i].split("&");
                p[i] = new Point(Double.parseDouble(xy[0]), Double.parseDouble(xy[1]));
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
        return new Point[] {p[2], p[3], p[0], p[1]};
    }

    /** A fresh synthetic set, grouped as all, by colour and by day/night. */
    static Map<String, Tally> synthetic(PlateDetector detector, int count, long seed, StringBuilder misses) {
        Map<String, Tally> groups = new LinkedHashMap<>();
        for (String g : List.of("all", "BLUE", "YELLOW", "GREEN", "WHITE", "BLACK", "day", "night", "tilt<=10",
                "tilt>10", "width<100", "width>=100", "mono")) {
            groups.put(g, new Tally());
        }
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(seed);
        for (int i = 0; i < count; i++) {
            SyntheticFrame f = renderer.randomFrame();
            Point[] truth = new Point[4];
            for (int k = 0; k < 4; k++) {
                truth[k] = new Point(f.quad()[k].getX(), f.quad()[k].getY());
            }
            Mat frame = Imgcodecs.imdecode(new MatOfByte(f.jpeg()), Imgcodecs.IMREAD_COLOR);
            Timed timed = timed(detector, frame);
            List<PlateCandidate> found = timed.found();
            // The same frame as a monochrome (infrared, night) camera gives it: no colour to go by.
            Imgproc.cvtColor(frame, frame, Imgproc.COLOR_BGR2GRAY);
            Imgproc.cvtColor(frame, frame, Imgproc.COLOR_GRAY2BGR);
            Timed mono = timed(detector, frame);
            groups.get("mono").add(mono.found(), truth, mono);
            frame.release();
            String light = f.placement().night() ? "night" : "day";
            for (String g : List.of("all", f.colour().name(), light,
                    Math.abs(f.placement().tiltDeg()) > 10 ? "tilt>10" : "tilt<=10",
                    f.placement().widthPx() < 100 ? "width<100" : "width>=100")) {
                groups.computeIfAbsent(g, k -> new Tally()).add(found, truth, timed);
            }
            noteMiss(misses, "synthetic", String.format(Locale.ROOT, "frame-%05d.jpg %s %s %.0fpx %.0fdeg", i,
                    f.colour(), light, f.placement().widthPx(), f.placement().tiltDeg()), found, truth);
        }
        return groups;
    }

    /** Every colour by day and night at the spec's extremes of size and tilt, with perspective, dirt and blur. */
    static Map<String, Tally> hardGrid(PlateDetector detector, long seed, StringBuilder misses) {
        Map<String, Tally> groups = new LinkedHashMap<>();
        for (String g : List.of("all", "BLUE", "YELLOW", "GREEN", "WHITE", "BLACK", "day", "night")) {
            groups.put(g, new Tally());
        }
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(seed);
        int i = 0;
        for (PlateColour colour : List.of(PlateColour.BLUE, PlateColour.YELLOW, PlateColour.GREEN, PlateColour.WHITE,
                PlateColour.BLACK)) {
            for (boolean night : new boolean[] {false, true}) {
                for (double width : new double[] {60, 100, 300}) {
                    for (double tilt : new double[] {-20, 20}) {
                        i++;
                        double x = 200 + (i * 379) % 880;
                        double y = 150 + (i * 211) % 420;
                        Placement p = new Placement(x, y, width, tilt, 0.15, night, 0.5, 1.2, 8);
                        SyntheticFrame f = renderer.renderFrame(renderer.texts().text(colour), colour, p);
                        Point[] truth = new Point[4];
                        for (int k = 0; k < 4; k++) {
                            truth[k] = new Point(f.quad()[k].getX(), f.quad()[k].getY());
                        }
                        Mat frame = Imgcodecs.imdecode(new MatOfByte(f.jpeg()), Imgcodecs.IMREAD_COLOR);
                        Timed timed = timed(detector, frame);
                        List<PlateCandidate> found = timed.found();
                        frame.release();
                        for (String g : List.of("all", colour.name(), night ? "night" : "day")) {
                            groups.get(g).add(found, truth, timed);
                        }
                        noteMiss(misses, "hard", String.format(Locale.ROOT, "%d %s %s %.0fpx %.0fdeg", i, colour,
                                night ? "night" : "day", width, tilt), found, truth);
                    }
                }
            }
        }
        return groups;
    }

    private static void noteMiss(StringBuilder misses, String set, String file, List<PlateCandidate> found,
            Point[] truth) {
        double best = found.stream().mapToDouble(c -> iou(c.quad(), truth)).max().orElse(0);
        if (best < MIN_IOU) {
            misses.append(String.format(Locale.ROOT, "%s\t%s\t%.2f\t%d%n", set, file, best, found.size()));
        }
    }

    /** Intersection over union of two convex quadrilaterals: the detector's own measure. */
    static double iou(Point[] a, Point[] b) {
        return PlateDetector.overlap(a, b);
    }

    /** The upright bounding box of a quadrilateral, as corners. */
    static Point[] box(Point[] q) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Point p : q) {
            x0 = Math.min(x0, p.x);
            y0 = Math.min(y0, p.y);
            x1 = Math.max(x1, p.x);
            y1 = Math.max(y1, p.y);
        }
        return new Point[] {new Point(x0, y0), new Point(x1, y0), new Point(x1, y1), new Point(x0, y1)};
    }

    private static double percentile(List<Double> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }
}
