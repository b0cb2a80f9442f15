package io.parkgate.tariff;

/** How one time-of-day segment of a stay is priced: per period, or a flat price per stretch. */
public sealed interface SegmentRate permits PeriodRate, FlatRate {
}
