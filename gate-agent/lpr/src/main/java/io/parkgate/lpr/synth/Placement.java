package io.parkgate.lpr.synth;

/**
 * Where and how a plate appears in a synthetic frame.
 *
 * @param centreX plate centre, pixels from the left of the frame
 * @param centreY plate centre, pixels from the top
 * @param widthPx plate width in the frame (60–400 px for the recogniser's spec)
 * @param tiltDeg in-plane rotation, degrees, positive clockwise
 * @param yaw perspective squeeze of one side, 0 (none) to about 0.2
 * @param night dark scene, lit plate, headlight glare
 * @param dirt 0 (clean) to 1 (heavily soiled)
 * @param blurSigma Gaussian blur of the whole frame, pixels
 * @param noise standard deviation of sensor noise, grey levels
 * @param sideDeg how far off the plate's axis the camera stands, degrees (0 straight on; a camera beside
 *     the lane sees the plate up to about 60° off it, its width shortened to cos of the angle, its
 *     height not); {@code widthPx} is the plate's width seen straight on
 */
public record Placement(double centreX, double centreY, double widthPx, double tiltDeg, double yaw,
        boolean night, double dirt, double blurSigma, double noise, double sideDeg) {

    public Placement {
        if (!(sideDeg >= 0 && sideDeg < 80)) {
            throw new IllegalArgumentException("sideDeg must be 0 to under 80, got " + sideDeg);
        }
    }

    /** Seen straight on. */
    public Placement(double centreX, double centreY, double widthPx, double tiltDeg, double yaw, boolean night,
            double dirt, double blurSigma, double noise) {
        this(centreX, centreY, widthPx, tiltDeg, yaw, night, dirt, blurSigma, noise, 0);
    }

    /** The same placement seen {@code degrees} off the plate's axis. */
    public Placement seenFromSide(double degrees) {
        return new Placement(centreX, centreY, widthPx, tiltDeg, yaw, night, dirt, blurSigma, noise, degrees);
    }

    /** A clean, straight, daylight plate. */
    public static Placement straight(double centreX, double centreY, double widthPx) {
        return new Placement(centreX, centreY, widthPx, 0, 0, false, 0, 0, 0);
    }
}
