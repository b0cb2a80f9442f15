package io.parkgate.agent.device.camera.imaging;

import io.parkgate.lpr.LaneRegion;
import io.parkgate.lpr.PlateRecognizer;
import io.parkgate.lpr.Recognition;

/**
 * Reads the plates in one frame: {@link PlateRecognizer#examine} in production. Thread-confined like the
 * recogniser: each lane's worker makes its own with {@link #recogniser()}.
 */
@FunctionalInterface
public interface FrameReader {

    /** Never throws for bad input: an unusable frame comes back with its {@code problem}. */
    Recognition examine(byte[] jpeg);

    /** A fresh {@link PlateRecognizer} with the shipped model (loads OpenCV once per JVM). */
    static FrameReader recogniser() {
        return PlateRecognizer.load()::examine;
    }

    /**
     * As {@link #recogniser()} for a camera whose lane vehicle stands in {@code region} of the picture:
     * the readings come ranked by it, the lane's vehicle first ({@link LaneRegion#rank}).
     */
    static FrameReader recogniser(LaneRegion region) {
        PlateRecognizer recognizer = PlateRecognizer.load();
        return jpeg -> recognizer.examine(jpeg, region);
    }
}
