package io.parkgate.simulator.traffic;

/**
 * How big a generated population is.
 *
 * @param owners          residents in the owner archive (each with 1–2 vehicles)
 * @param visitors        visitor registrations valid around the reference time
 * @param blacklisted     blacklisted plates
 * @param exemptions      management-approved free passages
 * @param policyVehicles  police, armed-police, military and fire plates that may turn up
 */
public record PopulationSize(int owners, int visitors, int blacklisted, int exemptions, int policyVehicles) {

    public PopulationSize {
        if (owners < 1 || visitors < 0 || blacklisted < 0 || exemptions < 0 || policyVehicles < 0) {
            throw new IllegalArgumentException("population sizes must be >= 0 (owners >= 1): " + this);
        }
    }

    /** A mid-sized compound: 300 households. */
    public static PopulationSize defaults() {
        return new PopulationSize(300, 25, 6, 4, 8);
    }
}
