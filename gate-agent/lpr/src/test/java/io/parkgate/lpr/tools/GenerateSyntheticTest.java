package io.parkgate.lpr.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.read.PlateAlphabet;
import io.parkgate.lpr.synth.Condition;
import io.parkgate.lpr.synth.Placement;
import io.parkgate.lpr.synth.SyntheticFrame;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.plate.PlateColour;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class GenerateSyntheticTest {

    /** Verifies that every twentieth frame is a white WJ plate and the others are the renderer's usual frames for the
     * seed. */
    @Test
    void armedPoliceFramesLeaveTheOthersAsTheyWere(@TempDir Path dir) throws Exception {
        GenerateSynthetic.generate(dir, 21, 7);
        List<String> rows = Files.readAllLines(dir.resolve("labels.tsv"), StandardCharsets.UTF_8);
        assertEquals(22, rows.size());
        SyntheticPlateRenderer usual = new SyntheticPlateRenderer(7);
        for (int i = 0; i < 21; i++) {
            String[] row = rows.get(i + 1).split("\t");
            if (i == 19) {
                assertTrue(PlateAlphabet.isArmedPolice(row[1]), row[1]);
                assertEquals("WHITE", row[2]);
            } else {
                assertTrue(!PlateAlphabet.isArmedPolice(row[1]), row[1]);
                assertArrayEquals(usual.randomFrame().jpeg(), Files.readAllBytes(dir.resolve(row[0])), row[0]);
            }
        }
    }

    /** Verifies that a balanced set shows every province equally often, condition by condition, each a well-formed
     * plate. */
    @Test
    void balancedSetHasEveryProvinceEquallyOften(@TempDir Path dir) throws Exception {
        GenerateSynthetic.generateBalanced(dir, 62, 3);
        List<String> rows = Files.readAllLines(dir.resolve("labels.tsv"), StandardCharsets.UTF_8);
        assertEquals("file\tplate\tcolour\tquad\tlight\tcondition", rows.get(0));
        Map<String, Integer> perProvince = new HashMap<>();
        for (int i = 1; i < rows.size(); i++) {
            String[] row = rows.get(i).split("\t");
            assertTrue(PlateAlphabet.isPlate(row[1]), row[1]);
            perProvince.merge(row[1].substring(0, 1), 1, Integer::sum);
            assertEquals(i <= 31 ? "clear" : "motion_blur", row[5]);
            assertEquals("day", row[4]);
            assertTrue(Files.size(dir.resolve(row[0])) > 1000);
        }
        assertEquals(31, perProvince.size());
        assertTrue(perProvince.values().stream().allMatch(n -> n == 2), perProvince.toString());
    }

    /** Verifies that a side-view set names each frame's angle, in turn, and draws the plate that much narrower. */
    @Test
    void sideViewSetTurnsThePlateAway(@TempDir Path dir) throws Exception {
        GenerateSynthetic.generateSideView(dir, 10, 4);
        List<String> rows = Files.readAllLines(dir.resolve("labels.tsv"), StandardCharsets.UTF_8);
        assertEquals("file\tplate\tcolour\tquad\tlight\tcondition", rows.get(0));
        assertEquals(11, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            String[] row = rows.get(i).split("\t");
            int degrees = GenerateSynthetic.SIDE_DEGREES[(i - 1) % GenerateSynthetic.SIDE_DEGREES.length];
            assertEquals("side-" + degrees, row[5]);
            assertTrue(PlateAlphabet.isPlate(row[1]), row[1]);
            String[] q = row[3].split(" ");
            double top = distance(q[0], q[1]);
            double left = distance(q[0], q[3]);
            // 440 × 140 mm (3.14) or 480 × 140 (3.43) straight on, times the cosine.
            double aspect = top / left;
            double cos = Math.cos(Math.toRadians(degrees));
            assertTrue(aspect > 3.0 * cos && aspect < 3.6 * cos, row[0] + " at " + degrees + "°: aspect " + aspect);
        }
    }

    /** Verifies that a double-row set holds yellow 2:1 plates, none of them a single-row 学 coach plate. */
    @Test
    void doubleRowSetHoldsYellowTwoRowPlates(@TempDir Path dir) throws Exception {
        GenerateSynthetic.generateDoubleRow(dir, 8, 5);
        List<String> rows = Files.readAllLines(dir.resolve("labels.tsv"), StandardCharsets.UTF_8);
        assertEquals("file\tplate\tcolour\tquad\tlight", rows.get(0));
        assertEquals(9, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            String[] row = rows.get(i).split("\t");
            assertEquals("YELLOW", row[2]);
            assertTrue(PlateAlphabet.isPlate(row[1]) && !row[1].endsWith("学"), row[1]);
            String[] q = row[3].split(" ");
            assertEquals(2.0, distance(q[0], q[1]) / distance(q[0], q[3]), 0.05, row[0]);
        }
    }

    /** Verifies that an analogue set holds 720×576 frames, each field's motion named in turn, corners scaled to it. */
    @Test
    void analogueSetIsPalSized(@TempDir Path dir) throws Exception {
        GenerateSynthetic.generateAnalogue(dir, 4, 6);
        List<String> rows = Files.readAllLines(dir.resolve("labels.tsv"), StandardCharsets.UTF_8);
        assertEquals("file\tplate\tcolour\tquad\tlight\tcondition", rows.get(0));
        for (int i = 1; i < rows.size(); i++) {
            String[] row = rows.get(i).split("\t");
            assertEquals("motion-" + GenerateSynthetic.FIELD_MOTION_PX[i - 1] + "px", row[5]);
            Mat frame = Imgcodecs.imread(dir.resolve(row[0]).toString());
            assertEquals(720, frame.cols());
            assertEquals(576, frame.rows());
            for (String point : row[3].split(" ")) {
                double x = Double.parseDouble(point.split(",")[0]);
                double y = Double.parseDouble(point.split(",")[1]);
                assertTrue(x >= -50 && x <= 770 && y >= -50 && y <= 626, row[0] + " corner " + point);
            }
        }
    }

    /** The distance between two "x,y" points. */
    private static double distance(String a, String b) {
        String[] p = a.split(",");
        String[] q = b.split(",");
        return Math.hypot(Double.parseDouble(q[0]) - Double.parseDouble(p[0]),
                Double.parseDouble(q[1]) - Double.parseDouble(p[1]));
    }

    /** Verifies that each condition keeps the frame's size, infrared is grey, glare brightens the plate's side and blur
     * smooths. */
    @Test
    void conditionsSpoilTheFrameAsNamed() {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(4);
        SyntheticFrame f = r.renderFrame("湘A12345", PlateColour.BLUE, new Placement(640, 360, 200, 0, 0, true,
                0, 0, 0));
        Mat clear = Imgcodecs.imdecode(new MatOfByte(f.jpeg()), Imgcodecs.IMREAD_COLOR);
        for (Condition c : Condition.values()) {
            Mat m = Imgcodecs.imdecode(new MatOfByte(c.apply(f.jpeg(), f.quad(), new Random(1))),
                    Imgcodecs.IMREAD_COLOR);
            assertEquals(clear.size(), m.size(), c.name());
            if (c == Condition.NIGHT_IR) {
                List<Mat> ch = new java.util.ArrayList<>();
                Core.split(m, ch);
                assertTrue(Core.norm(ch.get(0), ch.get(2), Core.NORM_L1) / m.total() < 3, "IR frame is grey");
            }
            if (c == Condition.NIGHT_GLARE) {
                assertTrue(Core.mean(m).val[1] > Core.mean(clear).val[1], "glare brightens");
            }
            if (c == Condition.NIGHT_MOTION_BLUR) {
                Mat a = new Mat();
                Mat b = new Mat();
                Imgproc.Laplacian(clear, a, org.opencv.core.CvType.CV_16S);
                Imgproc.Laplacian(m, b, org.opencv.core.CvType.CV_16S);
                assertTrue(Core.norm(b, Core.NORM_L1) < Core.norm(a, Core.NORM_L1) * 0.8, "blur smooths");
            }
        }
    }

    /** Verifies that a two-vehicle set labels the near plate and names the other, both well-formed and different. */
    @Test
    void twoVehicleSetLabelsTheNearPlate(@TempDir Path dir) throws Exception {
        GenerateSynthetic.generateTwoVehicles(dir, 3, 2);
        List<String> rows = Files.readAllLines(dir.resolve("labels.tsv"), StandardCharsets.UTF_8);
        assertEquals("file\tplate\tcolour\tquad\tother", rows.get(0));
        assertEquals(4, rows.size());
        for (String row : rows.subList(1, 4)) {
            String[] f = row.split("\t");
            assertTrue(PlateAlphabet.isPlate(f[1]) && PlateAlphabet.isPlate(f[4]) && !f[1].equals(f[4]), row);
            double width = EvaluationClasses.labelledWidth(new LabelledImages.Item(dir.resolve(f[0]), f[0], f[1], "",
                    Map.of("quad", f[3])));
            assertTrue(width >= 140, "the near plate is large: " + width);
        }
    }
}
