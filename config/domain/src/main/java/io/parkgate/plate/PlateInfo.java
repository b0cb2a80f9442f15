package io.parkgate.plate;

/**
 * A normalised plate and what it was classified as.
 *
 * @param plate    the normalised text
 * @param kind     what the text says the plate is
 * @param province the province character, or null when the plate has none (military, WJ01234, 使…)
 * @param problem  for {@link PlateKind#INVALID}, what exactly is wrong (Chinese); else null
 */
public record PlateInfo(String plate, PlateKind kind, String province, String problem) {

    public boolean valid() {
        return kind != PlateKind.INVALID;
    }
}
