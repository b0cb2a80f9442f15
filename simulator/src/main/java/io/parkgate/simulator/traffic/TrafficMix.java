package io.parkgate.simulator.traffic;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Relative weights of the kinds of arrival, and the site-wide arrival rate at its busiest.
 *
 * @param weights         non-negative weight per kind (missing kinds weigh 0)
 * @param peakPerHour     arrivals per hour at the morning and evening peaks
 * @param followDayCurve  when true the rate follows a day curve (peaks 7–9 and 17–19, quiet at night);
 *                        when false it is {@code peakPerHour} all day
 */
public record TrafficMix(Map<TrafficKind, Integer> weights, double peakPerHour, boolean followDayCurve) {

    public TrafficMix {
        EnumMap<TrafficKind, Integer> copy = new EnumMap<>(TrafficKind.class);
        weights.forEach((k, v) -> {
            if (v < 0) {
                throw new IllegalArgumentException("weight of " + k + " is negative: " + v);
            }
            copy.put(k, v);
        });
        if (copy.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("traffic mix has no positive weight");
        }
        if (!(peakPerHour > 0)) {
            throw new IllegalArgumentException("arrival rate must be > 0 per hour, was " + peakPerHour);
        }
        weights = Map.copyOf(copy);
    }

    /** A working day at a residential compound: mostly residents, a sprinkling of every exception. */
    public static TrafficMix typical(double peakPerHour) {
        Map<TrafficKind, Integer> w = new EnumMap<>(TrafficKind.class);
        w.put(TrafficKind.RESIDENT, 60);
        w.put(TrafficKind.RESIDENT_NO_CARD, 8);
        w.put(TrafficKind.EXPIRED_PASS, 3);
        w.put(TrafficKind.VISITOR, 8);
        w.put(TrafficKind.TEMPORARY, 10);
        w.put(TrafficKind.CARD_MISMATCH, 2);
        w.put(TrafficKind.PLATELESS, 1);
        w.put(TrafficKind.FORCED, 1);
        w.put(TrafficKind.TAILGATE, 1);
        w.put(TrafficKind.MISREAD, 4);
        w.put(TrafficKind.BLACKLISTED, 1);
        w.put(TrafficKind.POLICY, 1);
        w.put(TrafficKind.MANAGEMENT_EXEMPT, 1);
        return new TrafficMix(w, peakPerHour, true);
    }

    /**
     * Parses {@code kind=weight,...}, e.g. {@code resident=70,forced=5}: the command line's form.
     *
     * @throws IllegalArgumentException naming the bad entry and the known kinds
     */
    public static TrafficMix parse(String text, double peakPerHour) {
        Map<TrafficKind, Integer> w = new EnumMap<>(TrafficKind.class);
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            try {
                w.put(TrafficKind.valueOf(kv[0].trim().toUpperCase(Locale.ROOT).replace('-', '_')),
                        Integer.parseInt(kv[1].trim()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("mix entry '" + part + "' is not kind=weight with kind one of "
                        + java.util.Arrays.toString(TrafficKind.values()).toLowerCase(Locale.ROOT));
            }
        }
        return new TrafficMix(w, peakPerHour, true);
    }

    public TrafficKind pick(Random random) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int r = random.nextInt(total);
        for (TrafficKind k : TrafficKind.values()) {
            r -= weights.getOrDefault(k, 0);
            if (r < 0) {
                return k;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Arrivals per hour at {@code hourOfDay} (0..23). */
    public double ratePerHour(int hourOfDay) {
        if (!followDayCurve) {
            return peakPerHour;
        }
        double share;
        if (hourOfDay >= 7 && hourOfDay < 9 || hourOfDay >= 17 && hourOfDay < 19) {
            share = 1.0;
        } else if (hourOfDay >= 6 && hourOfDay < 22) {
            share = 0.4;
        } else {
            share = 0.05;
        }
        return peakPerHour * share;
    }
}
