package io.parkgate.central.registry;

import io.parkgate.central.db.Dialect;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.Card;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.RegistryKey.Kind;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.registry.Visitor;
import io.parkgate.sql.Rows;
import io.parkgate.tariff.VehicleClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** JDBC mapping of the registry records; runs inside the caller's transaction. */
final class RegistryStore {

    private RegistryStore() {
    }

    static String table(Kind k) {
        return switch (k) {
            case OWNER -> "owners";
            case VEHICLE -> "vehicles";
            case CARD -> "cards";
            case PASS -> "passes";
            case VISITOR -> "visitors";
            case BLACKLIST -> "blacklist";
            case EXEMPTION -> "exemptions";
        };
    }

    private static String keyColumn(Kind k) {
        return switch (k) {
            case OWNER, PASS -> "id";
            case CARD -> "number";
            default -> "plate";
        };
    }

    /** Writes every record of the snapshot; returns the keys written, in order. */
    static List<RegistryKey> upsertAll(Connection c, String site, RegistrySnapshot s) throws SQLException {
        List<RegistryKey> keys = new ArrayList<>();
        batch(c, Dialect.upsertOn("owners", 2, "site", "id", "name", "unit", "phone"), s.owners(),
                (ps, o) -> Rows.setAll(ps, site, o.id(), o.name(), o.unit(), o.phone()),
                o -> key(keys, Kind.OWNER, o.id()));
        batch(c, Dialect.upsertOn("vehicles", 2, "site", "plate", "owner_id", "colour", "vehicle_class"),
                s.vehicles(), (ps, v) -> Rows.setAll(ps, site, v.plate(), v.ownerId(), v.colour(), v.vehicleClass()),
                v -> key(keys, Kind.VEHICLE, v.plate()));
        batch(c, Dialect.upsertOn("cards", 2, "site", "number", "owner_id", "plate", "status"), s.cards(),
                (ps, x) -> Rows.setAll(ps, site, x.number(), x.ownerId(), x.plate(), x.status()),
                x -> key(keys, Kind.CARD, x.number()));
        batch(c, Dialect.upsertOn("passes", 2, "site", "id", "plate", "type", "valid_from", "valid_until"),
                s.passes(),
                (ps, p) -> Rows.setAll(ps, site, p.id(), p.plate(), p.type(), p.validFrom(), p.validUntil()),
                p -> key(keys, Kind.PASS, p.id()));
        batch(c, Dialect.upsertOn("visitors", 2, "site", "plate", "host_owner_id", "valid_from", "valid_until", "note"),
                s.visitors(),
                (ps, v) -> Rows.setAll(ps, site, v.plate(), v.hostOwnerId(), v.validFrom(), v.validUntil(), v.note()),
                v -> key(keys, Kind.VISITOR, v.plate()));
        batch(c, Dialect.upsertOn("blacklist", 2, "site", "plate", "reason"), s.blacklist(),
                (ps, b) -> Rows.setAll(ps, site, b.plate(), b.reason()), b -> key(keys, Kind.BLACKLIST, b.plate()));
        batch(c, Dialect.upsertOn("exemptions", 2, "site", "plate", "approved_by", "valid_from", "valid_until",
                        "reason"),
                s.exemptions(),
                (ps, e) -> Rows.setAll(ps, site, e.plate(), e.approvedBy(), e.validFrom(), e.validUntil(), e.reason()),
                e -> key(keys, Kind.EXEMPTION, e.plate()));
        return keys;
    }

