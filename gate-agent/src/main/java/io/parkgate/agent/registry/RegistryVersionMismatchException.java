package io.parkgate.agent.registry;

/**
 * A registry delta that does not start at the version the agent holds: the agent must ask central
 * for a full snapshot instead.
 */
public final class RegistryVersionMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long held;
    private final long deltaFrom;

    public RegistryVersionMismatchException(long held, long deltaFrom, long deltaTo) {
        super("registry delta " + deltaFrom + " -> " + deltaTo + " does not apply to held version " + held
                + "; a snapshot is needed");
        this.held = held;
        this.deltaFrom = deltaFrom;
    }

    public long held() {
        return held;
    }

    public long deltaFrom() {
        return deltaFrom;
    }
}
