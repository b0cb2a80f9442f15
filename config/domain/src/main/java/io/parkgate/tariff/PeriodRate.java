package io.parkgate.tariff;

import java.util.Objects;

/**
 * Priced per started period, partial periods rounded up.
 *
 * @param first  the first period of this segment within a stay (e.g. the first hour at a higher price),
 *               charged once per stay; null when every period is a {@code later} one
 * @param later  every following period
 * @param capFen the most one contiguous stretch of this segment costs (e.g. one night); 0 = no cap
 */
public record PeriodRate(ChargePeriod first, ChargePeriod later, long capFen) implements SegmentRate {

    public PeriodRate {
        Objects.requireNonNull(later, "later");
        if (capFen < 0) {
            throw new IllegalArgumentException("cap " + capFen + " fen is negative");
        }
    }
}
