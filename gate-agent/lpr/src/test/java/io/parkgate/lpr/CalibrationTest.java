package io.parkgate.lpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkgate.lpr.tools.LabelledImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** Verifies that the shipped map runs from 0 to 1 without ever falling, and interpolates between knots. */
    @Test
    void shippedMapIsMonotone() {
        Calibration c = Calibration.SHIPPED;
        assertEquals(0, c.apply(0), 1e-9);
        assertEquals(1, c.apply(1), 1e-9);
        assertEquals(1, c.apply(1.5), 1e-9);
        assertEquals(0, c.apply(-1), 1e-9);
        double last = 0;
        for (int i = 0; i <= 1000; i++) {
            double v = c.apply(i / 1000.0);
            assertTrue(v >= last - 1e-12, "falls at " + i / 1000.0);
            last = v;
        }
        assertEquals(0.5, new Calibration(new double[] {0, 1}, new double[] {0, 1}).apply(0.5), 1e-9);
    }

    /**
     * Verifies that a read the reader was barely sure of, like the bumper shadow read at 0.505, is
     * reported well under the lane's default minConfidence of 80, so the lane counts it as plateless
     * and holds the car, while a sure read (0.999) passes.
     */
    @Test
    void aBarelyAcceptedReadStaysUnderTheDefaultMinConfidence() {
        assertTrue(Math.round(Calibration.SHIPPED.apply(0.505) * 100) < 50, "" + Calibration.SHIPPED.apply(0.505));
        assertTrue(Math.round(Calibration.SHIPPED.apply(0.999) * 100) >= 80, "" + Calibration.SHIPPED.apply(0.999));
    }

    /** Verifies that knots that do not run from 0 to 1 or that fall are refused. */
    @Test
    void refusesMalformedKnots() {
        assertThrows(IllegalArgumentException.class, () -> new Calibration(new double[] {0.1, 1}, new double[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(new double[] {0, 1}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new Calibration(new double[] {0, 0.5, 1}, new double[] {0, 0.6, 0.5}));
        assertThrows(IllegalArgumentException.class,
                () -> new Calibration(new double[] {0, 0.5, 0.5, 1}, new double[] {0, 0.1, 0.2, 1}));
    }

    /**
     * Verifies on the held-out real crops (never trained on, not used for the fit) that confidence means
     * something: reads at 0.8 or more are right at least 95 % of the time, those under it clearly less.
     */
    @Test
    void confidenceMeansSomethingOnHeldOutCrops() throws Exception {
        Path dev = DevData.dir();
        assumeTrue(dev != null, "../shared/lpr-dev is absent: held-out crops not checked");
        PlateRecognizer recognizer = PlateRecognizer.load();
        List<LabelledImages.Item> items = LabelledImages.read(dev.resolve("crops"));
        items.removeIf(i -> !LabelledImages.heldOut(i));
        int sure = 0;
        int sureRight = 0;
        int weak = 0;
        int weakRight = 0;
        for (LabelledImages.Item item : items) {
            Optional<PlateReading> r = recognizer.readCrop(Files.readAllBytes(item.file()));
            if (r.isEmpty()) {
                continue;
            }
            boolean right = r.get().text().equals(item.plate());
            if (r.get().confidence() >= 0.8) {
                sure++;
                sureRight += right ? 1 : 0;
            } else {
                weak++;
                weakRight += right ? 1 : 0;
            }
        }
        assertTrue(sure > items.size() / 2, sure + " of " + items.size() + " sure");
        assertTrue(sureRight >= 0.95 * sure, sureRight + " of " + sure + " sure reads right");
        assertTrue(weak == 0 || weakRight < 0.9 * weak, weakRight + " of " + weak + " weak reads right");
    }
}
