package io.parkgate.lpr.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.plate.PlateColour;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class PlateRefinerTest {

    @org.junit.jupiter.api.BeforeAll
    static void load() {
        io.parkgate.lpr.OpenCvNative.load();
    }

    /** Verifies that a blue plate seen with a loose margin is tightened to the plate's own edges. */
    @Test
    void tightensLooseBluePlate() {
        Mat plate = new SyntheticPlateRenderer(4).renderPlate("皖A12345", PlateColour.BLUE);
        Imgproc.resize(plate, plate, new Size(300, 95));
        Mat view = new Mat(180, 440, CvType.CV_8UC3, new Scalar(60, 60, 60));
        plate.copyTo(view.submat(new Rect(90, 50, 300, 95)));
        Rect r = PlateRefiner.refine(view, PlateColour.BLUE);
        assertNotNull(r);
        assertEquals(90, r.x, 8);
        assertEquals(390, r.x + r.width, 8);
        assertEquals(50, r.y, 8);
        assertEquals(145, r.y + r.height, 8);
    }

    /** Verifies that a view without the plate colour, or a colour it cannot outline, gives no rectangle. */
    @Test
    void refusesWithoutColour() {
        Mat grey = new Mat(180, 440, CvType.CV_8UC3, new Scalar(90, 90, 90));
        assertNull(PlateRefiner.refine(grey, PlateColour.BLUE));
        assertNull(PlateRefiner.refine(grey, PlateColour.WHITE));
    }
}
