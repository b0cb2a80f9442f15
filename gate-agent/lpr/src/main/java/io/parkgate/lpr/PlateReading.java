package io.parkgate.lpr;

import io.parkgate.plate.PlateColour;
import java.awt.geom.Point2D;

/**
 * One plate read in a frame.
 *
 * @param text plate text, e.g. "皖A12345" or the 8-character "粤BD12345"
 * @param colour background colour of the plate
 * @param charConfidence per character, 0..1, same order as the text's characters
 * @param confidence the whole reading, 0..1 (dominated by the weakest character)
 * @param quad plate corners in the frame, pixels: top-left, top-right, bottom-right, bottom-left
 */
public record PlateReading(String text, PlateColour colour, double[] charConfidence, double confidence,
        Point2D[] quad) {
}
