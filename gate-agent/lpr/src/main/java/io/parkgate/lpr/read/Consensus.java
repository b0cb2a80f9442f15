package io.parkgate.lpr.read;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settles several readings of one plate (the same plate cut a little differently) on one text: the
 * text whose readings have the most confidence between them wins, so two agreeing cuts outvote one
 * confident odd one, and a lone reading stands as it is. Of the winning text's readings, the most
 * confident is returned. Pure Java.
 */
public final class Consensus {

    private Consensus() {
    }

    /** The agreed reading; {@code readings} must not be empty. */
    public static PlateRead of(List<PlateRead> readings) {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("no readings to agree on");
        }
        Map<String, Double> support = new HashMap<>();
        for (PlateRead r : readings) {
            if (!r.text().isEmpty()) {
                support.merge(r.text(), r.confidence(), Double::sum);
            }
        }
        PlateRead best = readings.get(0);
        double bestSupport = support.getOrDefault(best.text(), 0.0);
        for (PlateRead r : readings) {
            double s = support.getOrDefault(r.text(), 0.0);
            if (s > bestSupport || s == bestSupport && r.confidence() > best.confidence()) {
                best = r;
                bestSupport = s;
            }
        }
        return best;
    }

    /**
     * The share of the readings' confidence that is behind {@code text}: 1 when every reading says it,
     * about a third when two other cuts said something else.
     */
    public static double agreement(List<PlateRead> readings, String text) {
        double total = 0;
        double behind = 0;
        for (PlateRead r : readings) {
            if (!r.text().isEmpty()) {
                total += r.confidence();
                behind += r.text().equals(text) ? r.confidence() : 0;
            }
        }
        return total <= 0 ? 0 : behind / total;
    }
}
