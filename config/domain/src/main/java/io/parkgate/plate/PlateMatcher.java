package io.parkgate.plate;

import java.util.Collection;

/**
 * An immutable set of plates matched exactly or up to confusable characters and the province
 * character (docs/domain.md "Plates"). Safe to share between threads once built.
 */
public final class PlateMatcher {

    private static final PlateMatcher EMPTY = new PlateMatcher(new ConfusableIndex());

    private final ConfusableIndex index;

    private PlateMatcher(ConfusableIndex index) {
        this.index = index;
    }

    /** Indexes the plates (normalised; blanks and duplicates ignored). */
    public static PlateMatcher of(Collection<String> plates) {
        ConfusableIndex index = new ConfusableIndex(plates.size());
        plates.forEach(index::add);
        return new PlateMatcher(index);
    }

    public static PlateMatcher empty() {
        return EMPTY;
    }

    /** See {@link ConfusableIndex#match(String)}. */
    public MatchResult match(String read) {
        return index.match(read);
    }

    public boolean contains(String plate) {
        return index.contains(plate);
    }

    public int size() {
        return index.size();
    }
}
