package io.parkgate.config;

import io.parkgate.tariff.ChargePeriod;
import io.parkgate.tariff.ClassTariff;
import io.parkgate.tariff.FlatRate;
import io.parkgate.tariff.PeriodRate;
import io.parkgate.tariff.SegmentRate;
import io.parkgate.tariff.TariffSchedule;
import io.parkgate.tariff.TimeSegment;
import io.parkgate.tariff.VehicleClass;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code tariff} section into a {@link TariffSchedule}. */
final class TariffParser {

    static final long MAX_FEN = 10_000_000;
    private static final String CLASS = "a mapping with freeTime, capPer24h and either firstPeriod/laterPeriods "
            + "or day and night";
    private static final String PERIOD = "a mapping {length: 1h, price: 300}";
    private static final ChargePeriod PLACEHOLDER = new ChargePeriod(Duration.ofHours(1), 0);

    private TariffParser() {
    }

    static TariffSchedule parse(YamlMap tariff) {
        Duration visitorFree = tariff.duration("visitorFreeTime", Duration.ZERO, Duration.ZERO, Duration.ofDays(7));
        long maxAmount = tariff.integer("maxAmountFen", TariffSchedule.DEFAULT_MAX_AMOUNT_FEN,
                TariffSchedule.SMALLEST_MAX_AMOUNT_FEN, TariffSchedule.LARGEST_MAX_AMOUNT_FEN,
                "the largest amount taken at once, in fen, " + TariffSchedule.SMALLEST_MAX_AMOUNT_FEN + ".."
                        + TariffSchedule.LARGEST_MAX_AMOUNT_FEN + " (default " + TariffSchedule.DEFAULT_MAX_AMOUNT_FEN
                        + " = 100000 元)");
        // A price above maxAmountFen could never be taken: central refuses and quarantines such fees.
        long maxFen = Math.min(MAX_FEN, maxAmount);
        Map<VehicleClass, ClassTariff> classes = new EnumMap<>(VehicleClass.class);
        classes.put(VehicleClass.SMALL, vehicleClass(tariff.requiredMap("small", CLASS), maxFen));
        YamlMap large = tariff.map("large", CLASS);
        if (large != null) {
            classes.put(VehicleClass.LARGE, vehicleClass(large, maxFen));
        }
        tariff.finish();
        return new TariffSchedule(classes, visitorFree, maxAmount);
    }

    /** What an amount may be: whole fen up to {@code maxFen}, which the site's maxAmountFen may have lowered. */
    static String fen(long maxFen) {
        return "an amount in fen, a whole number 0.." + maxFen
                + (maxFen < MAX_FEN ? " (tariff.maxAmountFen)" : " (e.g. 500 for 5 元)");
    }

    private static ClassTariff vehicleClass(YamlMap m, long maxFen) {
        Duration freeTime = m.duration("freeTime", Duration.ofMinutes(15), Duration.ZERO, Duration.ofDays(1));
        boolean deduct = m.bool("deductFreeTime", false);
        long cap = m.integer("capPer24h", 0, 0, maxFen, fen(maxFen) + ", 0 for no cap");
        YamlMap day = m.map("day", "a mapping with from, to and the day rate");
        YamlMap night = m.map("night", "a mapping with the night rate (flat or periods)");
        List<TimeSegment> segments;
        if (day == null && night == null) {
            segments = List.of(TimeSegment.allDay(rate(m, false, maxFen)));
        } else {
            for (String key : List.of("firstPeriod", "laterPeriods")) {
                if (m.has(key)) {
                    m.problem(key, key + " next to day/night", "the rates inside day: and night:");
                }
            }
            segments = dayAndNight(m, day, night, maxFen);
        }
        m.finish();
        return new ClassTariff(freeTime, deduct, cap, segments);
    }

    private static List<TimeSegment> dayAndNight(YamlMap m, YamlMap day, YamlMap night, long maxFen) {
        if (day == null || night == null) {
            m.problem(day == null ? "day" : "night", "only " + (day == null ? "night" : "day"),
                    "both day (with from and to) and night, or neither");
            return List.of(TimeSegment.allDay(new PeriodRate(null, PLACEHOLDER, 0)));
        }
        LocalTime from = day.requiredTime("from");
        LocalTime to = day.requiredTime("to");
        SegmentRate dayRate = rate(day, true, maxFen);
        SegmentRate nightRate = rate(night, true, maxFen);
        day.finish();
        night.finish();
        if (from.equals(to)) {
            day.problem("to", "the same time as from", "a day segment ending at another time than it starts");
            return List.of(TimeSegment.allDay(dayRate));
        }
        if (from.isAfter(to)) {
            // Swapped times would price the night at the day's rates, and receipts would call 19:00-07:00 白天.
            day.problem("from", YamlValues.quote(from.toString()) + ", after to " + YamlValues.quote(to.toString()),
                    "from before to, e.g. from \"07:00\" to \"19:00\" (the night is the rest, across midnight)");
            return List.of(TimeSegment.allDay(dayRate));
        }
        return List.of(new TimeSegment("白天", from, to, dayRate), new TimeSegment("夜间", to, from, nightRate));
    }

    /**
     * A rate: {@code flat} (one price per stretch; for a class without day/night, per stay), or
     * {@code laterPeriods} with an optional {@code firstPeriod}; only day and night take a {@code cap}.
     */
    private static SegmentRate rate(YamlMap m, boolean segment, long maxFen) {
        boolean flat = m.has("flat");
        boolean periods = m.has("firstPeriod") || m.has("laterPeriods");
        if (flat && periods) {
            m.problem("flat", "flat next to firstPeriod/laterPeriods", "either flat or periods");
        }
        if (flat) {
            return new FlatRate(m.integer("flat", 0, 0, maxFen, fen(maxFen)));
        }
        m.require("laterPeriods", PERIOD + ", or flat: <fen> for one price per stretch");
        ChargePeriod first = period(m, "firstPeriod", maxFen);
        ChargePeriod later = period(m, "laterPeriods", maxFen);
        long cap = segment ? m.integer("cap", 0, 0, maxFen, fen(maxFen) + ", 0 for no cap") : 0;
        return new PeriodRate(first, later != null ? later : PLACEHOLDER, cap);
    }

    private static ChargePeriod period(YamlMap parent, String key, long maxFen) {
        YamlMap p = parent.map(key, PERIOD);
        if (p == null) {
            return null;
        }
        Duration length = p.requiredDuration("length", Duration.ofMinutes(1), Duration.ofDays(1));
        if (length.toSecondsPart() != 0 || length.toMillisPart() != 0) {
            p.problem("length", YamlValues.quote(DurationText.format(length)), "whole minutes, e.g. 30min or 1h");
            length = Duration.ofMinutes(Math.max(1, length.toMinutes()));
        }
        long price = p.requiredInteger("price", 0, maxFen, fen(maxFen));
        p.finish();
        return new ChargePeriod(length, price);
    }
}
