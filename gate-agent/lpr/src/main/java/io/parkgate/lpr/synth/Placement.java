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
 */
public record Placement(double centreX, double centreY, double widthPx, double tiltDeg, double yaw,
        boolean night, double dirt, double blurSigma, double noise) {

    /** A clean, straight, daylight plate. */
    public static Placement straight(double centreX, double centreY, double widthPx) {
        return new Placement(centreX, centreY, widthPx, 0, 0, false, 0, 0, 0);
    }
}
