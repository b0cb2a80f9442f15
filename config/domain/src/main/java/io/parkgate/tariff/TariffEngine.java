package io.parkgate.tariff;

import io.parkgate.tariff.FeeQuote.ZeroFeeReason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Prices stays by the site's {@link TariffSchedule}, in integer fen.
 *
 * <p>Rules, in order: PASS_HOLDER and EXEMPT pay nothing (with their reason). A stay is measured in
 * whole minutes (the seconds of a last, unfinished minute are not charged). A VISITOR's first
 * {@code visitorFreeTime} is free and the rest is charged like a temporary vehicle; anyone else's stay
 * no longer than the class's free time costs nothing, and a longer one is charged from entry (or from
 * the end of the free time when it is deducted). The charged time is cut where the local time crosses a
 * segment boundary (白天/夜间); each stretch is priced by its segment's rate, partial periods rounded up,
 * a segment's first period once per stay. Each period or flat price counts in the 24 h block (from
 * entry) in which it starts, and each block is capped separately. No stay costs more than the site's
 * {@code maxAmountFen}.
 */
public final class TariffEngine {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final TariffSchedule schedule;
    private final ZoneId zone;

    public TariffEngine(TariffSchedule schedule, ZoneId zone) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public FeeQuote quote(FeeRequest request) {
        switch (request.category()) {
            case PASS_HOLDER:
                return zero(ZeroFeeReason.PASS_HOLDER, "有效通行证", "通行证车辆 免费");
            case EXEMPT:
                return exempt(request);
            default:
                break;
        }
        ClassTariff tariff = schedule.forClass(request.vehicleClass());
        Instant entry = request.entry();
        Duration stay = Duration.ofMinutes(Duration.between(entry, request.exit()).toMinutes());
        Instant exit = entry.plus(stay);
        List<String> lines = new ArrayList<>();
        Instant chargedFrom;
        String remark = null;
        Duration visitorFree = schedule.visitorFreeTime();
        if (request.category() == PayerCategory.VISITOR && !visitorFree.isZero()) {
            if (stay.compareTo(visitorFree) <= 0) {
                return zero(ZeroFeeReason.VISITOR_FREE_HOURS, "访客免费时段内",
                        "访客停车 " + ReceiptText.length(stay) + "，访客免费 " + ReceiptText.length(visitorFree) + " 内");
            }
            chargedFrom = entry.plus(visitorFree);
            remark = "访客免费" + ReceiptText.length(visitorFree) + "，其后按临时车收费";
            lines.add("访客免费 " + ReceiptText.length(visitorFree));
        } else {
            if (stay.compareTo(tariff.freeTime()) <= 0) {
                return zero(ZeroFeeReason.SHORT_STAY, "短时停车免费（" + ReceiptText.length(stay) + "）",
                        "停车 " + ReceiptText.length(stay) + "，免费时长 " + ReceiptText.length(tariff.freeTime()) + " 内");
            }
            chargedFrom = entry;
            if (tariff.deductFreeTime() && !tariff.freeTime().isZero()) {
                chargedFrom = entry.plus(tariff.freeTime());
                lines.add("免费时长 " + ReceiptText.length(tariff.freeTime()) + " 不计费");
            }
        }
        Map<Long, Long> blocks = new TreeMap<>();
        priceStretches(tariff, entry, chargedFrom, exit, blocks, lines);
        long total = capBlocks(tariff.capPer24hFen(), blocks, lines);
        if (total > schedule.maxAmountFen()) {
            // Nothing above maxAmountFen is taken at once, and central quarantines a lane event whose fee is above
            // it (the exit would be missing from the register): a very long stay, or an entry dated years back by a
            // lane PC's wrong clock, costs the site's maximum, and the receipt says so.
            lines.add("应收 " + total + "分，超过单笔上限，按上限 " + schedule.maxAmountFen() + "分");
            remark = (remark == null ? "" : remark + "；") + "超过单笔上限，按上限收费";
            total = schedule.maxAmountFen();
        }
        lines.add("合计 " + total + "分");
        return new FeeQuote(total, null, remark, lines);
    }

    private static FeeQuote exempt(FeeRequest request) {
        String kind = request.exemptionKind() == ZeroFeeReason.MANAGEMENT_APPROVED ? "管理处批准免费" : "政策性免费";
        String reason = request.exemptionReason();
        String text = reason == null || reason.isBlank() ? kind : kind + "：" + reason.strip();
        return zero(request.exemptionKind(), text, text);
    }

    private static FeeQuote zero(ZeroFeeReason reason, String remark, String line) {
        return new FeeQuote(0, reason, remark, List.of(line));
    }

