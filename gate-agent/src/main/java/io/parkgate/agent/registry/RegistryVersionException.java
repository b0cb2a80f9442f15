package io.parkgate.agent.registry;

/**
 * A registry delta did not start at the version the lane holds, whether in memory or in its store. Nothing
 * is changed; the uplink asks central for a full snapshot instead.
 */
public final class RegistryVersionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long localVersion;
    private final long fromVersion;
    private final long toVersion;

    public RegistryVersionException(long localVersion, long fromVersion, long toVersion) {
        super("registry delta " + fromVersion + " -> " + toVersion + " does not apply: the lane holds version "
                + localVersion + " (a delta applies only onto exactly its fromVersion; request a snapshot)");
        this.localVersion = localVersion;
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
    }

    public long localVersion() {
        return localVersion;
    }

    public long fromVersion() {
        return fromVersion;
    }

    public long toVersion() {
        return toVersion;
    }
}
