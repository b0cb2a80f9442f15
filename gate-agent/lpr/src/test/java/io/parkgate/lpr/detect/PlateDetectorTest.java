package io.parkgate.lpr.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkgate.lpr.DevData;
import io.parkgate.lpr.OpenCvNative;
import io.parkgate.lpr.synth.Condition;
import io.parkgate.lpr.synth.Placement;
import io.parkgate.lpr.synth.SyntheticFrame;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.lpr.tools.GenerateSynthetic;
import io.parkgate.plate.PlateColour;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class PlateDetectorTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    private static Mat decode(byte[] jpeg) {
        return Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
    }

    private static Point[] truth(SyntheticFrame f) {
        Point[] q = new Point[4];
        for (int i = 0; i < 4; i++) {
            q[i] = new Point(f.quad()[i].getX(), f.quad()[i].getY());
        }
        return q;
    }

    /** Rank of the first candidate with IoU ≥ 0.5 against the truth, or -1. */
    private static int rank(List<PlateCandidate> found, Point[] truth) {
        for (int i = 0; i < found.size(); i++) {
            if (PlateDetector.overlap(found.get(i).quad(), truth) >= 0.5) {
                return i;
            }
        }
        return -1;
    }

    private static double bestIou(List<PlateCandidate> found, Point[] truth) {
        return found.stream().mapToDouble(c -> PlateDetector.overlap(c.quad(), truth)).max().orElse(0);
    }

    /** Verifies that a plate of each colour, by day and night, 60 to 400 px wide and tilted ±20°, is among the first
     * three candidates with IoU ≥ 0.5. */
    @ParameterizedTest
    @CsvSource({
        "BLUE, 皖A12345, 60, 0, false",
        "BLUE, 苏E5Y823, 400, -20, false",
        "BLUE, 川A8B123, 120, 12, true",
        "BLUE, 浙B7K351, 90, 20, true",
        "YELLOW, 鲁B1234学, 150, 15, false",
        "YELLOW, 豫A52871, 80, -20, true",
        "GREEN, 粤BD12345, 200, -8, false",
        "GREEN, 沪AD67890, 110, 20, true",
        "GREEN, 京AF12345, 300, -20, false",
        "WHITE, 京A1234警, 180, 5, false",
        "WHITE, 津A0234警, 100, -20, true",
        "BLACK, 粤Z1234港, 180, 0, false",
        "BLACK, 粤Z5678澳, 120, 20, true",
    })
    void findsPlate(PlateColour colour, String text, double width, double tilt, boolean night) {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(text.hashCode());
        SyntheticFrame f = r.renderFrame(text, colour, new Placement(500, 400, width, tilt, 0.05, night, 0, 0.6, 3));
        List<PlateCandidate> found = new PlateDetector().detect(decode(f.jpeg()));
        int rank = rank(found, truth(f));
        assertTrue(rank >= 0 && rank < 3, colour + " plate " + width + " px at " + tilt + "° " + (night ? "night"
                : "day")
                + ": first match at " + rank + " among " + found.size() + " candidates, best IoU "
                + bestIou(found, truth(f)));
    }

    /**
     * Verifies that a plate 40 px wide is looked for in standard-definition frames (960 px or less across) and not in
     * a lane's region of a larger camera frame: the camera's resolution decides, not the size of the part searched.
     */
    @Test
    void looksForSmallPlatesOnlyInStandardDefinitionFrames() {
        SyntheticFrame f = new SyntheticPlateRenderer(40).renderFrame("皖A12345", PlateColour.BLUE,
                new Placement(500, 400, 40, 2, 0.05, false, 0, 0.6, 3));
        Mat frame = decode(f.jpeg());
        Rect region = new Rect(200, 200, 700, 500);
        Mat part = frame.submat(region);
        Point[] truth = truth(f);
        for (Point p : truth) {
            p.x -= region.x;
            p.y -= region.y;
        }
        PlateDetector detector = new PlateDetector();
        List<PlateCandidate> asVideo = detector.detect(part);
        assertTrue(rank(asVideo, truth) >= 0, "a 700 px frame: best IoU " + bestIou(asVideo, truth));
        List<PlateCandidate> inRegion = detector.detect(part, frame.size());
        assertEquals(-1, rank(inRegion, truth), "part of a 1280 px frame: best IoU " + bestIou(inRegion, truth));
    }

    /**
     * Verifies that the spaced look outlines a large plate the usual one sees only in part (frame 34 of the
     * armed-police set, seed 11: `WJ辽46498`, 335 px wide, its characters far apart on white).
     */
    @Test
    void spacedLookFindsALargePlateSeenInPieces(@TempDir Path dir) throws Exception {
        GenerateSynthetic.generate(dir, 35, 11, true);
        Mat frame = Imgcodecs.imread(dir.resolve("frame-00034.jpg").toString());
        Point[] truth = {new Point(133.8, 164.9), new Point(468.4, 189.2), new Point(463.4, 276.5),
            new Point(128.2, 262.6)};
        PlateDetector detector = new PlateDetector();
        List<PlateCandidate> usual = detector.detect(frame);
        List<PlateCandidate> spaced = detector.detectSpaced(frame);
        // The usual look outlines only part of it (IoU 0.51 here), which reads as no plate.
        assertTrue(bestIou(usual, truth) < 0.6, "the usual look: best IoU " + bestIou(usual, truth));
        assertEquals(0, rank(spaced, truth), "the spaced look");
        assertTrue(bestIou(spaced, truth) >= 0.85, "the spaced look: best IoU " + bestIou(spaced, truth));
    }

    /** Verifies that the best candidate follows a tilted plate's own corners closely (IoU ≥ 0.7, top edge within 4°).
     * */
    @Test
    void fitsTiltedPlateTightly() {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(5);
        for (double tilt : new double[] {-18, 18}) {
            SyntheticFrame f = r.renderFrame("皖A6H268", PlateColour.BLUE, new Placement(640, 360, 220, tilt, 0,
                    false, 0,
                    0.5, 2));
            List<PlateCandidate> found = new PlateDetector().detect(decode(f.jpeg()));
            assertFalse(found.isEmpty(), "no candidate at " + tilt + "°");
            Point[] q = found.get(0).quad();
            assertTrue(PlateDetector.overlap(q, truth(f)) >= 0.7, "IoU " + PlateDetector.overlap(q, truth(f)));
            double angle = Math.toDegrees(Math.atan2(q[1].y - q[0].y, q[1].x - q[0].x));
            assertEquals(tilt, angle, 4, "top edge angle");
        }
    }

    /**
     * Verifies that a plate seen from beside the lane, up to 60° off its axis (its width then half its
     * straight-on width, its height not), is found with its own corners, in every colour.
     */
    @ParameterizedTest
    @CsvSource({"BLUE, 皖A6H268, 45", "BLUE, 湘F05588, 60", "YELLOW, 鲁B7Q502, 55", "GREEN, 粤BD12345, 55",
        "WHITE, 京A1234警, 50", "BLACK, 粤Z1234港, 60"})
    void findsPlateSeenFromTheSide(PlateColour colour, String text, double degrees) {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(text.hashCode());
        SyntheticFrame f = r.renderFrame(text, colour,
                new Placement(640, 420, 260, 3, 0.05, false, 0, 0.6, 3).seenFromSide(degrees));
        List<PlateCandidate> found = new PlateDetector().detect(decode(f.jpeg()));
        assertFalse(found.isEmpty(), "nothing found at " + degrees + "°");
        assertTrue(PlateDetector.overlap(found.get(0).quad(), truth(f)) >= 0.6,
                colour + " at " + degrees + "°: first IoU " + PlateDetector.overlap(found.get(0).quad(), truth(f))
                        + ", best " + bestIou(found, truth(f)));
    }

    /**
     * Verifies that a yellow double-row plate (440×220 mm, on trucks and buses) is offered whole, as a
     * 2:1 candidate over its two rows, by day and night, not only as a single-row plate over its lower row.
     */
    @ParameterizedTest
    @CsvSource({"鲁B7Q502, 160, false", "川E80347, 240, false", "豫R7Q3N9, 300, true"})
    void findsDoubleRowPlate(String text, double width, boolean night) {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(text.hashCode());
        SyntheticFrame f = r.renderDoubleRowFrame(text, PlateColour.YELLOW,
                new Placement(640, 400, width, 3, 0.05, night, 0, 0.6, 3));
        List<PlateCandidate> found = new PlateDetector().detect(decode(f.jpeg()));
        List<PlateCandidate> whole = found.stream().limit(3).filter(c -> PlateDetector.doubleRowShaped(c.quad()))
                .toList();
        assertTrue(bestIou(whole, truth(f)) >= 0.7, width + " px: best 2:1 candidate among the first three has IoU "
                + bestIou(whole, truth(f)) + "; all candidates' best " + bestIou(found, truth(f)));
    }

    /**
     * Verifies that a plate whose one end is bleached by glare at night (a headlight beside it) is
     * outlined whole: the colour blob stops short of the bleached characters, the character fit does
     * not. Nine of ten renderings with IoU ≥ 0.8 (seven before the fit's end was taken into glare).
     */
    @Test
    void outlinesPlateWithAnEndInGlare() {
        String[] texts = {"蒙D033D3", "粤N76RX5", "皖A6H268", "苏E5K306", "鲁B7Q502", "川A3K7Q2", "浙A6MX97", "豫R7Q3N9",
            "湘F05588", "冀C12345"};
        int whole = 0;
        StringBuilder ious = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            SyntheticFrame f = new SyntheticPlateRenderer(100 + i).renderFrame(texts[i],
                    i % 2 == 0 ? PlateColour.BLUE : PlateColour.YELLOW,
                    new Placement(640, 420, 200 + 10 * i, 2, 0.05, true, 0, 0.5, 2));
            byte[] glare = Condition.NIGHT_GLARE.apply(f.jpeg(), f.quad(), new Random(i));
            List<PlateCandidate> found = new PlateDetector().detect(decode(glare));
            double iou = found.isEmpty() ? 0 : PlateDetector.overlap(found.get(0).quad(), truth(f));
            whole += iou >= 0.8 ? 1 : 0;
            ious.append(String.format(Locale.ROOT, " %.2f", iou));
        }
        assertTrue(whole >= 9, "first candidates' IoU:" + ious);
    }

    /** Verifies the share of one quad outside another, which decides between a colour blob and a character fit. */
    @Test
    void measuresTheShareOfAQuadOutsideAnother() {
        Point[] blob = {new Point(0, 0), new Point(100, 0), new Point(100, 40), new Point(0, 40)};
        Point[] inside = {new Point(10, 5), new Point(90, 5), new Point(90, 35), new Point(10, 35)};
        Point[] halfOut = {new Point(50, 0), new Point(150, 0), new Point(150, 40), new Point(50, 40)};
        assertEquals(0, PlateDetector.outside(inside, blob), 1e-6);
        assertEquals(0.5, PlateDetector.outside(halfOut, blob), 1e-6);
        assertEquals(2.5, PlateDetector.aspect(blob), 1e-9);
    }

    /** Verifies that a blue plate on a dark blue car body, whose colour mask merges with the plate's, is still found
     * first. */
    @Test
    void findsBluePlateOnBlueCar() {
        Mat frame = new Mat(720, 1280, CvType.CV_8UC3, new Scalar(120, 125, 130));
        Imgproc.rectangle(frame, new Point(300, 200), new Point(1000, 600), new Scalar(95, 45, 25), -1);
        Mat plate = new SyntheticPlateRenderer(3).renderPlate("皖AF8J00", PlateColour.BLUE);
        Imgproc.resize(plate, plate, new Size(220, 70), 0, 0, Imgproc.INTER_AREA);
        plate.copyTo(frame.submat(new Rect(530, 420, 220, 70)));
        Point[] truth = {new Point(530, 420), new Point(750, 420), new Point(750, 490), new Point(530, 490)};
        List<PlateCandidate> found = new PlateDetector().detect(frame);
        assertEquals(0, rank(found, truth), "best IoU " + bestIou(found, truth) + " among " + found.size());
    }

    /** Verifies that a small (60 px), dirty, blurred black plate at night between two headlights is found, in ten
     * renderings. */
    @Test
    void findsSmallDimPlateBesideHeadlights() {
        for (long seed = 1; seed <= 10; seed++) {
            SyntheticFrame f = new SyntheticPlateRenderer(seed).renderFrame("粤Z4762港", PlateColour.BLACK,
                    new Placement(400, 300, 60, 20, 0.15, true, 0.5, 1.2, 8));
            List<PlateCandidate> found = new PlateDetector().detect(decode(f.jpeg()));
            assertTrue(rank(found, truth(f)) >= 0, "seed " + seed + ": best IoU " + bestIou(found, truth(f)));
        }
    }

    /** Verifies that two plates in one frame, a near blue one and a farther yellow one, are both candidates. */
    @Test
    void findsTwoPlates() {
        Mat frame = new Mat(720, 1280, CvType.CV_8UC3, new Scalar(110, 115, 120));
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(12);
        Mat near = r.renderPlate("苏E5Y823", PlateColour.BLUE);
        Imgproc.resize(near, near, new Size(240, 76), 0, 0, Imgproc.INTER_AREA);
        near.copyTo(frame.submat(new Rect(200, 450, 240, 76)));
        Mat far = r.renderPlate("鲁B12345", PlateColour.YELLOW);
        Imgproc.resize(far, far, new Size(110, 35), 0, 0, Imgproc.INTER_AREA);
        far.copyTo(frame.submat(new Rect(900, 200, 110, 35)));
        List<PlateCandidate> found = new PlateDetector().detect(frame);
        Point[] nearTruth = {new Point(200, 450), new Point(440, 450), new Point(440, 526), new Point(200, 526)};
        Point[] farTruth = {new Point(900, 200), new Point(1010, 200), new Point(1010, 235), new Point(900, 235)};
        assertTrue(rank(found, nearTruth) >= 0, "near plate, best IoU " + bestIou(found, nearTruth));
        assertTrue(rank(found, farTruth) >= 0, "far plate, best IoU " + bestIou(found, farTruth));
    }

    /** Verifies that most of a fresh mixed synthetic set (all colours, day and night, 60–400 px, ±20°) is found in the
     * first three candidates. */
    @Test
    void findsMixedSyntheticSet() {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(2026);
        PlateDetector detector = new PlateDetector();
        int top3 = 0;
        int n = 40;
        for (int i = 0; i < n; i++) {
            SyntheticFrame f = r.randomFrame();
            int rank = rank(detector.detect(decode(f.jpeg())), truth(f));
            top3 += rank >= 0 && rank < 3 ? 1 : 0;
        }
        // Measured 98-99 % on 200 frames (docs/benchmarks.md); the floor leaves room for chance.
        assertTrue(top3 >= n * 0.9, "found in the first three " + top3 + " of " + n);
    }

    /** Verifies that the lpr-dev CCPD scenes (when present) yield the labelled plate box among the first three
     * candidates. */
    @Test
    void findsPlatesInRealScenes() throws IOException {
        Path dev = DevData.dir();
        assumeTrue(dev != null && Files.isRegularFile(dev.resolve("labels.tsv")), "../shared/lpr-dev not present");
        PlateDetector detector = new PlateDetector();
        int scenes = 0;
        int top3 = 0;
        for (String line : Files.readAllLines(dev.resolve("labels.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length < 6 || !f[0].startsWith("scenes/") || f[2].isBlank()) {
                continue;
            }
            double x1 = Double.parseDouble(f[2]);
            double y1 = Double.parseDouble(f[3]);
            double x2 = Double.parseDouble(f[4]);
            double y2 = Double.parseDouble(f[5]);
            Point[] truth = {new Point(x1, y1), new Point(x2, y1), new Point(x2, y2), new Point(x1, y2)};
            Mat frame = decode(Files.readAllBytes(dev.resolve(f[0])));
            List<PlateCandidate> boxes = detector.detect(frame).stream()
                    .map(c -> new PlateCandidate(box(c.quad()), c.colourHint(), c.score())).toList();
            int rank = rank(boxes, truth);
            scenes++;
            top3 += rank >= 0 && rank < 3 ? 1 : 0;
        }
        assertTrue(scenes > 0, "no labelled scenes");
        // Measured 25 of 25 (docs/benchmarks.md); before this detector 17.
        assertTrue(top3 >= scenes * 0.88, "found in the first three " + top3 + " of " + scenes);
    }

    /** Verifies that featureless, empty and odd images give no candidates and no error. */
    @Test
    void featurelessImagesGiveNothing() {
        PlateDetector detector = new PlateDetector();
        assertTrue(detector.detect(new Mat(720, 1280, CvType.CV_8UC3, new Scalar(128, 128, 128))).isEmpty(), "grey");
        assertTrue(detector.detect(new Mat(720, 1280, CvType.CV_8UC3, new Scalar(0, 0, 0))).isEmpty(), "black");
        assertTrue(detector.detect(new Mat(720, 1280, CvType.CV_8UC3, new Scalar(255, 255, 255))).isEmpty(), "white");
        assertTrue(detector.detect(new Mat(720, 1280, CvType.CV_8UC3, new Scalar(160, 60, 20))).isEmpty(), "all blue");
        assertTrue(detector.detect(new Mat(32, 32, CvType.CV_8UC3, new Scalar(90, 90, 90))).isEmpty(), "32x32");
        assertTrue(detector.detect(new Mat()).isEmpty(), "empty");
        assertTrue(detector.detect(new Mat(100, 100, CvType.CV_8UC1, new Scalar(90))).isEmpty(), "one channel");
        assertTrue(detector.detect(new Mat(1, 2000, CvType.CV_8UC3, new Scalar(90, 90, 90))).isEmpty(), "1x2000");
        assertTrue(detector.detect(new Mat(2000, 1, CvType.CV_8UC3, new Scalar(90, 90, 90))).isEmpty(), "2000x1");
        Mat strip = new Mat(20, 2000, CvType.CV_8UC3);
        Core.randu(strip, 0, 256);
        detector.detect(strip);
        Mat noise = new Mat(720, 1280, CvType.CV_8UC3);
        Core.randu(noise, 0, 256);
        detector.detect(noise);
    }

    private static Point[] box(Point[] q) {
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

    /**
     * Verifies when a yawed blob's own corners win over the character fit, on the quads measured on two
     * lpr-dev scenes: the yawed `皖A378Z0` (blob 1.12 times as tall as the fit's plate) keeps its blob;
     * `皖A6H268`, whose blue blob took in the car body beside it (1.69 times as tall), does not (it was
     * read `鄂A6H268` at 0.891 from that blob).
     */
    @Test
    void yawedBlobOutlinesOnlyWhenAboutAsTallAsTheCharactersPlate() {
        Point[] yawed = {new Point(266, 510), new Point(404, 510), new Point(408, 569), new Point(270, 563)};
        Point[] yawedText = {new Point(217, 516), new Point(391, 515), new Point(391, 565), new Point(217, 566)};
        assertTrue(PlateDetector.yawedBlobOutlines(yawed, yawedText));
        Point[] tall = {new Point(233, 322), new Point(405, 307), new Point(412, 383), new Point(239, 398)};
        Point[] tallText = {new Point(285, 340), new Point(439, 339), new Point(439, 384), new Point(285, 385)};
        assertFalse(PlateDetector.yawedBlobOutlines(tall, tallText));
        assertTrue(PlateDetector.aspect(tall) >= 2.2 && PlateDetector.outside(tallText, tall) >= 0.15,
                "only the height tells them apart");
    }
}
