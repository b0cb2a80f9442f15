package io.parkgate.lpr.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.PlateRecognizer;
import io.parkgate.lpr.read.CnnPlateReader;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The speed comparison's own parts: the other build's loader, and the order images are timed in. */
class CompareSpeedTest {

    private static Path ownClasses() throws Exception {
        return Path.of(PlateRecognizer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * Verifies that the baseline's recogniser and networks come from the baseline's folder, not from this build, while
     * OpenCV's classes are this JVM's (its native library is bound to them).
     */
    @Test
    void loadsTheBaselinesOwnClassesAndNetworks() throws Exception {
        Path classes = ownClasses();
        assertNull(CompareSpeed.notABuild(classes));
        try (CompareSpeed.BuildLoader loader = new CompareSpeed.BuildLoader(classes,
                CompareSpeedTest.class.getClassLoader())) {
            Class<?> theirs = loader.loadClass(PlateRecognizer.class.getName());
            assertNotSame(PlateRecognizer.class, theirs);
            assertSame(loader, theirs.getClassLoader());
            Class<?> reader = loader.loadClass(CnnPlateReader.class.getName());
            URL network = reader.getResource(CnnPlateReader.RESOURCE);
            assertTrue(Path.of(network.toURI()).startsWith(classes), network.toString());
            assertSame(org.opencv.core.Mat.class, loader.loadClass("org.opencv.core.Mat"));
        }
    }

    /**
     * Verifies that every image is examined by both builds the same number of times, after the untimed rounds, and that
     * which build goes first alternates, so neither always runs on a cache the other warmed.
     */
    @Test
    void timesBothBuildsOnEveryImageInAlternatingOrder() {
        List<String> calls = new ArrayList<>();
        List<byte[]> images = List.of(new byte[] {0}, new byte[] {1}, new byte[] {2});
        CompareSpeed.Timings t = CompareSpeed.time(List.of("a", "b", "c"), images,
                image -> calls.add("base" + image[0]), image -> calls.add("this" + image[0]), 4);
        int rounds = 2 + 4;
        assertEquals(2 * 3 * rounds, calls.size());
        for (String who : List.of("base", "this")) {
            for (int i = 0; i < 3; i++) {
                String call = who + i;
                assertEquals(rounds, calls.stream().filter(call::equals).count(), call);
            }
        }
        List<String> timed = calls.subList(2 * 3 * 2, calls.size());
        long baseFirst = 0;
        for (int pair = 0; pair < timed.size(); pair += 2) {
            assertEquals(timed.get(pair).substring(4), timed.get(pair + 1).substring(4), "one image at a time");
            baseFirst += timed.get(pair).startsWith("base") ? 1 : 0;
        }
        assertEquals(timed.size() / 4, baseFirst, "the baseline goes first in half the pairs");
        assertEquals(3, t.baseline().length);
        assertEquals(List.of("a", "b", "c"), t.images());
    }

    /** Verifies the order statistic used: the lower median, and the value at or above 95 % of the others. */
    @Test
    void percentilesAreOrderStatistics() {
        double[] values = {5, 1, 4, 2, 3};
        assertEquals(3, CompareSpeed.percentile(values, 0.5));
        assertEquals(5, CompareSpeed.percentile(values, 0.95));
        assertEquals(2, CompareSpeed.percentile(new double[] {4, 1, 3, 2}, 0.5));
        assertEquals(7, CompareSpeed.percentile(new double[] {7}, 0.5));
    }
}
