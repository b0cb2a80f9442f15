package io.parkgate.lpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkgate.lpr.synth.Placement;
import io.parkgate.lpr.synth.SyntheticFrame;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.lpr.tools.Evaluate;
import io.parkgate.lpr.tools.LabelledImages;
import io.parkgate.plate.PlateColour;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlateRecognizerTest {

    private static PlateRecognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = PlateRecognizer.load();
    }

    /** Verifies that a clear daylight plate is found and read, with its colour, confidences and corners. */
    @Test
    void readsClearPlateEndToEnd() {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(11);
        SyntheticFrame f = r.renderFrame("浙A6MX97", PlateColour.BLUE, new Placement(640, 420, 220, 4, 0, false, 0,
                0.5, 2));
        List<PlateReading> readings = recognizer.recognise(f.jpeg());
        assertEquals(1, readings.size(), readings.toString());
        PlateReading p = readings.get(0);
        // Synthetic provinces and M/H are the model's weak spots (docs/lpr.md): at most two wrong today.
        assertTrue(wrongCharacters("浙A6MX97", p.text()) <= 2, "read " + p.text());
        assertEquals(PlateColour.BLUE, p.colour());
        assertEquals(7, p.charConfidence().length);
        assertTrue(p.confidence() > 0.5 && p.confidence() <= 1, "confidence " + p.confidence());
        for (int i = 0; i < 4; i++) {
            assertTrue(p.quad()[i].distance(f.quad()[i]) < 25, "corner " + i + " " + p.quad()[i] + " vs " + f.quad()[i]);
        }
    }

    private static int wrongCharacters(String truth, String read) {
        List<String> t = io.parkgate.lpr.read.PlateAlphabet.split(truth);
        List<String> r = io.parkgate.lpr.read.PlateAlphabet.split(read);
        int wrong = Math.abs(t.size() - r.size());
        for (int i = 0; i < Math.min(t.size(), r.size()); i++) {
            wrong += t.get(i).equals(r.get(i)) ? 0 : 1;
        }
        return wrong;
    }

    /** Verifies that a green new-energy plate is read as 8 characters and reported green. */
    @Test
    void readsGreenEightCharacterPlate() {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(12);
        SyntheticFrame f = r.renderFrame("粤BD12345", PlateColour.GREEN, new Placement(600, 400, 240, -5, 0, false, 0,
                0.5, 2));
        List<PlateReading> readings = recognizer.recognise(f.jpeg());
        assertTrue(!readings.isEmpty(), "green plate not found");
        assertEquals(PlateColour.GREEN, readings.get(0).colour());
        assertEquals(8, readings.get(0).text().codePointCount(0, readings.get(0).text().length()));
    }

    /** Verifies end-to-end accuracy and speed on freshly generated synthetic frames of every kind. */
    @Test
    void syntheticFramesMostlyReadExactly(@TempDir Path dir) throws Exception {
        io.parkgate.lpr.tools.GenerateSynthetic.generate(dir, 40, 2024);
        Evaluate.Summary s = Evaluate.run(recognizer, LabelledImages.read(dir), "frame", dir.resolve("out.tsv"));
        assertEquals(40, s.images());
        assertTrue(s.exactRate() >= 0.15, "exact rate on synthetic frames " + s.exactRate());
        assertTrue((double) s.charsRight() / s.chars() >= 0.6, "character rate " + s.charsRight() + "/" + s.chars());
        // Speed is the benchmark's business (docs/benchmarks.md), not asserted here.
        System.out.printf("synthetic frames: exact %.2f, p50 %.1f ms%n", s.exactRate(), s.p50Ms());
    }

    /** Verifies accuracy on the real CCPD car-park photographs of lpr-dev, when this machine has them. */
    @Test
    void readsRealScenes(@TempDir Path dir) throws Exception {
        Path dev = DevData.dir();
        assumeTrue(dev != null, "no ../shared/lpr-dev here");
        List<LabelledImages.Item> all = LabelledImages.read(dev);
        all.removeIf(i -> !i.relative().startsWith("scenes/"));
        Evaluate.Summary s = Evaluate.run(recognizer, all, "frame", dir.resolve("out.tsv"));
        assertTrue(s.images() >= 20);
        assertTrue(s.found() >= s.images() / 2, "found " + s.found() + " of " + s.images());
        assertTrue(s.exactRate() >= 0.35, "exact rate on real scenes " + s.exactRate());
    }

    /** Verifies that the held-out real crops (never trained on) are read well enough. */
    @Test
    void readsHeldOutRealCrops(@TempDir Path dir) throws Exception {
        Path dev = DevData.dir();
        assumeTrue(dev != null, "no ../shared/lpr-dev here");
        List<LabelledImages.Item> crops = LabelledImages.read(dev.resolve("crops"));
        crops.removeIf(i -> !LabelledImages.heldOut(i));
        Evaluate.Summary s = Evaluate.run(recognizer, crops, "crop", dir.resolve("out.tsv"));
        assertTrue(s.images() > 150);
        assertTrue(s.exactRate() >= 0.35, "exact rate on held-out crops " + s.exactRate());
        assertTrue((double) s.charsRight() / s.chars() >= 0.6, "character accuracy " + s.charsRight() + "/" + s.chars());
    }
}
