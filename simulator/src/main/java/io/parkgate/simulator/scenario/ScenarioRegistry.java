package io.parkgate.simulator.scenario;

import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.simulator.lane.SimulatedVehicle;
import io.parkgate.tariff.VehicleClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers a scenario's resident vehicles (marked {@code resident: true}) on top of a registry, so
 * agents seeded with the result recognise them: an owner each, the vehicle, its card and an annual
 * pass valid around the scenario's time.
 */
public final class ScenarioRegistry {

    private ScenarioRegistry() {
    }

    /** {@code base} plus the scenario's residents, one version later; same plates replace the base's. */
    public static RegistrySnapshot withResidents(RegistrySnapshot base, Scenario scenario, Instant asOf) {
        List<Owner> owners = new ArrayList<>(base.owners());
        List<Vehicle> vehicles = new ArrayList<>(base.vehicles());
        List<Card> cards = new ArrayList<>(base.cards());
        List<Pass> passes = new ArrayList<>(base.passes());
        int n = 0;
        for (SimulatedVehicle v : scenario.residents()) {
            String plate = v.plate();
            String ownerId = "S-" + v.id();
            vehicles.removeIf(x -> x.plate().equals(plate));
            passes.removeIf(x -> x.plate().equals(plate));
            owners.add(new Owner(ownerId, "场景住户" + (++n), "场景" + n + "号", "13900000000"));
            vehicles.add(new Vehicle(plate, ownerId, v.colour(),
                    v.colour() == PlateColour.YELLOW ? VehicleClass.LARGE : VehicleClass.SMALL));
            if (v.card() != null) {
                cards.removeIf(c -> c.number().equals(v.card()));
                cards.add(new Card(v.card(), ownerId, plate, Card.Status.ACTIVE));
            }
            passes.add(new Pass("S-P" + n, plate, Pass.Type.ANNUAL, asOf.minus(Duration.ofDays(30)),
                    asOf.plus(Duration.ofDays(335))));
        }
        return new RegistrySnapshot(base.version() + 1, owners, vehicles, cards, passes, base.visitors(),
                base.blacklist(), base.exemptions());
    }
}
