package io.parkgate.agent.device.camera.imaging;

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
}
