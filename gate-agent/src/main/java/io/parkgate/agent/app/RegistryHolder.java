package io.parkgate.agent.app;

import io.parkgate.agent.registry.Registry;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.uplink.RegistrySink;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistrySnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry the lane decides with. Updates from central are persisted to the lane's store first and
 * only then swapped in, so what the lane decides with is always what a restart would load.
 */
final class RegistryHolder implements RegistrySink {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHolder.class);

    private final String laneId;
    private final AgentStore store;
    private volatile Registry current;

    RegistryHolder(String laneId, AgentStore store) {
        this.laneId = laneId;
        this.store = store;
        this.current = Registry.of(store.loadRegistry());
        LOG.info("lane {} registry v{} loaded: {} vehicles", laneId, current.version(), current.vehicleCount());
    }

    Registry current() {
        return current;
    }

    @Override
    public long registryVersion() {
        return current.version();
    }

    @Override
    public int vehicleCount() {
        return current.vehicleCount();
    }

    @Override
    public synchronized void snapshot(RegistrySnapshot snapshot) {
        store.replaceRegistry(snapshot);
        current = Registry.of(snapshot);
        LOG.info("lane {} registry snapshot v{}: {} vehicles", laneId, snapshot.version(), current.vehicleCount());
    }

    @Override
    public synchronized void delta(RegistryDelta delta) {
        store.applyDelta(delta);
        current = current.apply(delta);
        LOG.info("lane {} registry v{} -> v{}", laneId, delta.fromVersion(), delta.toVersion());
    }
}
