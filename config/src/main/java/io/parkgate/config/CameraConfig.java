package io.parkgate.config;

import java.util.List;

/**
 * A plate camera.
 *
 * @param transport     the smart camera's serial/TCP stream; null for an imaging camera
 * @param imagingSource for an imaging camera: {@code http} (frames POSTed to the agent),
 *                      {@code dir:/path} (a watched upload directory) or a stream URL OpenCV opens;
 *                      null for a smart camera
 * @param minConfidence reads below this confidence (0..100) are treated as unread
 * @param frameSenders  for {@code imagingSource: http}: the addresses allowed to POST frames, each an IP
 *                      address or a CIDR block ({@link FrameSenders}); empty for any other camera
 */
public record CameraConfig(CameraKind kind, TransportUri transport, String imagingSource, int minConfidence,
                           List<String> frameSenders) {

    public CameraConfig {
        frameSenders = frameSenders == null ? List.of() : List.copyOf(frameSenders);
    }
}
