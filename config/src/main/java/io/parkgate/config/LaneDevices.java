package io.parkgate.config;

/**
 * The devices of one lane. A lane may have no card reader ({@code cardReader} null) or no camera
 * ({@code camera} null, a card-only lane), never neither: the loader refuses that.
 */
public record LaneDevices(IoControllerConfig io, CardReaderConfig cardReader, CameraConfig camera) {
}
