package io.parkgate.config;

/** The devices of one lane; a lane may have no card reader ({@code cardReader} null). */
public record LaneDevices(IoControllerConfig io, CardReaderConfig cardReader, CameraConfig camera) {
}
