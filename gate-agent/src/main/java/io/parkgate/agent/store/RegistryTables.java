package io.parkgate.agent.store;

import static io.parkgate.sql.Rows.enumValue;
import static io.parkgate.sql.Rows.instant;
import static io.parkgate.sql.Rows.set;

import io.parkgate.plate.PlateColour;
import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.Card;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.Vehicle;
import io.parkgate.registry.Visitor;
import io.parkgate.tariff.VehicleClass;
import java.util.List;

/** The registry cache's tables (V1__registry_cache.sql), one per record kind. */
final class RegistryTables {

    static final RegistryTable<Owner> OWNERS = new RegistryTable<>("owners", "owner",
            List.of("id", "name", "unit", "phone"), Owner::id,
            (ps, o) -> {
                set(ps, 1, o.id());
                set(ps, 2, o.name());
                set(ps, 3, o.unit());
                set(ps, 4, o.phone());
            },
            rs -> new Owner(rs.getString("id"), rs.getString("name"), rs.getString("unit"), rs.getString("phone")));

    static final RegistryTable<Vehicle> VEHICLES = new RegistryTable<>("vehicles", "vehicle",
            List.of("plate", "owner_id", "colour", "vehicle_class"), Vehicle::plate,
            (ps, v) -> {
                set(ps, 1, v.plate());
                set(ps, 2, v.ownerId());
                set(ps, 3, v.colour());
                set(ps, 4, v.vehicleClass());
            },
            rs -> new Vehicle(rs.getString("plate"), rs.getString("owner_id"),
                    enumValue(rs, "colour", PlateColour.class), enumValue(rs, "vehicle_class", VehicleClass.class)));

    static final RegistryTable<Card> CARDS = new RegistryTable<>("cards", "card",
            List.of("number", "owner_id", "plate", "status"), Card::number,
            (ps, c) -> {
                set(ps, 1, c.number());
                set(ps, 2, c.ownerId());
                set(ps, 3, c.plate());
                set(ps, 4, c.status());
            },
            rs -> new Card(rs.getString("number"), rs.getString("owner_id"), rs.getString("plate"),
                    enumValue(rs, "status", Card.Status.class)));

    static final RegistryTable<Pass> PASSES = new RegistryTable<>("passes", "pass",
            List.of("id", "plate", "type", "valid_from", "valid_until"), Pass::id,
            (ps, p) -> {
                set(ps, 1, p.id());
                set(ps, 2, p.plate());
                set(ps, 3, p.type());
                set(ps, 4, p.validFrom());
                set(ps, 5, p.validUntil());
            },
            rs -> new Pass(rs.getString("id"), rs.getString("plate"), enumValue(rs, "type", Pass.Type.class),
                    instant(rs, "valid_from"), instant(rs, "valid_until")));

    static final RegistryTable<Visitor> VISITORS = new RegistryTable<>("visitors", "visitor",
            List.of("plate", "host_owner_id", "valid_from", "valid_until", "note"), Visitor::plate,
            (ps, v) -> {
                set(ps, 1, v.plate());
                set(ps, 2, v.hostOwnerId());
                set(ps, 3, v.validFrom());
                set(ps, 4, v.validUntil());
                set(ps, 5, v.note());
            },
            rs -> new Visitor(rs.getString("plate"), rs.getString("host_owner_id"), instant(rs, "valid_from"),
                    instant(rs, "valid_until"), rs.getString("note")));

    static final RegistryTable<BlacklistEntry> BLACKLIST = new RegistryTable<>("blacklist", "blacklist entry",
            List.of("plate", "reason"), BlacklistEntry::plate,
            (ps, b) -> {
                set(ps, 1, b.plate());
                set(ps, 2, b.reason());
            },
            rs -> new BlacklistEntry(rs.getString("plate"), rs.getString("reason")));

    static final RegistryTable<ManagementExemption> EXEMPTIONS = new RegistryTable<>("exemptions", "exemption",
            List.of("plate", "approved_by", "valid_from", "valid_until", "reason"), ManagementExemption::plate,
            (ps, e) -> {
                set(ps, 1, e.plate());
                set(ps, 2, e.approvedBy());
                set(ps, 3, e.validFrom());
                set(ps, 4, e.validUntil());
                set(ps, 5, e.reason());
            },
            rs -> new ManagementExemption(rs.getString("plate"), rs.getString("approved_by"),
                    instant(rs, "valid_from"), instant(rs, "valid_until"), rs.getString("reason")));

    static final List<RegistryTable<?>> ALL = List.of(OWNERS, VEHICLES, CARDS, PASSES, VISITORS, BLACKLIST, EXEMPTIONS);

    private RegistryTables() {
    }

    static RegistryTable<?> of(RegistryKey.Kind kind) {
        return switch (kind) {
            case OWNER -> OWNERS;
            case VEHICLE -> VEHICLES;
            case CARD -> CARDS;
            case PASS -> PASSES;
            case VISITOR -> VISITORS;
            case BLACKLIST -> BLACKLIST;
            case EXEMPTION -> EXEMPTIONS;
        };
    }
}
