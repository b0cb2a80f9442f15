package io.parkgate.agent.registry;

import io.parkgate.plate.PlateColour;
import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.Card;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.registry.Visitor;
import io.parkgate.tariff.VehicleClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds registry snapshots for tests, one record per call. */
public final class SnapshotBuilder {

    private long version = 1;
    private final List<Owner> owners = new ArrayList<>();
    private final List<Vehicle> vehicles = new ArrayList<>();
    private final List<Card> cards = new ArrayList<>();
    private final List<Pass> passes = new ArrayList<>();
    private final List<Visitor> visitors = new ArrayList<>();
    private final List<BlacklistEntry> blacklist = new ArrayList<>();
    private final List<ManagementExemption> exemptions = new ArrayList<>();

    public SnapshotBuilder version(long v) {
        version = v;
        return this;
    }

    /** A resident vehicle with its owner ({@code o-<plate>}). */
    public SnapshotBuilder vehicle(String plate) {
        return vehicle(plate, VehicleClass.SMALL);
    }

    public SnapshotBuilder vehicle(String plate, VehicleClass vehicleClass) {
        owners.add(new Owner("o-" + plate, "业主" + plate, "1-101", "13800000000"));
        vehicles.add(new Vehicle(plate, "o-" + plate, PlateColour.BLUE, vehicleClass));
        return this;
    }

    public SnapshotBuilder card(String number, String plate, Card.Status status) {
        cards.add(new Card(number, "o-" + plate, plate, status));
        return this;
    }

    public SnapshotBuilder pass(String id, String plate, Instant from, Instant until) {
        passes.add(new Pass(id, plate, until == null ? Pass.Type.PERMANENT : Pass.Type.MONTHLY, from, until));
        return this;
    }

    public SnapshotBuilder visitor(String plate, String host, Instant from, Instant until) {
        visitors.add(new Visitor(plate, host, from, until, "来访"));
        return this;
    }

    public SnapshotBuilder blacklist(String plate, String reason) {
        blacklist.add(new BlacklistEntry(plate, reason));
        return this;
    }

    public SnapshotBuilder exemption(String plate, Instant from, Instant until, String reason) {
        exemptions.add(new ManagementExemption(plate, "王经理", from, until, reason));
        return this;
    }

    public RegistrySnapshot build() {
        return new RegistrySnapshot(version, owners, vehicles, cards, passes, visitors, blacklist, exemptions);
    }

    public Registry registry() {
        return Registry.of(build());
    }
}
