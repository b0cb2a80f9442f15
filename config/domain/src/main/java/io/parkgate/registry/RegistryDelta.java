package io.parkgate.registry;

import java.util.List;

/**
 * The changes from registry version {@code fromVersion} to {@code toVersion}: records added or
 * replaced (same key), then records removed. An agent applies a delta only on top of exactly
 * {@code fromVersion}; otherwise it asks for a snapshot.
 */
public record RegistryDelta(long fromVersion, long toVersion, RegistrySnapshot upserts, List<RegistryKey> removals) {

    public RegistryDelta {
        removals = List.copyOf(removals);
        if (toVersion <= fromVersion) {
            throw new IllegalArgumentException("delta " + fromVersion + " -> " + toVersion + " does not advance");
        }
    }
}
