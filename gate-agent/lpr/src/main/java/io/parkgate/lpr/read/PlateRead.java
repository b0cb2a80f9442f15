package io.parkgate.lpr.read;

/**
 * What the reader made of one rectified plate.
 *
 * @param text the characters read, one per layout position
 * @param charConfidence per character, 0..1
 * @param confidence the whole plate, 0..1 (the weakest character dominates)
 * @param layout the layout read
 */
public record PlateRead(String text, double[] charConfidence, double confidence, PlateLayout layout) {
}
