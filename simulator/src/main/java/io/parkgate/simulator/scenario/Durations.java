package io.parkgate.simulator.scenario;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in scenario files: {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h30m}, {@code PT5S}. */
public final class Durations {

    public static final String EXPECTED = "a duration like 500ms, 10s, 2m, 1h30m or PT10S";
    private static final Pattern HUMAN = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException saying what was expected
     */
    public static Duration parse(Object value) {
        if (value instanceof Integer i && i >= 0) {
            return Duration.ofSeconds(i);
        }
        String s = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            try {
                Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + value + "' is not " + EXPECTED);
        }
        Matcher m = HUMAN.matcher(s);
        if (s.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not " + EXPECTED);
        }
        Duration d = Duration.ZERO;
        d = d.plusDays(num(m.group(1))).plusHours(num(m.group(2))).plusMinutes(num(m.group(3)));
        return d.plusSeconds(num(m.group(4))).plusMillis(num(m.group(5)));
    }

    private static long num(String g) {
        return g == null ? 0 : Long.parseLong(g);
    }
}
