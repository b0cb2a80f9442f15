package io.parkgate.agent.device.camera.imaging;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One JPEG frame from an imaging camera, on its way to the lane's recogniser.
 *
 * @param jpeg         the encoded frame as received
 * @param receivedAt   when the agent got it (the lane's clock)
 * @param loopOccupied whether a vehicle stood on the arming loop when it arrived: only then does a frame
 *                     with no readable plate become a plateless read
 * @param origin       for logs: {@code http 10.0.0.7}, a file name, a stream URL
 * @param done         told once what became of the frame (the directory source files it accordingly)
 * @param receivedNanos when its last byte was in ({@link System#nanoTime}): the lane's OPEN latency starts there
 */
public record Frame(byte[] jpeg, Instant receivedAt, boolean loopOccupied, String origin,
                    Consumer<FrameOutcome> done, long receivedNanos) {

    public Frame(byte[] jpeg, Instant receivedAt, boolean loopOccupied, String origin, Consumer<FrameOutcome> done) {
        this(jpeg, receivedAt, loopOccupied, origin, done, System.nanoTime());
    }

    public Frame {
        Objects.requireNonNull(jpeg, "jpeg");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(origin, "origin");
        done = done == null ? outcome -> { } : done;
    }
}
