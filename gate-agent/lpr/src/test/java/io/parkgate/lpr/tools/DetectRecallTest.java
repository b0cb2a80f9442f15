package io.parkgate.lpr.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.OpenCvNative;
import io.parkgate.lpr.detect.PlateDetector;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Point;

class DetectRecallTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    private static Point[] rect(double x0, double y0, double x1, double y1) {
        return new Point[] {new Point(x0, y0), new Point(x1, y0), new Point(x1, y1), new Point(x0, y1)};
    }

    /** Verifies that IoU is 1 for the same quad, 0 apart, 1/3 for two boxes overlapping by half, and upright boxes
     * bound a tilted quad. */
    @Test
    void measuresOverlap() {
        assertEquals(1, DetectRecall.iou(rect(0, 0, 100, 30), rect(0, 0, 100, 30)), 1e-6);
        assertEquals(0, DetectRecall.iou(rect(0, 0, 100, 30), rect(200, 0, 300, 30)), 1e-6);
        assertEquals(1.0 / 3, DetectRecall.iou(rect(0, 0, 100, 30), rect(50, 0, 150, 30)), 1e-6);
        Point[] tilted = {new Point(10, 20), new Point(110, 0), new Point(115, 30), new Point(15, 50)};
        Point[] box = DetectRecall.box(tilted);
        assertEquals(10, box[0].x, 1e-9);
        assertEquals(0, box[0].y, 1e-9);
        assertEquals(115, box[2].x, 1e-9);
        assertEquals(50, box[2].y, 1e-9);
    }

    /** Verifies that the synthetic measurement counts every frame in its colour and light groups and finds most plates.
     * */
    @Test
    void measuresSyntheticRecall() {
        Map<String, DetectRecall.Tally> groups = DetectRecall.synthetic(new PlateDetector(), 12, 3,
                new StringBuilder());
        DetectRecall.Tally all = groups.get("all");
        assertEquals(12, all.images);
        int byColour = groups.entrySet().stream().filter(e -> e.getKey().matches("[A-Z]+"))
                .mapToInt(e -> e.getValue().images).sum();
        assertEquals(12, byColour);
        assertEquals(12, groups.get("day").images + groups.get("night").images);
        assertTrue(all.recall() >= 0.75, "recall " + all.recall());
        assertTrue(all.top3 <= all.top10 && all.top10 <= all.any);
    }
}
