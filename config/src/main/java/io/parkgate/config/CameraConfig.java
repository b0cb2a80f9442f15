package io.parkgate.config;

import java.util.List;

/**
 * A plate camera.
 *
 * @param transport     the smart camera's serial/TCP stream; null for any other camera
 * @param imagingSource for an imaging camera: {@code http} (frames POSTed to the agent),
 *                      {@code dir:/path} (a watched upload directory) or a stream URL OpenCV opens;
 *                      null for any other camera
 * @param minConfidence reads below this confidence (0..100) are treated as unread
 * @param frameSenders  for {@code imagingSource: http} and the pushing vendor cameras: the addresses allowed
 *                      to POST, each an IP address or a CIDR block ({@link FrameSenders}); empty otherwise
 * @param username      for a DAHUA camera: the user its pushes authenticate as (HTTP digest), or null for none
 * @param password      that user's password, or null
 * @param cameraRelay   for a ZHENSHI camera: its own relay opens the barrier (the push reply says
 *                      {@code info:"ok"}) instead of the lane I/O controller's open relay
 * @param region        for an imaging camera: where the lane's vehicle stands in the picture,
 *                      "left,top,right,bottom" as fractions 0..1 of the frame; null for the whole frame
 *                      (the recogniser ranks the plates of a frame by it, the lane's vehicle first)
 */
public record CameraConfig(CameraKind kind, TransportUri transport, String imagingSource, int minConfidence,
                           List<String> frameSenders, String username, String password, boolean cameraRelay,
                           String region) {

    /** Fractions 0..1 (at most 3 decimals), four of them. */
    static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile(
            "(?:(?:0(?:\\.\\d{1,3})?|1(?:\\.0{1,3})?)\\s*,\\s*){3}(?:0(?:\\.\\d{1,3})?|1(?:\\.0{1,3})?)");
    static final String REGION_EXPECTED = "left,top,right,bottom as fractions 0..1 of the frame with left < right and "
            + "top < bottom, e.g. 0.2,0.35,0.8,1";

    public CameraConfig {
        frameSenders = frameSenders == null ? List.of() : List.copyOf(frameSenders);
    }

    /** A camera without push credentials or region. */
    public CameraConfig(CameraKind kind, TransportUri transport, String imagingSource, int minConfidence,
                        List<String> frameSenders) {
        this(kind, transport, imagingSource, minConfidence, frameSenders, null, null, false, null);
    }

    /** An imaging camera looking at a region of its frame. */
    public CameraConfig(CameraKind kind, TransportUri transport, String imagingSource, int minConfidence,
                        List<String> frameSenders, String region) {
        this(kind, transport, imagingSource, minConfidence, frameSenders, null, null, false, region);
    }

    /** A camera whose relay does not drive the barrier. */
    public CameraConfig(CameraKind kind, TransportUri transport, String imagingSource, int minConfidence,
                        List<String> frameSenders, String username, String password) {
        this(kind, transport, imagingSource, minConfidence, frameSenders, username, password, false, null);
    }

    /** A pushing camera, whose relay may drive the barrier. */
    public CameraConfig(CameraKind kind, TransportUri transport, String imagingSource, int minConfidence,
                        List<String> frameSenders, String username, String password, boolean cameraRelay) {
        this(kind, transport, imagingSource, minConfidence, frameSenders, username, password, cameraRelay, null);
    }

    @Override
    public String toString() {
        // never the password: site configs end up in logs
        return "CameraConfig[kind=" + kind + ", transport=" + transport + ", imagingSource=" + imagingSource
                + ", minConfidence=" + minConfidence + ", frameSenders=" + frameSenders + ", username=" + username
                + ", cameraRelay=" + cameraRelay + ", region=" + region + "]";
    }

    /** Whether a region text that matches {@link #REGION} has its edges in order. */
    static boolean regionInOrder(String region) {
        String[] f = region.split(",");
        return Double.parseDouble(f[0].trim()) < Double.parseDouble(f[2].trim())
                && Double.parseDouble(f[1].trim()) < Double.parseDouble(f[3].trim());
    }
}
