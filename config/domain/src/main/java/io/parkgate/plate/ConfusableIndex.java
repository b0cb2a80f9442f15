package io.parkgate.plate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A growable index of plates for exact and fuzzy lookup. A lookup costs two hash probes: by the
 * canonical form (each confusable group one symbol, see {@link Plate#canonical(String)}) and by the
 * canonical form without the province character, which finds reads that missed or misread it.
 *
 * <p>Not thread-safe: owners either confine it or wrap it (see {@link PlateMatcher}).
 */
public final class ConfusableIndex {

    private static final String[] NONE = new String[0];

    private final Set<String> plates;
    private final Map<String, String[]> byCanonical;
    private final Map<String, String[]> byTail;

    public ConfusableIndex() {
        this(16);
    }

    /** @param expected how many plates will be added, to size the tables once */
    public ConfusableIndex(int expected) {
        int capacity = Math.max(16, (int) (expected / 0.75f) + 1);
        plates = new HashSet<>(capacity);
        byCanonical = new HashMap<>(capacity);
        byTail = new HashMap<>(capacity);
    }

    /**
     * Adds a plate (normalised first); blank plates are ignored.
     *
     * @return false when it was already there or blank
     */
    public boolean add(String plate) {
        String p = Plate.normalise(plate);
        if (p.isEmpty() || !plates.add(p)) {
            return false;
        }
        String canonical = Plate.canonical(p);
        byCanonical.merge(canonical, new String[] {p}, ConfusableIndex::concat);
        if (Plate.isProvince(p.charAt(0)) && p.length() > 1) {
            byTail.merge(canonical.substring(1), new String[] {p}, ConfusableIndex::concat);
        }
        return true;
    }

    /** Removes a plate; @return false when it was not there. */
    public boolean remove(String plate) {
        String p = Plate.normalise(plate);
        if (!plates.remove(p)) {
            return false;
        }
        String canonical = Plate.canonical(p);
        byCanonical.computeIfPresent(canonical, (k, v) -> without(v, p));
        if (Plate.isProvince(p.charAt(0)) && p.length() > 1) {
            byTail.computeIfPresent(canonical.substring(1), (k, v) -> without(v, p));
        }
        return true;
    }

    public boolean contains(String plate) {
        return plates.contains(Plate.normalise(plate));
    }

    public int size() {
        return plates.size();
    }

    /**
     * Matches a read: EXACT when it is indexed as read; FUZZY with every plate that differs only by
     * confusable characters and/or the province character, closest first; NONE otherwise.
     */
    public MatchResult match(String read) {
        String r = Plate.normalise(read);
        if (r.isEmpty()) {
            return MatchResult.none(r);
        }
        if (plates.contains(r)) {
            return new MatchResult(MatchResult.Kind.EXACT, r, List.of(new Candidate(r, List.of())), null);
        }
        String canonical = Plate.canonical(r);
        Set<String> found = new LinkedHashSet<>();
        found.addAll(Arrays.asList(byCanonical.getOrDefault(canonical, NONE)));
        String tail = Plate.isProvince(r.charAt(0)) ? canonical.substring(1) : canonical;
        found.addAll(Arrays.asList(byTail.getOrDefault(tail, NONE)));
        if (found.isEmpty()) {
            return MatchResult.none(r);
        }
        List<Candidate> candidates = new ArrayList<>(found.size());
        for (String p : found) {
            List<PlateDifference> diffs = differences(r, p);
            if (diffs != null) {
                candidates.add(new Candidate(p, diffs));
            }
        }
        if (candidates.isEmpty()) {
            return MatchResult.none(r);
        }
        candidates.sort(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::plate));
        MatchResult unnoted = new MatchResult(MatchResult.Kind.FUZZY, r, candidates, null);
        return new MatchResult(MatchResult.Kind.FUZZY, r, candidates, note(unnoted));
    }

    /** The differences between read and plate, or null when they differ by more than we tolerate. */
    static List<PlateDifference> differences(String read, String plate) {
        List<PlateDifference> diffs = new ArrayList<>(2);
        int offset = 0;
        if (read.length() + 1 == plate.length() && Plate.isProvince(plate.charAt(0))
                && !Plate.isProvince(read.charAt(0))) {
            diffs.add(new PlateDifference(PlateDifference.Kind.PROVINCE_MISSING, 0, (char) 0, plate.charAt(0)));
            offset = 1;
        } else if (read.length() != plate.length()) {
            return null;
        }
        for (int i = offset; i < plate.length(); i++) {
            char r = read.charAt(i - offset);
            char p = plate.charAt(i);
            if (r == p) {
                continue;
            }
            if (i == 0 && Plate.isProvince(r) && Plate.isProvince(p)) {
                diffs.add(new PlateDifference(PlateDifference.Kind.PROVINCE_DIFFERENT, i, r, p));
            } else if (Plate.confusable(r, p)) {
                diffs.add(new PlateDifference(PlateDifference.Kind.CONFUSABLE, i, r, p));
            } else {
                return null;
            }
        }
        return diffs;
    }

    private static String note(MatchResult m) {
        if (m.ambiguous()) {
            String plates = m.closest().stream().map(Candidate::plate).collect(Collectors.joining("、"));
            return "读为" + m.read() + "，" + plates + "同样接近，不作猜测";
        }
        Candidate best = m.candidates().get(0);
        String note = "读为" + m.read() + "，按" + best.plate() + "匹配（" + best.describeDifferences() + "）";
        int others = m.candidates().size() - 1;
        return others == 0 ? note : note + "；另有" + others + "个较远候选";
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The array without {@code p}, or null (which removes the map entry) when nothing is left. */
    private static String[] without(String[] a, String p) {
        String[] out = Arrays.stream(a).filter(x -> !x.equals(p)).toArray(String[]::new);
        return out.length == 0 ? null : out;
    }
}
