package io.parkgate.lpr.tools;

import io.parkgate.cli.CommandLines;
import io.parkgate.lpr.PlateRecognizer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Core;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Compares the recogniser's speed with another build of it (a baseline commit's compiled classes) in one JVM: every
 * image is examined by both in turn, the order alternating, {@code --repeat} times, and each image's time is the median
 * of its runs (thread CPU time, one thread). On a shared or throttled machine two runs of one build minutes apart
 * differ by more than most changes cost; run side by side, both builds see the same machine. The baseline's classes
 * ({@code io.parkgate.lpr.*} and its networks) come from its folder, everything else (OpenCV, the domain module) is
 * shared.
 */
public final class CompareSpeed {

    /** The recogniser's package: these classes and resources are loaded from the baseline's folder. */
    private static final String OWN = "io.parkgate.lpr.";
    private static final String OWN_RESOURCES = "io/parkgate/lpr/";
    /** Rounds over all images before timing starts (the JIT's and OpenCV's first passes). */
    private static final int WARM_UP = 2;

    private CompareSpeed() {
    }

    @Command(name = "compare-speed", sortOptions = false,
            description = "Times this build of the recogniser against another build's classes, image by image.")
    static final class Options {
        @Option(names = "--baseline", paramLabel = "DIR", required = true,
                description = "the other build's gate-agent/lpr/target/classes")
        Path baseline;

        @Option(names = "--dir", paramLabel = "DIR", required = true, description = "a labelled folder (labels.tsv)")
        Path dir;

        @Option(names = "--subset", paramLabel = "PREFIX", description = "only images under this prefix (default: all)")
        String subset = "";

        @Option(names = "--repeat", paramLabel = "N", description = "runs of each image by each build (default: "
                + "${DEFAULT-VALUE})")
        int repeat = 7;

        @Option(names = "--out", paramLabel = "FILE",
                description = "per-image milliseconds (default: ${DEFAULT-VALUE})")
        Path out = Path.of("target/lpr-speed.tsv");

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    /** Each image's median thread CPU milliseconds under the baseline and under this build. */
    public record Timings(List<String> images, double[] baseline, double[] current) {

        void print(PrintStream out) {
            int n = images.size();
            double[] diff = new double[n];
            for (int i = 0; i < n; i++) {
                diff[i] = current[i] - baseline[i];
            }
            out.printf(Locale.ROOT, "  images %d; thread CPU ms per image, each the median of its runs%n", n);
            out.printf(Locale.ROOT, "  baseline: p50 %.1f, p95 %.1f, mean %.1f%n", percentile(baseline, 0.5),
                    percentile(baseline, 0.95), mean(baseline));
            out.printf(Locale.ROOT, "  this build: p50 %.1f, p95 %.1f, mean %.1f%n", percentile(current, 0.5),
                    percentile(current, 0.95), mean(current));
            out.printf(Locale.ROOT, "  this build minus baseline, image by image: median %+.1f, mean %+.1f%n",
                    percentile(diff, 0.5), mean(diff));
        }
    }

    /** Something that examines an encoded image; the time of a call is what is measured. */
    interface Examiner {
        void examine(byte[] image);
    }

    public static void main(String[] argv) throws IOException {
        Options o = CommandLines.parseOrExit(new Options(), argv);
        if (o.repeat < 1 || o.repeat > 1000) {
            System.err.println("--repeat expects 1 to 1000 runs, got " + o.repeat);
            System.exit(CommandLines.USAGE);
        }
        String problem = notABuild(o.baseline);
        if (problem != null) {
            System.err.println("--baseline " + o.baseline.toAbsolutePath() + ": " + problem);
            System.exit(CommandLines.USAGE);
        }
        if (!Files.isDirectory(o.dir)) {
            System.err.println("--dir " + o.dir.toAbsolutePath() + " is not a folder: nothing timed");
            System.exit(CommandLines.USAGE);
        }
        List<LabelledImages.Item> items = new ArrayList<>(LabelledImages.list(o.dir).items());
        items.removeIf(i -> !i.relative().startsWith(o.subset) || !Files.isRegularFile(i.file()));
        List<String> names = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        for (LabelledImages.Item item : items) {
            names.add(item.relative());
            images.add(Files.readAllBytes(item.file()));
        }
        if (images.isEmpty()) {
            System.err.println("--dir " + o.dir.toAbsolutePath() + " has no images under '" + o.subset + "'");
            System.exit(CommandLines.USAGE);
        }
        PlateRecognizer recognizer = PlateRecognizer.load();
        Core.setNumThreads(1);
        Examiner baseline = baselineExaminer(o.baseline);
        Timings t = time(names, images, baseline, recognizer::examine, o.repeat);
        System.out.println(o.dir + " [" + o.subset + "], " + o.repeat + " runs of each image by each build");
        t.print(System.out);
        write(t, o.out);
        System.out.println("  per-image milliseconds: " + o.out.toAbsolutePath());
    }

