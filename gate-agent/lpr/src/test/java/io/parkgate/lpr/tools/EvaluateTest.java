package io.parkgate.lpr.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.PlateRecognizer;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.plate.PlateColour;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Verifies that a run never stops on a bad file: a folder named x.jpg, a file missing from the
     * folder, a GIF and a damaged JPEG are each listed with their reason, a PNG named .jpg is read, and
     * the run is broken down by province, colour, light and plate width.
     */
    @Test
    void badFilesAreReportedNotFatal(@TempDir Path dir) throws Exception {
        PlateRecognizer recognizer = PlateRecognizer.load();
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(5);
        Mat plate = r.renderPlate("皖A12345", PlateColour.BLUE);
        Imgproc.resize(plate, plate, new Size(188, 48), 0, 0, Imgproc.INTER_AREA);
        org.opencv.core.MatOfByte png = new org.opencv.core.MatOfByte();
        Imgcodecs.imencode(".png", plate, png);
        Files.write(dir.resolve("png-named.jpg"), png.toArray());
        Files.createDirectories(dir.resolve("folder.jpg"));
        Files.write(dir.resolve("anim.jpg"), "GIF89a......".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Files.writeString(dir.resolve("labels.tsv"), "file\tplate\n"
                + "folder.jpg\t苏A11111\nmissing.jpg\t湘B22222\npng-named.jpg\t皖A12345\n"
                + "anim.jpg\t川C33333\nbroken.jpg\t粤O1234警\n", StandardCharsets.UTF_8);
        Evaluate.Summary s = Evaluate.run(recognizer, LabelledImages.read(dir), "auto", dir.resolve("out.tsv"));
        assertEquals(5, s.images());
        assertEquals(1, s.exact(), "the PNG named .jpg is read: " + s);
        Map<String, String> why = new HashMap<>();
        s.rejected().forEach(x -> why.put(x.file(), x.reason()));
        assertEquals(4, why.size(), why.toString());
        assertTrue(why.get("folder.jpg").contains("directory"), why.toString());
        assertTrue(why.get("missing.jpg").contains("no such file"), why.toString());
        assertTrue(why.get("anim.jpg").contains("GIF"), why.toString());
        assertTrue(why.get("broken.jpg").contains("truncated or damaged"), why.toString());
        Map<String, int[]> provinces = s.breakdowns().get("province");
        assertEquals(Set.of("苏", "湘", "皖", "川", "粤"), provinces.keySet());
        assertEquals(1, provinces.get("皖")[0]);
        assertTrue(s.breakdowns().get("colour").containsKey("WHITE (by text)"), s.breakdowns().get("colour").keySet()
                .toString());
        assertTrue(s.breakdowns().get("plate width").containsKey("c: 120-199 px"),
                s.breakdowns().get("plate width").keySet().toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        s.print(new PrintStream(printed, true, StandardCharsets.UTF_8), "test");
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("rejected folder.jpg: a directory"), text);
        assertTrue(text.contains("by province"), text);
        assertEquals(6, Files.readAllLines(dir.resolve("out.tsv"), StandardCharsets.UTF_8).size());
    }
    /**
     * Verifies that a labels.tsv that is partly not UTF-8 or has a line without a plate does not stop
     * the listing: the good lines are images, each bad line is skipped with its line number and
     * reason, and an image file under the folder that labels.tsv does not list is named too.
     */
    @Test
    void badLabelLinesAndUnlistedFilesAreSkippedWithTheirReason(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("a.jpg"), new byte[] {1});
        Files.write(dir.resolve("b.jpg"), new byte[] {1});
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/unlisted.png"), new byte[] {1});
        java.io.ByteArrayOutputStream tsv = new java.io.ByteArrayOutputStream();
        tsv.write("file\tplate\na.jpg\t皖A12345\n".getBytes(StandardCharsets.UTF_8));
        tsv.write("b.jpg\t".getBytes(StandardCharsets.UTF_8));
        tsv.write("湘B22222".getBytes(java.nio.charset.Charset.forName("GBK")));
        tsv.write("\r\nc.jpg\n\nd.jpg\t苏E88888\r\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("labels.tsv"), tsv.toByteArray());
        LabelledImages.Listing listing = LabelledImages.list(dir);
        assertEquals(List.of("a.jpg", "d.jpg"), listing.items().stream().map(LabelledImages.Item::relative).toList());
        assertEquals("苏E88888", listing.items().get(1).plate());
        Map<String, String> why = new HashMap<>();
        listing.skipped().forEach(x -> why.put(x.where(), x.reason()));
        assertEquals(Set.of("labels.tsv line 3", "labels.tsv line 4", "b.jpg", "sub/unlisted.png"), why.keySet(),
                why.toString());
        assertTrue(why.get("labels.tsv line 3").contains("not UTF-8"), why.toString());
        assertTrue(why.get("labels.tsv line 4").contains("file<TAB>plate"), why.toString());
        assertTrue(why.get("sub/unlisted.png").contains("not listed"), why.toString());
    }
}
