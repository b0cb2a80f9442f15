package io.parkgate.agent.device.camera.imaging;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an imaging camera's frames come from, as {@code devices.camera.imagingSource} names it
 * (docs/configuration.md): pushed to the agent's frame port, uploaded into a directory, or a stream.
 */
public sealed interface ImagingSource {

    /** Frames POSTed as {@code image/jpeg} to {@code /lanes/<lane>/frames} on {@code agents.framePort}. */
    record Http() implements ImagingSource {
    }

    /** JPEG files the camera uploads into {@code dir} (relative paths: to the working directory). */
    record Directory(Path dir) implements ImagingSource {
        public Directory {
            Objects.requireNonNull(dir, "dir");
        }
    }

    /** A video stream OpenCV opens ({@code rtsp://}, {@code http(s)://}, {@code file://}). */
    record Stream(String url) implements ImagingSource {
        public Stream {
            Objects.requireNonNull(url, "url");
        }

        /** What OpenCV's VideoCapture is given: a local path for {@code file://}, else the URL. */
        public String captureTarget() {
            return url.startsWith("file://") ? url.substring("file://".length()) : url;
        }
    }

    /**
     * Parses a configured source (the loader has already checked its shape).
     *
     * @throws IllegalArgumentException naming the value when it is none of the three forms
     */
    static ImagingSource parse(String configured) {
        Objects.requireNonNull(configured, "imagingSource");
        if (configured.equals("http")) {
            return new Http();
        }
        if (configured.startsWith("dir:") && configured.length() > 4) {
            return new Directory(Path.of(configured.substring(4)));
        }
        if (configured.matches("(rtsps?|https?|file)://.+")) {
            return new Stream(configured);
        }
        throw new IllegalArgumentException("imagingSource '" + configured + "' is not http, dir:/path or a stream URL"
                + " (rtsp://, http(s)://, file://)");
    }
}
