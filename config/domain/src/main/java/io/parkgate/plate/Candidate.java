package io.parkgate.plate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A registered plate a read may stand for.
 *
 * @param plate       the registered plate
 * @param differences how the read differs from it; empty for an exact match
 */
public record Candidate(String plate, List<PlateDifference> differences) {

    public Candidate {
        differences = List.copyOf(differences);
    }

    /** How many characters differ (a missed province counts one). */
    public int distance() {
        return differences.size();
    }

    /** How many of the differences are confusable characters. */
    public long confusables() {
        return differences.stream().filter(d -> d.kind() == PlateDifference.Kind.CONFUSABLE).count();
    }

    /** True when the only difference is the province character (missed or misread). */
    public boolean provinceOnly() {
        return distance() == 1 && differences.get(0).kind() != PlateDifference.Kind.CONFUSABLE;
    }

    /** Chinese, e.g. "S/5 易混、漏读省份“粤”". */
    public String describeDifferences() {
        return differences.stream().map(PlateDifference::describe).collect(Collectors.joining("、"));
    }
}
