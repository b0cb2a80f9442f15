package io.parkgate.agent.device.camera;

import io.parkgate.lpr.FrameFormats;

/**
 * The cheap check made before a frame is queued: bytes that cannot be an image the recogniser decodes
 * (JPEG, PNG or BMP, told by content) are refused at the door with the reason, so garbage never takes a
 * place in the recogniser's queue. Whether an image-looking frame decodes is the recogniser's business.
 */
public final class FrameCheck {

    /** The most a camera may send in one frame: a 1280×720 JPEG is 100–400 kB; a 4K one under 4 MB. */
    public static final int MAX_FRAME_BYTES = 8 * 1024 * 1024;

    private FrameCheck() {
    }

    /** Why {@code bytes} cannot be a frame, or null when it may be one. */
    public static String problem(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return "the frame is empty (0 bytes)";
        }
        if (bytes.length > MAX_FRAME_BYTES) {
            return "the frame is " + bytes.length + " bytes, over the " + MAX_FRAME_BYTES + "-byte limit";
        }
        String notAnImage = FrameFormats.notAnImage(bytes);
        return notAnImage == null ? null : notAnImage + " (" + bytes.length + " bytes)";
    }
}
