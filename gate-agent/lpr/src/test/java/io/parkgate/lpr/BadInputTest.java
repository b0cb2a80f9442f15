package io.parkgate.lpr;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class BadInputTest {

    private static PlateRecognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = PlateRecognizer.load();
    }

    private static byte[] jpeg(Mat img) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", img, out);
        return out.toArray();
    }

    private static void assertRejected(byte[] bytes, String why) {
        Recognition r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> recognizer.examine(bytes));
        assertTrue(r.readings().isEmpty(), "no readings");
        assertTrue(r.problem().isPresent() && r.problem().get().contains(why), "problem says '" + why + "': " + r);
    }

    /** Verifies that null, empty and non-JPEG bytes are refused with a reason, not an exception. */
    @Test
    void refusesNonJpeg() {
        assertRejected(null, "no image bytes");
        assertRejected(new byte[0], "no image bytes");
        assertRejected("GIF89a not a jpeg".getBytes(StandardCharsets.UTF_8), "not a JPEG, PNG or BMP image");
        assertRejected("GIF89a not a jpeg".getBytes(StandardCharsets.UTF_8), "GIF");
    }

    private static byte[] encoded(String ext, Mat img) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(ext, img, out);
        return out.toArray();
    }

    /**
     * Verifies that frames are decoded by their content, not their name: a PNG or a BMP (some cameras
     * and exports save PNGs named .jpg) is examined like a JPEG, a plate in it read.
     */
    @Test
    void decodesPngAndBmpByContent() {
        io.parkgate.lpr.synth.SyntheticFrame f = new io.parkgate.lpr.synth.SyntheticPlateRenderer(11).renderFrame(
                "浙A6MX97", io.parkgate.plate.PlateColour.BLUE,
                new io.parkgate.lpr.synth.Placement(640, 420, 220, 4, 0, false, 0, 0.5, 2));
        Mat frame = Imgcodecs.imdecode(new MatOfByte(f.jpeg()), Imgcodecs.IMREAD_COLOR);
        for (String ext : new String[] {".png", ".bmp"}) {
            Recognition r = recognizer.examine(encoded(ext, frame));
            assertTrue(r.problem().isEmpty(), ext + " is examined: " + r.problem());
            assertTrue(r.readings().stream().anyMatch(p -> p.text().equals("浙A6MX97")), ext + ": " + r);
        }
        Mat crop = frame.submat(new org.opencv.core.Rect(500, 370, 280, 100));
        assertTrue(recognizer.examineCrop(encoded(".png", crop)).problem().isEmpty());
    }

    /**
     * Verifies that the less common but valid encodings cameras and exports produce are read too: a
     * 16-bit PNG, a PNG with an alpha channel, grey PNG and BMP (8-bit palette), a progressive JPEG, a
     * grey JPEG.
     */
    @Test
    void readsOtherValidEncodings() {
        io.parkgate.lpr.synth.SyntheticFrame f = new io.parkgate.lpr.synth.SyntheticPlateRenderer(11).renderFrame(
                "浙A6MX97", io.parkgate.plate.PlateColour.BLUE,
                new io.parkgate.lpr.synth.Placement(640, 420, 220, 4, 0, false, 0, 0.5, 2));
        Mat frame = Imgcodecs.imdecode(new MatOfByte(f.jpeg()), Imgcodecs.IMREAD_COLOR);
        Mat deep = new Mat();
        frame.convertTo(deep, CvType.CV_16UC3, 257);
        Mat alpha = new Mat();
        org.opencv.imgproc.Imgproc.cvtColor(frame, alpha, org.opencv.imgproc.Imgproc.COLOR_BGR2BGRA);
        Mat grey = new Mat();
        org.opencv.imgproc.Imgproc.cvtColor(frame, grey, org.opencv.imgproc.Imgproc.COLOR_BGR2GRAY);
        MatOfByte progressive = new MatOfByte();
        Imgcodecs.imencode(".jpg", frame, progressive, new org.opencv.core.MatOfInt(
                Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1));
        java.util.Map<String, byte[]> images = new java.util.LinkedHashMap<>();
        images.put("16-bit PNG", encoded(".png", deep));
        images.put("PNG with alpha", encoded(".png", alpha));
        images.put("grey PNG", encoded(".png", grey));
        images.put("grey BMP", encoded(".bmp", grey));
        images.put("progressive JPEG", progressive.toArray());
        images.put("grey JPEG", encoded(".jpg", grey));
        images.forEach((what, bytes) -> {
            Recognition r = recognizer.examine(bytes);
            assertTrue(r.problem().isEmpty(), what + " is examined: " + r.problem());
            assertTrue(r.readings().stream().anyMatch(p -> p.text().equals("浙A6MX97")), what + ": " + r);
        });
    }

    /** Verifies that a PNG or BMP cut short or with an absurd size is refused with its reason. */
    @Test
    void refusesDamagedPngAndBmp() {
        byte[] png = encoded(".png", new Mat(720, 1280, CvType.CV_8UC3, new Scalar(90, 120, 30)));
        assertRejected(Arrays.copyOf(png, 20), "PNG");
        Recognition half = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> recognizer.examine(Arrays.copyOf(png, png.length / 2)));
        assertTrue(half.readings().isEmpty());
        byte[] huge = png.clone();
        // IHDR width and height (big-endian at 16 and 20) claim 60000×60000.
        huge[16] = 0;
        huge[17] = 0;
        huge[18] = (byte) 0xEA;
        huge[19] = 0x60;
        huge[20] = 0;
        huge[21] = 0;
        huge[22] = (byte) 0xEA;
        huge[23] = 0x60;
        assertRejected(huge, "pixels");
        byte[] bmp = encoded(".bmp", new Mat(48, 64, CvType.CV_8UC3, new Scalar(1, 2, 3)));
        assertRejected(Arrays.copyOf(bmp, 10), "BMP");
        assertRejected(encoded(".png", new Mat(1, 1, CvType.CV_8UC3, new Scalar(1, 2, 3))), "smaller than");
    }

    /** Verifies that a JPEG cut short, before or after its header, never crashes. */
    @Test
    void survivesTruncatedJpeg() {
        byte[] full = jpeg(new Mat(720, 1280, CvType.CV_8UC3, new Scalar(90, 120, 30)));
        assertRejected(Arrays.copyOf(full, 20), "truncated");
        byte[] half = Arrays.copyOf(full, full.length / 2);
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> recognizer.recognise(half)).isEmpty());
        byte[] garbage = full.clone();
        for (int i = 700; i < garbage.length; i += 7) {
            garbage[i] = (byte) (i * 31);
        }
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> recognizer.recognise(garbage));
    }

    /** Verifies that a 1×1 image is refused as too small. */
    @Test
    void refusesTinyImage() {
        assertRejected(jpeg(new Mat(1, 1, CvType.CV_8UC3, new Scalar(1, 2, 3))), "smaller than");
    }

    /** Verifies that an 8000×8000 frame is decoded scaled down and examined quickly. */
    @Test
    void downscalesHugeFrame() {
        byte[] huge = jpeg(new Mat(8000, 8000, CvType.CV_8UC3, new Scalar(40, 40, 40)));
        Recognition r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> recognizer.examine(huge));
        assertTrue(r.problem().isEmpty(), "a huge frame is examined, not refused: " + r.problem());
        assertTrue(r.readings().isEmpty());
    }

    /** Verifies that grey and all-black frames give no plate and no problem. */
    @Test
    void greyAndBlackFramesHaveNoPlates() {
        Mat grey = new Mat(720, 1280, CvType.CV_8UC1, new Scalar(128));
        Recognition g = recognizer.examine(jpeg(grey));
        assertTrue(g.readings().isEmpty() && g.problem().isEmpty(), g.toString());
        Recognition b = recognizer.examine(jpeg(new Mat(720, 1280, CvType.CV_8UC3, new Scalar(0, 0, 0))));
        assertTrue(b.readings().isEmpty() && b.problem().isEmpty(), b.toString());
    }

    /** Verifies that random noise frames neither crash nor take long. */
    @Test
    void noiseFramesAreHarmless() {
        Mat noise = new Mat(720, 1280, CvType.CV_8UC3);
        org.opencv.core.Core.randu(noise, 0, 256);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> recognizer.recognise(jpeg(noise)));
    }
}
