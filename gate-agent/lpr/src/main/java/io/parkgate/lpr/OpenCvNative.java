package io.parkgate.lpr;

/** Loads OpenCV's native library once per JVM, whichever entry point comes first. */
public final class OpenCvNative {

    private static boolean loaded;

    private OpenCvNative() {
    }

    public static synchronized void load() {
        if (!loaded) {
            nu.pattern.OpenCV.loadLocally();
            loaded = true;
        }
    }
}
