package io.parkgate.simulator.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.synth.Placement;
import io.parkgate.plate.PlateColour;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.testutil.SimFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated imaging camera: realistic placements, a JPEG per vehicle on the loop's timing, rename-in uploads. */
class ImagingCameraSimTest {

    @TempDir
    Path dir;

    private final SimFixture sim = new SimFixture();

    /** Verifies that placements stay where a lane camera sees a stopped car and within the recogniser's spec. */
    @Test
    void placementsAreRealisticAndInSpec() {
        Random random = new Random(1);
        int night = 0;
        for (int i = 0; i < 500; i++) {
            Placement p = ImagingCameraSim.placement(random, false, false);
            assertTrue(p.widthPx() >= 100 && p.widthPx() <= 250, "width " + p.widthPx());
            assertTrue(p.centreX() >= 520 && p.centreX() <= 760, "x " + p.centreX());
            assertTrue(p.centreY() >= 520 && p.centreY() <= 630, "y " + p.centreY());
            assertTrue(Math.abs(p.tiltDeg()) <= 5, "tilt " + p.tiltDeg());
            night += p.night() ? 1 : 0;
        }
        assertTrue(night > 60 && night < 140, "about one in five at night: " + night);
        assertTrue(ImagingCameraSim.placement(new Random(2), true, false).centreX() < 0,
                "plateless: plate out of view");
        Placement hard = ImagingCameraSim.placement(new Random(3), false, true);
        assertTrue(hard.dirt() >= 0.5 && hard.blurSigma() >= 1.5, "a misread vehicle's plate is dirty and blurred");
    }

    /** Verifies that one JPEG is pushed per vehicle, not before the smart camera's first-report delay, and logged. */
    @Test
    void pushesOneJpegPerVehicleAfterTheFirstReportDelay() {
        List<byte[]> pushed = new CopyOnWriteArrayList<>();
        try (ImagingCameraSim camera = new ImagingCameraSim("lane", jpeg -> {
            pushed.add(jpeg);
            return "HTTP 202";
        }, sim.scheduler, sim.events, new Random(5))) {
            ImagingCameraSim.Shot shot = camera.vehicleApproaching("粤B12345", PlateColour.BLUE, false, "v1");
            camera.vehicleOnLoop(shot);
            sim.scheduler.advanceBy(ImagingCameraSim.FIRST_FRAME.minusMillis(1));
            assertTrue(pushed.isEmpty(), "not before the delay");
            sim.scheduler.advanceBy(Duration.ofMillis(1));
            SimFixture.await("frame pushed", 20_000, () -> pushed.size() == 1);
            byte[] jpeg = pushed.get(0);
            assertEquals(0xFF, jpeg[0] & 0xFF);
            assertEquals(0xD8, jpeg[1] & 0xFF);
            SimFixture.await("event logged", 5_000, () -> !sim.events.ofType(SimEvent.Type.PLATE_SENT).isEmpty());
            String detail = sim.events.ofType(SimEvent.Type.PLATE_SENT).get(0).detail();
            assertTrue(detail.contains("粤B12345") && detail.endsWith("HTTP 202"), detail);
        }
    }

    /** Verifies that a directory upload appears only under its final .jpg name (written as .part, renamed in). */
    @Test
    void directoryUploadsAreRenamedIn() throws Exception {
        FramePush push = FramePush.directory(dir.resolve("up"), "east-in");
        String result = push.push(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1});
        try (Stream<Path> files = Files.list(dir.resolve("up"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).startsWith("east-in-") && names.get(0).endsWith(".jpg"), names.get(0));
            assertEquals("file " + names.get(0), result);
        }
    }
}