    /** Cuts [chargedFrom, exit) at segment boundaries and books each stretch's charges by block. */
    private void priceStretches(ClassTariff tariff, Instant entry, Instant chargedFrom, Instant exit,
                                Map<Long, Long> blocks, List<String> lines) {
        boolean[] firstUsed = new boolean[tariff.segments().size()];
        Instant t = chargedFrom;
        while (t.isBefore(exit)) {
            ZonedDateTime local = t.atZone(zone);
            TimeSegment segment = tariff.segmentAt(local.toLocalTime());
            Instant end = segment.wholeDay() ? exit : min(exit, nextBoundary(local, segment));
            int index = tariff.segments().indexOf(segment);
            String head = segment.name() + " " + ReceiptText.range(local, end.atZone(zone)) + " ";
            if (segment.rate() instanceof FlatRate flat) {
                book(blocks, block(entry, t), flat.priceFen());
                lines.add(head + "按次 " + flat.priceFen() + "分");
            } else {
                PeriodRate rate = (PeriodRate) segment.rate();
                lines.add(head + pricePeriods(rate, !firstUsed[index], entry, t, end, blocks));
                firstUsed[index] |= rate.first() != null;
            }
            t = end;
        }
    }

    private Instant nextBoundary(ZonedDateTime local, TimeSegment segment) {
        LocalDateTime now = local.toLocalDateTime();
        LocalDateTime candidate = now.toLocalDate().atTime(segment.to());
        if (!candidate.isAfter(now)) {
            candidate = candidate.plusDays(1);
        }
        Instant boundary = firstAfter(candidate, local.toInstant());
        // Never stand still, whatever the zone's rules do around the boundary.
        return boundary.isAfter(local.toInstant()) ? boundary : firstAfter(candidate.plusDays(1), local.toInstant());
    }

    /**
     * The instant the local time reaches {@code boundary}, after {@code after}. A boundary the clocks skip
     * (02:30 on a spring-forward day) is reached when they jump over it, where segmentAt already says the next
     * segment; a boundary that happens twice (fall-back) is the occurrence after {@code after}, so a stay entered
     * at the second 02:10 reaches 02:30 twenty minutes later, not the next day.
     */
    private Instant firstAfter(LocalDateTime boundary, Instant after) {
        ZoneOffsetTransition change = zone.getRules().getTransition(boundary);
        if (change != null && change.isGap()) {
            return change.getInstant();
        }
        ZonedDateTime first = boundary.atZone(zone);
        return first.toInstant().isAfter(after) ? first.toInstant() : first.withLaterOffsetAtOverlap().toInstant();
    }

    /** Books one stretch priced per period and describes it, e.g. {@code 首1小时 500分 + 3小时 × 300分 = 1400分}. */
    private static String pricePeriods(PeriodRate rate, boolean firstApplies, Instant entry, Instant from,
                                       Instant to, Map<Long, Long> blocks) {
        long cap = rate.capFen() > 0 ? rate.capFen() : Long.MAX_VALUE;
        long booked = 0;
        long full = 0;
        List<String> parts = new ArrayList<>();
        long laterStart = Duration.between(entry, from).toMillis();
        long end = Duration.between(entry, to).toMillis();
        if (firstApplies && rate.first() != null) {
            ChargePeriod first = rate.first();
            long give = Math.min(first.priceFen(), cap);
            book(blocks, laterStart / DAY_MS, give);
            booked += give;
            full += first.priceFen();
            parts.add("首" + ReceiptText.length(first.length()) + " " + first.priceFen() + "分");
            laterStart += first.length().toMillis();
        }
        ChargePeriod later = rate.later();
        long length = later.length().toMillis();
        long count = laterStart < end ? ceilDiv(end - laterStart, length) : 0;
        for (long i = 0; i < count; ) {
            // Periods starting in the same 24 h block are booked together.
            long block = (laterStart + i * length) / DAY_MS;
            long upTo = Math.min(count, ceilDiv((block + 1) * DAY_MS - laterStart, length));
            long amount = (upTo - i) * later.priceFen();
            long give = Math.min(amount, cap - booked);
            book(blocks, block, give);
            booked += give;
            full += amount;
            i = upTo;
        }
        if (count > 0) {
            parts.add(ReceiptText.periods(count, later.length()) + " × " + later.priceFen() + "分");
        }
        String text = String.join(" + ", parts) + " = " + full + "分";
        return booked < full ? text + "，封顶 " + booked + "分" : text;
    }

    private static long capBlocks(long cap, Map<Long, Long> blocks, List<String> lines) {
        long total = 0;
        for (Map.Entry<Long, Long> e : blocks.entrySet()) {
            long amount = e.getValue();
            if (cap > 0 && amount > cap) {
                lines.add("第" + (e.getKey() + 1) + "个24小时 " + amount + "分，封顶 " + cap + "分");
                amount = cap;
            }
            total += amount;
        }
        return total;
    }

    private static long block(Instant entry, Instant t) {
        return Duration.between(entry, t).toMillis() / DAY_MS;
    }

    private static void book(Map<Long, Long> blocks, long block, long fen) {
        blocks.merge(block, fen, Long::sum);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
