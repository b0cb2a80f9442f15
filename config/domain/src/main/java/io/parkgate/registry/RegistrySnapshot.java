package io.parkgate.registry;

import java.util.List;

/**
 * The whole resident vehicle registry at one version: what central sends an agent on first contact
 * and what the agent keeps in its local cache. Later changes arrive as versioned deltas.
 */
public record RegistrySnapshot(long version, List<Owner> owners, List<Vehicle> vehicles, List<Card> cards,
                               List<Pass> passes, List<Visitor> visitors, List<BlacklistEntry> blacklist,
                               List<ManagementExemption> exemptions) {

    public RegistrySnapshot {
        owners = List.copyOf(owners);
        vehicles = List.copyOf(vehicles);
        cards = List.copyOf(cards);
        passes = List.copyOf(passes);
        visitors = List.copyOf(visitors);
        blacklist = List.copyOf(blacklist);
        exemptions = List.copyOf(exemptions);
    }

    public static RegistrySnapshot empty() {
        return new RegistrySnapshot(0, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
