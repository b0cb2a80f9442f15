package io.parkgate.tariff;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** The tariffs the tariff tests price against, named as the tables name them. */
final class Schedules {

    private Schedules() {
    }

    static ChargePeriod period(String minutes, long fen) {
        return new ChargePeriod(Duration.ofMinutes(Long.parseLong(minutes)), fen);
    }

    /**
     * daynight: small 15 min free, day 07:00–19:00 first hour 500 then 300/h, night flat 1000, cap 3000
     * per 24 h; large day 1000 then 600/h, night 2000, cap 6000; visitors 2 h free.
     */
    static TariffSchedule dayNight() {
        ClassTariff small = new ClassTariff(Duration.ofMinutes(15), false, 3000, List.of(
                new TimeSegment("白天", LocalTime.of(7, 0), LocalTime.of(19, 0),
                        new PeriodRate(period("60", 500), period("60", 300), 0)),
                new TimeSegment("夜间", LocalTime.of(19, 0), LocalTime.of(7, 0), new FlatRate(1000))));
        ClassTariff large = new ClassTariff(Duration.ofMinutes(15), false, 6000, List.of(
                new TimeSegment("白天", LocalTime.of(7, 0), LocalTime.of(19, 0),
                        new PeriodRate(period("60", 1000), period("60", 600), 0)),
                new TimeSegment("夜间", LocalTime.of(19, 0), LocalTime.of(7, 0), new FlatRate(2000))));
        return new TariffSchedule(Map.of(VehicleClass.SMALL, small, VehicleClass.LARGE, large), Duration.ofHours(2));
    }

    /** hourly: all day, 15 min free, first hour 500 then 200 per 30 min, cap 4000 per 24 h; no visitor hours. */
    static TariffSchedule hourly() {
        ClassTariff small = new ClassTariff(Duration.ofMinutes(15), false, 4000,
                List.of(TimeSegment.allDay(new PeriodRate(period("60", 500), period("30", 200), 0))));
        return new TariffSchedule(Map.of(VehicleClass.SMALL, small), Duration.ZERO);
    }

    /** deduct: all day, 300 per hour, the first 30 min free and deducted from longer stays, no cap. */
    static TariffSchedule deduct() {
        ClassTariff small = new ClassTariff(Duration.ofMinutes(30), true, 0,
                List.of(TimeSegment.allDay(new PeriodRate(null, period("60", 300), 0))));
        return new TariffSchedule(Map.of(VehicleClass.SMALL, small), Duration.ZERO);
    }

    /** nightper: no free time, day 08:00–20:00 200/h, night 20:00–08:00 100 per 2 h at most 500 a night. */
    static TariffSchedule nightPerPeriod() {
        ClassTariff small = new ClassTariff(Duration.ZERO, false, 0, List.of(
                new TimeSegment("白天", LocalTime.of(8, 0), LocalTime.of(20, 0),
                        new PeriodRate(null, period("60", 200), 0)),
                new TimeSegment("夜间", LocalTime.of(20, 0), LocalTime.of(8, 0),
                        new PeriodRate(null, period("120", 100), 500))));
        return new TariffSchedule(Map.of(VehicleClass.SMALL, small), Duration.ZERO);
    }

    /** perentry: 500 per stay however long (按次收费), 15 min free. */
    static TariffSchedule perEntry() {
        ClassTariff small = new ClassTariff(Duration.ofMinutes(15), false, 0,
                List.of(TimeSegment.allDay(new FlatRate(500))));
        return new TariffSchedule(Map.of(VehicleClass.SMALL, small), Duration.ZERO);
    }

    static TariffSchedule named(String name) {
        return switch (name) {
            case "daynight" -> dayNight();
            case "hourly" -> hourly();
            case "deduct" -> deduct();
            case "nightper" -> nightPerPeriod();
            case "perentry" -> perEntry();
            default -> throw new IllegalArgumentException("no schedule " + name);
        };
    }
}
