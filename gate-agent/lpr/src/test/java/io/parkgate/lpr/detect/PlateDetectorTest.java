package io.parkgate.lpr.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.synth.Placement;
import io.parkgate.lpr.synth.SyntheticFrame;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.plate.PlateColour;
import java.awt.geom.Point2D;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.imgcodecs.Imgcodecs;

class PlateDetectorTest {

    /** Verifies that a plate of each colour, size and tilt in the spec yields a candidate on the true plate. */
    @ParameterizedTest
    @CsvSource({
        "BLUE, 皖A12345, 60, 0, false",
        "BLUE, 苏E5Y823, 400, -20, false",
        "YELLOW, 鲁B1234学, 150, 15, false",
        "GREEN, 粤BD12345, 200, -8, false",
        "WHITE, 京A1234警, 180, 5, false",
        "BLACK, 粤Z1234港, 180, 0, false",
        "BLUE, 川A8B123, 120, 12, true",
    })
    void findsPlate(PlateColour colour, String text, double width, double tilt, boolean night) {
        SyntheticPlateRenderer r = new SyntheticPlateRenderer(text.hashCode());
        SyntheticFrame f = r.renderFrame(text, colour, new Placement(500, 400, width, tilt, 0.05, night, 0, 0.6, 3));
        Mat frame = Imgcodecs.imdecode(new MatOfByte(f.jpeg()), Imgcodecs.IMREAD_COLOR);
        List<PlateCandidate> found = new PlateDetector().detect(frame);
        Point2D truth = new Point2D.Double(500, 400);
        boolean hit = found.stream().anyMatch(c -> {
            Point centre = c.centre();
            return truth.distance(centre.x, centre.y) < width * 0.15 && Math.abs(c.width() - width) < width * 0.3;
        });
        assertTrue(hit, colour + " plate " + width + " px at " + tilt + "° not found among " + found.size()
                + " candidates");
    }
}
