package io.parkgate.lpr.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.PlateRecognizer;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.plate.PlateColour;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class EvaluateTest {

    /** Verifies that without labels.tsv the file name (minus a leading _N_ index) is the label. */
    @Test
    void labelsFromFileNames(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("_3_皖A12345.jpg"), new byte[] {1});
        Files.write(dir.resolve("苏E88888.png"), new byte[] {1});
        Files.write(dir.resolve("notes.txt"), new byte[] {1});
        List<LabelledImages.Item> items = LabelledImages.read(dir);
        assertEquals(2, items.size());
        assertEquals("皖A12345", items.get(0).plate());
        assertEquals("苏E88888", items.get(1).plate());
    }

    /** Verifies that labels.tsv paths are relative to the folder and the header is skipped. */
    @Test
    void labelsFromTsv(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("labels.tsv"), "file\tplate\nsub/a.jpg\t京A00001\t1\t2\t3\t4\n",
                StandardCharsets.UTF_8);
        List<LabelledImages.Item> items = LabelledImages.read(dir);
        assertEquals(1, items.size());
        assertEquals(dir.resolve("sub/a.jpg"), items.get(0).file());
        assertEquals("京A00001", items.get(0).plate());
    }

    /** Verifies that a run counts images, reads plate crops, and writes one TSV row per image. */
    @Test
    void evaluatesCropsAndWritesTsv(@TempDir Path dir) throws Exception {
        PlateRecognizer recognizer = PlateRecognizer.load();
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(5);
        for (String text : new String[] {"皖A12345", "浙B7C590", "鲁Q32118"}) {
            Mat plate = r.renderPlate(text, PlateColour.BLUE);
            Imgproc.resize(plate, plate, new Size(188, 48), 0, 0, Imgproc.INTER_AREA);
            Imgcodecs.imwrite(dir.resolve(text + ".jpg").toString(), plate);
        }
        Files.write(dir.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Path tsv = dir.resolve("out/results.tsv");
        Evaluate.Summary s = Evaluate.run(recognizer, LabelledImages.read(dir), "auto", tsv);
        assertEquals(4, s.images());
        assertTrue(s.found() >= 2, "clean crops are read: " + s);
        assertTrue(s.exact() <= s.found());
        List<String> rows = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        assertEquals(5, rows.size());
        assertTrue(rows.get(0).startsWith("file\tplate\tread"));
    }
}
