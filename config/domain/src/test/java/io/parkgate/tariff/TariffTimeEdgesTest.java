package io.parkgate.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stays at the edges of time: very long ones, and stays across a daylight-saving change in the site's zone. */
class TariffTimeEdgesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    /** The second occurrence of a Berlin local time the clocks repeat (2026-10-25 03:00 CEST → 02:00 CET). */
    private static Instant secondOccurrence(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).withLaterOffsetAtOverlap().toInstant();
    }

    /** No free time; day from..19:00 100 fen per started hour, night flat 1000. */
    private static TariffEngine dayFrom(LocalTime from, ZoneId zone) {
        return smallCars(zone, 0, perPeriod("白天", from, LocalTime.of(19, 0), "60", 100, 0),
                new TimeSegment("夜间", LocalTime.of(19, 0), from, new FlatRate(1000)));
    }

    /** A segment charging {@code fen} per started period of {@code minutes}, at most {@code cap} (0: none). */
    private static TimeSegment perPeriod(String name, LocalTime from, LocalTime to, String minutes, long fen,
                                         long cap) {
        return new TimeSegment(name, from, to, new PeriodRate(null, Schedules.period(minutes, fen), cap));
    }

    /** Small cars alone, no free time, at most {@code capPer24h} a 24 h (0: none). */
    private static TariffEngine smallCars(ZoneId zone, long capPer24h, TimeSegment... segments) {
        return new TariffEngine(new TariffSchedule(Map.of(VehicleClass.SMALL, new ClassTariff(Duration.ZERO, false,
                capPer24h, List.of(segments))), Duration.ZERO), zone);
    }

    private static long fen(TariffEngine engine, Instant entry, Instant exit) {
        FeeQuote q = engine.quote(FeeRequest.temporary(VehicleClass.SMALL, entry, exit));
        assertTrue(q.fen() >= 0, q.breakdown().toString());
        return q.fen();
    }

    /**
     * Verifies that a stay of 400 days (e.g. entered on a lane PC whose clock was far behind) costs at most the
     * site's maxAmountFen: central quarantines a lane event whose fee is above it, so the exit would be lost.
     */
    @Test
    void fourHundredDaysCostAtMostTheSiteMaximum() {
        TariffSchedule hourly = Schedules.hourly();
        TariffSchedule bounded = new TariffSchedule(hourly.classes(), Duration.ZERO, 100_000);
        TariffEngine engine = new TariffEngine(bounded, SHANGHAI);

        FeeQuote q = engine.quote(FeeRequest.temporary(VehicleClass.SMALL,
                at(SHANGHAI, "2025-10-28T10:00"), at(SHANGHAI, "2026-12-02T10:00")));

        assertEquals(100_000, q.fen(), q.breakdown().get(q.breakdown().size() - 1));
    }

    /** Verifies that a per-night cap and the 24 h cap apply together, the 24 h cap last. */
    @Test
    void nightCapAndDailyCapTogether() {
        TariffEngine engine = smallCars(SHANGHAI, 1500,
                perPeriod("白天", LocalTime.of(8, 0), LocalTime.of(20, 0), "60", 200, 0),
                perPeriod("夜间", LocalTime.of(20, 0), LocalTime.of(8, 0), "120", 100, 500));

        assertEquals(500, fen(engine, at(SHANGHAI, "2026-11-22T20:00"), at(SHANGHAI, "2026-11-23T08:00")));
        // 12 × 200 + night 600 capped 500 = 2900, capped 1500 for exactly 24 h
        assertEquals(1500, fen(engine, at(SHANGHAI, "2026-11-22T08:00"), at(SHANGHAI, "2026-11-23T08:00")));
        assertEquals(1700, fen(engine, at(SHANGHAI, "2026-11-22T08:00"), at(SHANGHAI, "2026-11-23T08:01")));
    }

    /** Verifies that stays across both DST changes are charged by the time that really passed. */
    @Test
    void staysAcrossDaylightSavingChangesPayForRealHours() {
        TariffEngine allDay = smallCars(BERLIN, 0,
                TimeSegment.allDay(new PeriodRate(null, Schedules.period("60", 100), 0)));
        // 01:00 CET to 04:00 CEST is two hours; 01:00 CEST to 04:00 CET four.
        assertEquals(200, fen(allDay, at(BERLIN, "2026-03-29T01:00"), at(BERLIN, "2026-03-29T04:00")));
        assertEquals(400, fen(allDay, at(BERLIN, "2026-10-25T01:00"), at(BERLIN, "2026-10-25T04:00")));

        TariffEngine dayNight = new TariffEngine(Schedules.dayNight(), BERLIN);
        // day 17-19 500 + 300, night 1000, day 07-09 2 × 300
        assertEquals(2400, fen(dayNight, at(BERLIN, "2026-03-28T17:00"), at(BERLIN, "2026-03-29T09:00")));
        assertEquals(2400, fen(dayNight, at(BERLIN, "2026-10-24T17:00"), at(BERLIN, "2026-10-25T09:00")));
    }

    /**
     * Verifies that a day starting at 02:30 on the day the clocks go back starts at the next 02:30 after the
     * entry: entered at the second 02:10 (night), the day begins 20 minutes later, not the next day.
     */
    @Test
    void dayStartingAtARepeatedLocalTime() {
        TariffEngine engine = dayFrom(LocalTime.of(2, 30), BERLIN);

        // night 02:10-02:30 CET 1000, day 02:30-05:30 CET 3 × 100
        FeeQuote q = engine.quote(FeeRequest.temporary(VehicleClass.SMALL, secondOccurrence("2026-10-25T02:10"),
                at(BERLIN, "2026-10-25T05:30")));
        assertEquals(1300, q.fen(), q.breakdown().toString());
        // entered before both 02:30s: the day starts at the first (CEST) and runs through the repeated hour
        assertEquals(1000 + 300, fen(engine, at(BERLIN, "2026-10-25T00:00"), at(BERLIN, "2026-10-25T04:00")));
    }

    /**
     * Verifies that a day starting at 02:30 on the day the clocks go forward (02:30 never happens) starts when
     * the clock jumps to 03:00, where the local time first is past 02:30.
     */
    @Test
    void dayStartingAtASkippedLocalTime() {
        TariffEngine engine = smallCars(BERLIN, 0,
                perPeriod("白天", LocalTime.of(2, 30), LocalTime.of(19, 0), "60", 300, 0),
                perPeriod("夜间", LocalTime.of(19, 0), LocalTime.of(2, 30), "60", 100, 0));

        // night 01:00 CET-03:00 CEST (one hour) 100, day 03:00-03:30 CEST 300
        FeeQuote q = engine.quote(FeeRequest.temporary(VehicleClass.SMALL, at(BERLIN, "2026-03-29T01:00"),
                at(BERLIN, "2026-03-29T03:30")));
        assertEquals(400, q.fen(), q.breakdown().toString());
    }

    /** Verifies that the same stays in New York's zone (DST at 02:00) are priced without looping or going negative. */
    @Test
    void newYorkDaylightSavingDays() {
        ZoneId newYork = ZoneId.of("America/New_York");
        TariffEngine engine = dayFrom(LocalTime.of(2, 0), newYork);
        Instant springEntry = LocalDateTime.parse("2026-03-08T01:30").atZone(newYork).toInstant();
        // night 01:30-03:00 EDT (half an hour) 1000, day 03:00-05:00 EDT 2 × 100
        assertEquals(1200, fen(engine, springEntry, springEntry.plus(Duration.ofMinutes(150))));
        Instant fallEntry = LocalDateTime.parse("2026-11-01T01:30").atZone(newYork).withLaterOffsetAtOverlap()
                .toInstant();
        // entered at the second 01:30 (EST): night until 02:00 EST 1000, then day 2 × 100
        assertEquals(1200, fen(engine, fallEntry, fallEntry.plus(Duration.ofMinutes(150))));
        assertEquals(ZoneOffset.ofHours(-5), fallEntry.atZone(newYork).getOffset());
    }
}
