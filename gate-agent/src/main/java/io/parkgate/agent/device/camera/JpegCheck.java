package io.parkgate.agent.device.camera;

/**
 * The cheap check made before a frame is queued: bytes that cannot be a JPEG are refused at the door
 * (with the reason), so garbage never takes a place in the recogniser's queue. Whether a JPEG-looking
 * frame decodes is the recogniser's business.
 */
public final class JpegCheck {

    /** The most a camera may send in one frame: a 1280×720 JPEG is 100–400 kB; a 4K one under 4 MB. */
    public static final int MAX_FRAME_BYTES = 8 * 1024 * 1024;

    private JpegCheck() {
    }

    /** Why {@code bytes} cannot be a frame, or null when it may be one. */
    public static String problem(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return "the frame is empty (0 bytes)";
        }
        if (bytes.length > MAX_FRAME_BYTES) {
            return "the frame is " + bytes.length + " bytes, over the " + MAX_FRAME_BYTES + "-byte limit";
        }
        if (bytes.length < 4 || (bytes[0] & 0xFF) != 0xFF || (bytes[1] & 0xFF) != 0xD8 || (bytes[2] & 0xFF) != 0xFF) {
            return "not a JPEG: it does not start with FF D8 FF (" + bytes.length + " bytes, starting "
                    + head(bytes) + ")";
        }
        return null;
    }

    private static String head(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            s.append(String.format("%02X ", bytes[i] & 0xFF));
        }
        return s.toString().trim();
    }
}
