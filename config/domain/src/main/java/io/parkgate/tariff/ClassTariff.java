package io.parkgate.tariff;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The tariff of one vehicle class.
 *
 * @param freeTime       a stay no longer than this costs nothing (SHORT_STAY)
 * @param deductFreeTime whether a longer stay is charged only after the free time (default: not deducted)
 * @param capPer24hFen   the most each 24 h from entry costs (the last, partial block too); 0 = no cap
 * @param segments       time-of-day segments that together cover every minute of the day exactly once,
 *                       in order from their start; one whole-day segment when there is no day/night split
 */
public record ClassTariff(Duration freeTime, boolean deductFreeTime, long capPer24hFen, List<TimeSegment> segments) {

    public ClassTariff {
        Objects.requireNonNull(freeTime, "freeTime");
        if (freeTime.isNegative()) {
            throw new IllegalArgumentException("free time " + freeTime + " is negative");
        }
        if (capPer24hFen < 0) {
            throw new IllegalArgumentException("24 h cap " + capPer24hFen + " fen is negative");
        }
        segments = segments.stream().sorted(Comparator.comparing(TimeSegment::from)).toList();
        checkTiling(segments);
    }

    private static void checkTiling(List<TimeSegment> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no time segments");
        }
        if (segments.size() == 1) {
            if (!segments.get(0).wholeDay()) {
                throw new IllegalArgumentException("a single segment must cover the whole day");
            }
            return;
        }
        for (int i = 0; i < segments.size(); i++) {
            TimeSegment s = segments.get(i);
            LocalTime nextFrom = segments.get((i + 1) % segments.size()).from();
            if (s.wholeDay() || !s.to().equals(nextFrom)) {
                throw new IllegalArgumentException("segment " + s.name() + " " + s.from() + "-" + s.to()
                        + " does not end where the next one starts (" + nextFrom + ")");
            }
        }
    }

    /** The segment that local time {@code t} falls in. */
    public TimeSegment segmentAt(LocalTime t) {
        return segments.stream().filter(s -> s.contains(t)).findFirst()
                .orElseThrow(() -> new IllegalStateException("segments do not cover " + t));
    }
}
