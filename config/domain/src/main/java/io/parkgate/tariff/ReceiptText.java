package io.parkgate.tariff;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The Chinese words of fee breakdowns, as a receipt prints them. */
final class ReceiptText {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private ReceiptText() {
    }

    /** E.g. {@code 15分钟}, {@code 1小时30分钟}, {@code 2天3小时}. */
    static String length(Duration d) {
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return "0分钟";
        }
        StringBuilder sb = new StringBuilder();
        if (minutes >= 1440) {
            sb.append(minutes / 1440).append("天");
        }
        if (minutes % 1440 >= 60) {
            sb.append(minutes % 1440 / 60).append("小时");
        }
        if (minutes % 60 > 0) {
            sb.append(minutes % 60).append("分钟");
        }
        return sb.toString();
    }

    /** E.g. {@code 3小时} for three 1 h periods, {@code 5个30分钟} for five 30 min periods. */
    static String periods(long count, Duration length) {
        if (length.equals(Duration.ofHours(1))) {
            return count + "小时";
        }
        if (length.equals(Duration.ofMinutes(1))) {
            return count + "分钟";
        }
        return count + "个" + length(length);
    }

    /** E.g. {@code 11-22 19:00-次日07:00}. */
    static String range(ZonedDateTime from, ZonedDateTime to) {
        long days = ChronoUnit.DAYS.between(from.toLocalDate(), to.toLocalDate());
        String end = days == 0 ? TIME.format(to) : days == 1 ? "次日" + TIME.format(to) : DAY_TIME.format(to);
        return DAY_TIME.format(from) + "-" + end;
    }
}
