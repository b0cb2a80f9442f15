package io.parkgate.lpr;

/**
 * Which bytes the recogniser can decode, told by their content (never a file name): for the agent's door,
 * which refuses anything else before it takes a place in the recogniser's queue.
 */
public final class FrameFormats {

    private FrameFormats() {
    }

    /** Null when {@code bytes} start like a JPEG, PNG or BMP; otherwise what they start with and look like. */
    public static String notAnImage(byte[] bytes) {
        if (ImageFrames.Format.of(bytes) != null) {
            return null;
        }
        return "not a JPEG, PNG or BMP image: it starts with " + ImageFrames.head(bytes)
                + ImageFrames.looksLike(bytes);
    }
}
