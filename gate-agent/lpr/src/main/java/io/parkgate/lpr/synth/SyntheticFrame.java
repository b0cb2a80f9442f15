package io.parkgate.lpr.synth;

import io.parkgate.plate.PlateColour;
import java.awt.geom.Point2D;

/**
 * A rendered JPEG and its ground truth.
 *
 * @param jpeg the encoded image
 * @param text the plate text drawn
 * @param colour the plate colour drawn
 * @param quad plate corners in the image: top-left, top-right, bottom-right, bottom-left
 * @param placement how it was placed (null for a bare plate image)
 */
public record SyntheticFrame(byte[] jpeg, String text, PlateColour colour, Point2D[] quad, Placement placement) {
}
