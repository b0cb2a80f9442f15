package io.parkgate.simulator.traffic;

import io.parkgate.registry.Card;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.Vehicle;

/**
 * A registered vehicle with what its driver carries.
 *
 * @param card the active card for this vehicle, or null (no card issued)
 * @param pass the vehicle's pass
 */
public record Resident(Owner owner, Vehicle vehicle, Card card, Pass pass, PassStatus passStatus) {

    /** Where the pass stands at the population's reference time. */
    public enum PassStatus { VALID, EXPIRING, EXPIRED }
}