    /** Why a folder is not a build of the recogniser, or null. */
    static String notABuild(Path classes) {
        if (!Files.isDirectory(classes)) {
            return "not a folder (expected another build's gate-agent/lpr/target/classes)";
        }
        if (!Files.isRegularFile(classes.resolve("io/parkgate/lpr/PlateRecognizer.class"))) {
            return "holds no io/parkgate/lpr/PlateRecognizer.class (compile that build first)";
        }
        return null;
    }

    /** The baseline's recogniser, loaded from its own classes and called through its public API. */
    static Examiner baselineExaminer(Path classes) {
        try {
            ClassLoader loader = new BuildLoader(classes, CompareSpeed.class.getClassLoader());
            Class<?> type = loader.loadClass(PlateRecognizer.class.getName());
            Object recognizer = type.getMethod("load").invoke(null);
            Method examine = type.getMethod("examine", byte[].class);
            return image -> {
                try {
                    examine.invoke(recognizer, (Object) image);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("the baseline failed on an image: " + e.getCause(), e);
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the baseline in " + classes + " has no PlateRecognizer.load() and "
                    + "examine(byte[]): " + e, e);
        }
    }

    /**
     * Times both examiners on every image, {@code repeat} times each, alternating which goes first, after
     * {@link #WARM_UP} untimed rounds.
     */
    static Timings time(List<String> names, List<byte[]> images, Examiner baseline, Examiner current, int repeat) {
        for (int round = 0; round < WARM_UP; round++) {
            for (byte[] image : images) {
                baseline.examine(image);
                current.examine(image);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int n = images.size();
        double[][][] ms = new double[2][n][repeat];
        Examiner[] both = {baseline, current};
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 2; k++) {
                    int which = (r + i + k) % 2;
                    long c0 = threads.getCurrentThreadCpuTime();
                    both[which].examine(images.get(i));
                    ms[which][i][r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                }
            }
        }
        double[][] median = new double[2][n];
        for (int which = 0; which < 2; which++) {
            for (int i = 0; i < n; i++) {
                median[which][i] = percentile(ms[which][i], 0.5);
            }
        }
        return new Timings(List.copyOf(names), median[0], median[1]);
    }

    private static void write(Timings t, Path out) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("file\tbaseline_ms\tthis_build_ms\n");
            for (int i = 0; i < t.images().size(); i++) {
                w.write(String.format(Locale.ROOT, "%s\t%.2f\t%.2f%n", t.images().get(i), t.baseline()[i],
                        t.current()[i]));
            }
        }
    }

    /** The smallest value with at least {@code share} of the values at or below it (for 0.5, the lower median). */
    static double percentile(double[] values, double share) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(share * sorted.length) - 1)];
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    /**
     * Loads the recogniser's own classes and resources from another build's folder, first; everything else from the
     * parent (OpenCV's classes must be the ones its native library is bound to).
     */
    static final class BuildLoader extends URLClassLoader {

        BuildLoader(Path classes, ClassLoader parent) {
            super(new URL[] {url(classes)}, parent);
        }

        private static URL url(Path classes) {
            try {
                return classes.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(OWN)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            String path = name.startsWith("/") ? name.substring(1) : name;
            if (path.startsWith(OWN_RESOURCES)) {
                return findResource(path);
            }
            return super.getResource(name);
        }
    }
}
