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
 */
public record CameraConfig(CameraKind kind, TransportUri transport, String imagingSource, int minConfidence,
                           List<String> frameSenders, String username, String password, boolean cameraRelay) {

    public CameraConfig {
        frameSenders = frameSenders == null ? List.of() : List.copyOf(frameSenders);
    }

    /** A camera without push credentials. */
    public CameraConfig(CameraKind kind, TransportUri transport, String imagingSource, int minConfidence,
                        List<String> frameSenders) {
        this(kind, transport, imagingSource, minConfidence, frameSenders, null, null, false);
    }

    /** A camera whose relay does not drive the barrier. */
    public CameraConfig(CameraKind kind, TransportUri transport, String imagingSource, int minConfidence,
                        List<String> frameSenders, String username, String password) {
        this(kind, transport, imagingSource, minConfidence, frameSenders, username, password, false);
    }

    @Override
    public String toString() {
        // never the password: site configs end up in logs
        return "CameraConfig[kind=" + kind + ", transport=" + transport + ", imagingSource=" + imagingSource
                + ", minConfidence=" + minConfidence + ", frameSenders=" + frameSenders + ", username=" + username
                + ", cameraRelay=" + cameraRelay + "]";
    }
}
