package io.parkgate.plate;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of matching one read against a set of plates.
 *
 * @param read       the normalised read
 * @param candidates for EXACT the one plate; for FUZZY the candidates, closest first; else empty
 * @param note       for FUZZY, what was read and what it was (or could not be) taken for, in Chinese;
 *                   else null
 */
public record MatchResult(Kind kind, String read, List<Candidate> candidates, String note) {

    public enum Kind { EXACT, FUZZY, NONE }

    public MatchResult {
        candidates = List.copyOf(candidates);
    }

    public static MatchResult none(String read) {
        return new MatchResult(Kind.NONE, read, List.of(), null);
    }

    /** True when two or more candidates are equally close: never guess between them. */
    public boolean ambiguous() {
        return candidates.size() > 1 && candidates.get(0).distance() == candidates.get(1).distance();
    }

    /** The exact plate, or the one closest candidate when no other is as close; empty otherwise. */
    public Optional<Candidate> best() {
        return candidates.isEmpty() || ambiguous() ? Optional.empty() : Optional.of(candidates.get(0));
    }

    /** The candidates as close as the closest one (two or more when {@link #ambiguous()}). */
    public List<Candidate> closest() {
        if (candidates.isEmpty()) {
            return List.of();
        }
        int d = candidates.get(0).distance();
        return candidates.stream().filter(c -> c.distance() == d).toList();
    }

    /** The candidate for a given registered plate, if it is among them. */
    public Optional<Candidate> candidate(String plate) {
        return candidates.stream().filter(c -> c.plate().equals(plate)).findFirst();
    }
}
