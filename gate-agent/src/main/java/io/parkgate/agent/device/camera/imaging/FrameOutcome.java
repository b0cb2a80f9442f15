package io.parkgate.agent.device.camera.imaging;

/**
 * What became of one frame.
 *
 * @param detail the plate read, or why the frame was unusable or dropped
 */
public record FrameOutcome(Kind kind, String detail) {

    public enum Kind {
        /** A plate was read and handed to the lane. */
        READ,
        /** Examined, no plate in it (a plateless read if a vehicle stood on the loop). */
        NO_PLATE,
        /** Not a usable JPEG: empty, not a JPEG, truncated, too small … */
        UNUSABLE,
        /** Never examined: a burst outran the recogniser and newer frames took its place. */
        DROPPED
    }

    /** Whether the file (directory source) belongs in {@code failed/} rather than {@code processed/}. */
    public boolean failed() {
        return kind == Kind.UNUSABLE || kind == Kind.DROPPED;
    }
}
