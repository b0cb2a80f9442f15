package io.parkgate.central.shift;

/**
 * The shift running at a post.
 *
 * @param handoverFormNo the form it was handed over on, when it runs on only until the receiver accepts; else null
 */
public record CurrentShift(Shift shift, String handoverFormNo) {
}
