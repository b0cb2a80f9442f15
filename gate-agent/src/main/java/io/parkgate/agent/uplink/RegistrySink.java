package io.parkgate.agent.uplink;

import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistrySnapshot;

/**
 * Where the uplink delivers registry updates from central; the agent persists them so a restarted agent
 * decides correctly with no central. Calls come one at a time from the uplink's inbound thread.
 * The uplink hands over a delta only when {@code delta.fromVersion() == registryVersion()}; on a gap it
 * asks central for a resync instead.
 */
public interface RegistrySink {

    /** The version of the registry the agent holds now (0 = none). */
    long registryVersion();

    /** Replace the whole registry; after it returns, {@link #registryVersion()} is the snapshot's. */
    void snapshot(RegistrySnapshot snapshot);

    /** Apply a delta on top of the current version; after it returns, the version is {@code toVersion}. */
    void delta(RegistryDelta delta);

    /** Vehicles held now, for the guard against a snapshot that removes most of them; -1 when unknown. */
    default int vehicleCount() {
        return -1;
    }
}
