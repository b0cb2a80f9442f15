package io.parkgate.tariff;

import java.time.Duration;
import java.util.Objects;

/**
 * One charging period: every started {@code length} costs {@code priceFen}.
 *
 * @param length   positive, whole minutes
 * @param priceFen fen per started period, 0 or more
 */
public record ChargePeriod(Duration length, long priceFen) {

    public ChargePeriod {
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero() || length.toSecondsPart() != 0 || length.toNanosPart() != 0) {
            throw new IllegalArgumentException("period length " + length + " is not a positive number of minutes");
        }
        if (priceFen < 0) {
            throw new IllegalArgumentException("period price " + priceFen + " fen is negative");
        }
    }
}
