package io.parkgate.config;

/**
 * The devices of one lane. A lane may have no card reader ({@code cardReader} null) or no camera
 * ({@code camera} null, a card-only lane), never neither: the loader refuses that. {@code display} is the
 * lane's LED display and voice module, or null when the lane has none.
 */
public record LaneDevices(IoControllerConfig io, CardReaderConfig cardReader, CameraConfig camera,
                          DisplayConfig display) {

    /** A lane without a display. */
    public LaneDevices(IoControllerConfig io, CardReaderConfig cardReader, CameraConfig camera) {
        this(io, cardReader, camera, null);
    }
}
