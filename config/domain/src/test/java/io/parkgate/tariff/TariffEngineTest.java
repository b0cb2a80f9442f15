package io.parkgate.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parkgate.tariff.FeeQuote.ZeroFeeReason;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// One case per line: a stay and what it must cost, read across like a table.
@SuppressWarnings("checkstyle:linelength")
class TariffEngineTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime.replace(' ', 'T')).atZone(SHANGHAI).toInstant();
    }

    /**
     * Verifies that each stay in the table costs the hand-computed fee, with the zero-fee reason when free.
     * Schedules are described in {@link Schedules}; times are Asia/Shanghai local.
     */
    @ParameterizedTest(name = "{0} {1} {2} {3} → {4}: {5} fen {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # schedule | class | payer     | entry               | exit                | fen   | reason            | why
            daynight   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-22 08:10:00 | 0     | SHORT_STAY        | within 15 min free
            daynight   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-22 08:15:00 | 0     | SHORT_STAY        | exactly the free time
            daynight   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-22 08:15:59 | 0     | SHORT_STAY        | unfinished minute not counted
            daynight   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-22 08:16:00 | 500   | -                 | free time not deducted: first hour
            daynight   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-22 09:00:00 | 500   | -                 | exactly one period
            daynight   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-22 09:01:00 | 800   | -                 | 1 min over: 500 + 300
            daynight   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-22 11:00:00 | 1100  | -                 | 500 + 2 × 300
            daynight   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-22 19:00:00 | 3000  | -                 | 500 + 10 × 300 = 3500, 24 h cap
            daynight   | SMALL | TEMPORARY | 2026-11-22 18:30:00 | 2026-11-22 19:30:00 | 1500  | -                 | day first hour 500 + night 1000
            daynight   | SMALL | TEMPORARY | 2026-11-22 19:00:00 | 2026-11-22 19:30:00 | 1000  | -                 | entering on the boundary: night only
            daynight   | SMALL | TEMPORARY | 2026-11-22 22:00:00 | 2026-11-23 06:00:00 | 1000  | -                 | one night across midnight
            daynight   | SMALL | TEMPORARY | 2026-11-22 06:50:00 | 2026-11-22 07:20:00 | 1500  | -                 | night 1000 then day first hour 500
            daynight   | SMALL | TEMPORARY | 2026-11-22 17:00:00 | 2026-11-23 09:00:00 | 2400  | -                 | 500 + 300, night 1000, 2 × 300 (first used)
            daynight   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-24 10:00:00 | 6600  | -                 | blocks 4800→3000, 4600→3000, 600
            daynight   | LARGE | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-22 10:30:00 | 2200  | -                 | 1000 + 2 × 600
            daynight   | LARGE | TEMPORARY | 2026-11-22 18:00:00 | 2026-11-23 08:00:00 | 3600  | -                 | 1000, night 2000, 600
            daynight   | SMALL | VISITOR   | 2026-11-22 08:00:00 | 2026-11-22 09:30:00 | 0     | VISITOR_FREE_HOURS | within 2 h
            daynight   | SMALL | VISITOR   | 2026-11-22 08:00:00 | 2026-11-22 10:00:00 | 0     | VISITOR_FREE_HOURS | exactly 2 h
            daynight   | SMALL | VISITOR   | 2026-11-22 08:00:00 | 2026-11-22 10:01:00 | 500   | -                 | first hour from 10:00
            daynight   | SMALL | VISITOR   | 2026-11-22 08:00:00 | 2026-11-22 12:30:00 | 1100  | -                 | 10:00-12:30: 500 + 2 × 300
            daynight   | SMALL | VISITOR   | 2026-11-22 18:00:00 | 2026-11-22 20:30:00 | 1000  | -                 | 20:00-20:30 is night
            daynight   | SMALL | PASS_HOLDER | 2026-11-22 08:00:00 | 2026-11-25 08:00:00 | 0   | PASS_HOLDER       | residents pay nothing
            daynight   | LARGE | EXEMPT    | 2026-11-22 08:00:00 | 2026-11-22 20:00:00 | 0     | POLICY_EXEMPT     | police
            hourly     | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-22 11:00:00 | 500   | -                 | first hour
            hourly     | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-22 11:01:00 | 700   | -                 | 1 min over: a 30 min period
            hourly     | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-22 11:30:00 | 700   | -                 | exactly one later period
            hourly     | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-22 11:31:00 | 900   | -                 | 500 + 2 × 200
            hourly     | SMALL | TEMPORARY | 2026-11-22 23:00:00 | 2026-11-23 01:30:00 | 1100  | -                 | across midnight, no segments: 500 + 3 × 200
            hourly     | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-23 10:00:00 | 4000  | -                 | 500 + 46 × 200 = 9700, capped
            hourly     | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-23 10:01:00 | 4200  | -                 | cap, then one period in block 2
            hourly     | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-25 10:00:00 | 12000 | -                 | three capped days
            hourly     | SMALL | VISITOR   | 2026-11-22 10:00:00 | 2026-11-22 10:40:00 | 500   | -                 | no visitor hours: temporary
            deduct     | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-22 10:30:00 | 0     | SHORT_STAY        | exactly the free time
            deduct     | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-22 10:31:00 | 300   | -                 | 1 min charged after deduction
            deduct     | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-22 11:30:00 | 300   | -                 | 10:30-11:30 one period
            deduct     | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-22 11:31:00 | 600   | -                 | two periods
            nightper   | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-22 10:00:00 | 0     | SHORT_STAY        | no free time, no time parked
            nightper   | SMALL | TEMPORARY | 2026-11-22 10:00:00 | 2026-11-22 10:01:00 | 200   | -                 | one started hour
            nightper   | SMALL | TEMPORARY | 2026-11-22 21:00:00 | 2026-11-22 23:00:00 | 100   | -                 | one 2 h night period
            nightper   | SMALL | TEMPORARY | 2026-11-22 19:00:00 | 2026-11-23 09:00:00 | 900   | -                 | 200, night 6 × 100 capped 500, 200
            nightper   | SMALL | TEMPORARY | 2026-11-22 19:59:00 | 2026-11-22 20:01:00 | 300   | -                 | one minute each side of the boundary
            perentry   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-22 08:15:00 | 0     | SHORT_STAY        | free time
            perentry   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-22 08:16:00 | 500   | -                 | one price per stay
            perentry   | SMALL | TEMPORARY | 2026-11-22 08:00:00 | 2026-11-25 20:00:00 | 500   | -                 | however long
            """)
    void pricesStaysAsComputedByHand(String schedule, VehicleClass vehicleClass, PayerCategory payer, String entry,
                                     String exit, long fen, ZeroFeeReason reason, String why) {
        TariffEngine engine = new TariffEngine(Schedules.named(schedule), SHANGHAI);

        FeeQuote quote = engine.quote(new FeeRequest(vehicleClass, payer, at(entry), at(exit), "警车"));

        assertEquals(fen, quote.fen(), why + " — " + quote.breakdown());
        assertEquals(reason, quote.zeroReason(), why);
    }

    /** Verifies that a day/night stay's breakdown prints each stretch with its times, periods and prices. */
    @Test
    void breakdownNamesEachStretch() {
        TariffEngine engine = new TariffEngine(Schedules.dayNight(), SHANGHAI);

        FeeQuote quote = engine.quote(FeeRequest.temporary(VehicleClass.SMALL,
                at("2026-11-22 17:00:00"), at("2026-11-23 09:00:00")));

        assertEquals(List.of(
                "白天 11-22 17:00-19:00 首1小时 500分 + 1小时 × 300分 = 800分",
                "夜间 11-22 19:00-次日07:00 按次 1000分",
                "白天 11-23 07:00-09:00 2小时 × 300分 = 600分",
                "合计 2400分"), quote.breakdown());
        assertNull(quote.remark());
    }

    /** Verifies that a capped 24 h block is shown with what it would have cost and the cap. */
    @Test
    void breakdownShowsTheDailyCap() {
        TariffEngine engine = new TariffEngine(Schedules.hourly(), SHANGHAI);

        FeeQuote quote = engine.quote(FeeRequest.temporary(VehicleClass.SMALL,
                at("2026-11-22 10:00:00"), at("2026-11-23 10:01:00")));

        assertEquals(List.of(
                "全天 11-22 10:00-次日10:01 首1小时 500分 + 47个30分钟 × 200分 = 9900分",
                "第1个24小时 9700分，封顶 4000分",
                "合计 4200分"), quote.breakdown());
    }

    /** Verifies that a management-approved exemption is free and carries the approval's reason in the remark. */
    @Test
    void managementApprovalIsFreeWithItsReason() {
        TariffEngine engine = new TariffEngine(Schedules.dayNight(), SHANGHAI);

        FeeQuote quote = engine.quote(FeeRequest.managementApproved(VehicleClass.SMALL,
                at("2026-11-22 08:00:00"), at("2026-11-22 18:00:00"), "物业维修车辆"));

        assertEquals(0, quote.fen());
        assertEquals(ZeroFeeReason.MANAGEMENT_APPROVED, quote.zeroReason());
        assertEquals("管理处批准免费：物业维修车辆", quote.remark());
    }

    /** Verifies that a policy exemption records its reason, and the five-argument request means policy. */
    @Test
    void policyExemptionRecordsItsReason() {
        TariffEngine engine = new TariffEngine(Schedules.dayNight(), SHANGHAI);

        FeeQuote quote = engine.quote(new FeeRequest(VehicleClass.SMALL, PayerCategory.EXEMPT,
                at("2026-11-22 08:00:00"), at("2026-11-22 18:00:00"), "警车 粤B1234警"));

        assertEquals(ZeroFeeReason.POLICY_EXEMPT, quote.zeroReason());
        assertEquals("政策性免费：警车 粤B1234警", quote.remark());
    }

    /** Verifies that a visitor's charged stay says so in the remark and starts its breakdown with the free hours. */
    @Test
    void visitorBreakdownStartsWithFreeHours() {
        TariffEngine engine = new TariffEngine(Schedules.dayNight(), SHANGHAI);

        FeeQuote quote = engine.quote(new FeeRequest(VehicleClass.SMALL, PayerCategory.VISITOR,
                at("2026-11-22 08:00:00"), at("2026-11-22 12:30:00"), null));

        assertEquals("访客免费 2小时", quote.breakdown().get(0));
        assertEquals("白天 11-22 10:00-12:30 首1小时 500分 + 2小时 × 300分 = 1100分", quote.breakdown().get(1));
        assertEquals("访客免费2小时，其后按临时车收费", quote.remark());
    }

    /** Verifies that a segment boundary inside a DST gap neither loops nor loses time (zones other than Shanghai). */
    @Test
    void segmentBoundaryInDaylightSavingGap() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ClassTariff small = new ClassTariff(java.time.Duration.ZERO, false, 0, List.of(
                new TimeSegment("白天", java.time.LocalTime.of(2, 30), java.time.LocalTime.of(19, 0),
                        new PeriodRate(null, Schedules.period("60", 100), 0)),
                new TimeSegment("夜间", java.time.LocalTime.of(19, 0), java.time.LocalTime.of(2, 30), new FlatRate(
                        1000))));
        TariffEngine engine = new TariffEngine(new TariffSchedule(java.util.Map.of(VehicleClass.SMALL, small),
                java.time.Duration.ZERO), berlin);

        // 2026-03-29 02:00 CET jumps to 03:00 CEST: the night ends at 03:00 (02:30 does not exist).
        FeeQuote quote = engine.quote(FeeRequest.temporary(VehicleClass.SMALL,
                LocalDateTime.parse("2026-03-29T01:00").atZone(berlin).toInstant(),
                LocalDateTime.parse("2026-03-29T05:00").atZone(berlin).toInstant()));

        assertEquals(1000 + 2 * 100, quote.fen(), quote.breakdown().toString());
    }

    /** Verifies that a stay of a year is priced quickly and stays within one cap per day. */
    @Test
    void longStayIsCappedPerDay() {
        TariffEngine engine = new TariffEngine(Schedules.hourly(), SHANGHAI);

        FeeQuote quote = engine.quote(FeeRequest.temporary(VehicleClass.SMALL,
                at("2026-01-01 00:00:00"), at("2027-01-01 00:00:00")));

        assertEquals(365 * 4000L, quote.fen());
    }
}
