package io.parkgate.tariff;

/**
 * One price for each contiguous stretch of the segment, however long (e.g. 过夜 one price per night).
 *
 * @param priceFen fen per stretch, 0 or more
 */
public record FlatRate(long priceFen) implements SegmentRate {

    public FlatRate {
        if (priceFen < 0) {
            throw new IllegalArgumentException("flat price " + priceFen + " fen is negative");
        }
    }
}