    /** Deletes one record; false when there was none. */
    static boolean remove(Connection c, String site, RegistryKey k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM " + table(k.kind()) + " WHERE site=? AND " + keyColumn(k.kind()) + "=?")) {
            ps.setString(1, site);
            ps.setString(2, k.key());
            return ps.executeUpdate() == 1;
        }
    }

    /** The current records with the given keys (those still present), as a snapshot at {@code version}. */
    static RegistrySnapshot load(Connection c, String site, long version,
                                 Map<Kind, ? extends Collection<String>> keys) throws SQLException {
        Map<Kind, List<Object>> found = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            found.put(k, new ArrayList<>());
        }
        for (Map.Entry<Kind, ? extends Collection<String>> e : keys.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM " + table(e.getKey()) + " WHERE site=? AND " + keyColumn(e.getKey()) + "=?")) {
                for (String key : e.getValue()) {
                    ps.setString(1, site);
                    ps.setString(2, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            found.get(e.getKey()).add(read(e.getKey(), rs));
                        }
                    }
                }
            }
        }
        return snapshotOf(version, found);
    }

    /** Everything, as a snapshot at {@code version}. */
    static RegistrySnapshot loadAll(Connection c, String site, long version) throws SQLException {
        Map<Kind, List<Object>> found = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            List<Object> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM " + table(k) + " WHERE site=? ORDER BY " + keyColumn(k))) {
                ps.setString(1, site);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(read(k, rs));
                    }
                }
            }
            found.put(k, list);
        }
        return snapshotOf(version, found);
    }

    @SuppressWarnings("unchecked")
    private static RegistrySnapshot snapshotOf(long version, Map<Kind, List<Object>> f) {
        return new RegistrySnapshot(version, (List<Owner>) (List<?>) f.get(Kind.OWNER),
                (List<Vehicle>) (List<?>) f.get(Kind.VEHICLE), (List<Card>) (List<?>) f.get(Kind.CARD),
                (List<Pass>) (List<?>) f.get(Kind.PASS), (List<Visitor>) (List<?>) f.get(Kind.VISITOR),
                (List<BlacklistEntry>) (List<?>) f.get(Kind.BLACKLIST),
                (List<ManagementExemption>) (List<?>) f.get(Kind.EXEMPTION));
    }

    private static Object read(Kind k, ResultSet rs) throws SQLException {
        return switch (k) {
            case OWNER -> new Owner(rs.getString("id"), rs.getString("name"), rs.getString("unit"),
                    rs.getString("phone"));
            case VEHICLE -> new Vehicle(rs.getString("plate"), rs.getString("owner_id"),
                    rs.getString("colour") == null ? null : PlateColour.valueOf(rs.getString("colour")),
                    rs.getString("vehicle_class") == null ? null : VehicleClass.valueOf(rs.getString("vehicle_class")));
            case CARD -> new Card(rs.getString("number"), rs.getString("owner_id"), rs.getString("plate"),
                    Card.Status.valueOf(rs.getString("status")));
            case PASS -> new Pass(rs.getString("id"), rs.getString("plate"), Pass.Type.valueOf(rs.getString("type")),
                    Rows.instant(rs, "valid_from"), Rows.instant(rs, "valid_until"));
            case VISITOR -> new Visitor(rs.getString("plate"), rs.getString("host_owner_id"),
                    Rows.instant(rs, "valid_from"), Rows.instant(rs, "valid_until"), rs.getString("note"));
            case BLACKLIST -> new BlacklistEntry(rs.getString("plate"), rs.getString("reason"));
            case EXEMPTION -> new ManagementExemption(rs.getString("plate"), rs.getString("approved_by"),
                    Rows.instant(rs, "valid_from"), Rows.instant(rs, "valid_until"), rs.getString("reason"));
        };
    }

    private interface Binder<T> {
        void bind(PreparedStatement ps, T t) throws SQLException;
    }

    private interface KeyOf<T> {
        void add(T t);
    }

    private static <T> void batch(Connection c, String sql, List<T> items, Binder<T> b, KeyOf<T> k)
            throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T t : items) {
                b.bind(ps, t);
                ps.addBatch();
                k.add(t);
            }
            ps.executeBatch();
        }
    }

    private static void key(List<RegistryKey> keys, Kind kind, String key) {
        keys.add(new RegistryKey(kind, key));
    }
}
