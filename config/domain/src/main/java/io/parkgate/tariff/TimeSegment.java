package io.parkgate.tariff;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A part of every day in site-local time, e.g. 白天 07:00–19:00, with its rate. A segment whose
 * {@code to} is not after {@code from} crosses midnight (夜间 19:00–07:00); {@code from == to} is the
 * whole day.
 *
 * @param name the Chinese name printed on receipts, e.g. 白天
 */
public record TimeSegment(String name, LocalTime from, LocalTime to, SegmentRate rate) {

    public TimeSegment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rate, "rate");
    }

    /** The whole day at one rate. */
    public static TimeSegment allDay(SegmentRate rate) {
        return new TimeSegment("全天", LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, rate);
    }

    public boolean wholeDay() {
        return from.equals(to);
    }

    /** Whether the local time of day falls in this segment ({@code from} inclusive, {@code to} exclusive). */
    public boolean contains(LocalTime t) {
        if (wholeDay()) {
            return true;
        }
        if (from.isBefore(to)) {
            return !t.isBefore(from) && t.isBefore(to);
        }
        return !t.isBefore(from) || t.isBefore(to);
    }
}
