package io.parkgate.central.registry;

import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.validate.FieldRules;
import io.parkgate.central.validate.RegistryRules;
import io.parkgate.registry.Card;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.RegistryKey.Kind;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.sql.Rows;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The card centre's registry (owners, vehicles, cards, passes, visitors, blacklist, management
 * exemptions). Every written or removed record takes the next registry version; agents get a snapshot
 * on first contact and deltas computed from {@code registry_change} after. Every change is audited.
 */
public final class RegistryService {

    /** A delta over more changes than this is sent as a snapshot instead. */
    static final int MAX_DELTA_CHANGES = 5_000;

    private final Database db;
    private final String site;
    private final Clock clock;
    private final List<Consumer<RegistryDelta>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Long>> bulkListeners = new CopyOnWriteArrayList<>();
    private volatile long version;
    private final String storeId;
    private final List<Consumer<Long>> resyncListeners = new CopyOnWriteArrayList<>();
    /** Until when snapshots go out marked as a forced resync (a manager's order). */
    private volatile java.time.Instant forcedUntil = java.time.Instant.MIN;

    /** How long after a manager's resync order agents take a snapshot they would otherwise refuse. */
    public static final java.time.Duration FORCED_RESYNC = java.time.Duration.ofMinutes(10);

    private RegistryService(Database db, String site, Clock clock, String storeId, long version) {
        this.db = db;
        this.site = site;
        this.clock = clock;
        this.storeId = storeId;
        this.version = version;
    }

    /**
     * Reads the store's identity and the site's current version, then builds the service (no database work in
     * construction).
     *
     * @param site the compound whose registry this is: its agents are sent it, and no other
     */
    public static Future<RegistryService> load(Database db, String site, Clock clock) {
        return db.tx(c -> {
            String storeId;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT store_id FROM store_identity WHERE id=1")) {
                if (!rs.next()) {
                    throw new IllegalStateException("central database has no store identity");
                }
                storeId = rs.getString(1);
            }
            return new RegistryService(db, site, clock, storeId, currentVersion(c, site));
        });
    }

    /** Called with each committed change as a delta (for the broadcast to agents). */
    public void onChange(Consumer<RegistryDelta> listener) {
        listeners.add(listener);
    }

    /**
     * Called with the new version after a change too large for a delta (more than
     * {@value #MAX_DELTA_CHANGES} records, e.g. an import): agents are told to ask for an update.
     */
    public void onBulkChange(Consumer<Long> listener) {
        bulkListeners.add(listener);
    }

    /** The identity of this central database, sent with every snapshot and delta. */
    public String storeId() {
        return storeId;
    }

    /** True while snapshots go out as a forced resync. */
    public boolean forcing() {
        return clock.instant().isBefore(forcedUntil);
    }

    /** Called with the version when a manager orders a resync (agents are told to ask for the registry). */
    public void onForcedResync(Consumer<Long> listener) {
        resyncListeners.add(listener);
    }

    /**
     * A manager orders every lane to take this database's registry as it is, even when a lane would refuse it
     * (another store, an older version, most records gone): after a central database was restored or replaced
     * on purpose. Audited; lanes take it for {@link #FORCED_RESYNC}.
     */
    public Future<Long> forceResync(Principal actor, String reason) {
        return CentralException.checked(() -> {
            actor.require(site, Role.MANAGER);
            FieldRules.requiredText("reason", reason, FieldRules.LONG_TEXT);
        }).compose(checked -> db.tx(c -> {
            io.parkgate.central.audit.AuditLog.append(c, site, clock.instant(), actor.username(),
                    io.parkgate.central.audit.AuditAction.REGISTRY_RESYNC, "store " + storeId,
                    "version " + currentVersion(c, site) + ": " + reason);
            return currentVersion(c, site);
        }).onSuccess(v -> {
            forcedUntil = clock.instant().plus(FORCED_RESYNC);
            resyncListeners.forEach(l -> l.accept(v));
        }));
    }

    /** The compound whose registry this is. */
    public String site() {
        return site;
    }

    public long version() {
        return version;
    }

    /** Until when snapshots go out as a forced resync (past: not forcing). */
    public java.time.Instant forcedUntil() {
        return forcedUntil;
    }

    /**
     * Another central sharing the database committed registry version {@code v}: this one's version follows, so
     * that what it sends lanes (and the snapshot it keeps encoded) is not older than what they hold.
     */
    public synchronized void changedElsewhere(long v) {
        if (v > version) {
            version = v;
        }
    }

    /** Another central's manager ordered a resync: this central's snapshots go out forced until then too. */
    public synchronized void forcedElsewhere(java.time.Instant until) {
        if (until.isAfter(forcedUntil)) {
            forcedUntil = until;
        }
    }

    /** Writes the records given (any mix); exemptions need a manager. Returns the new version. */
    public Future<Long> upsert(Principal actor, RegistrySnapshot records) {
        return CentralException.checked(() -> {
            authorise(actor, records);
            RegistryRules.check(records, clock.instant());
        }).compose(checked -> change(actor, c -> RegistryStore.upsertAll(c, site, records), "UPSERT"));
    }

    /**
     * What {@link #upsert} would refuse in {@code records}, every record at fault with its reason, written nowhere:
     * the console's import asks first, so the rows at fault are named and the rest imported. The same people may
     * ask as may write those records.
     */
    public Future<List<RegistryRules.Problem>> problems(Principal actor, RegistrySnapshot records) {
        return CentralException.checked(() -> authorise(actor, records))
                .map(checked -> RegistryRules.problems(records, clock.instant()));
    }

    /** Removes one record (e.g. a vehicle sold, a blacklist entry lifted). */
    public Future<Long> remove(Principal actor, RegistryKey key) {
        return CentralException.checked(() -> {
            actor.require(site, key.kind() == Kind.EXEMPTION ? new Role[] {Role.MANAGER}
                    : new Role[] {Role.CARD_CLERK, Role.MANAGER});
            RegistryRules.checkKey(key);
        }).compose(checked -> change(actor, c -> {
            if (!RegistryStore.remove(c, site, key)) {
                throw CentralException.notFound(key.kind() + " " + key.key() + " not in the registry");
            }
            return List.of(key);
        }, "REMOVE"));
    }

    /** 退卡 (RETURNED), reported lost (LOST) or re-activated: the card keeps its owner and plate. */
    public Future<Long> setCardStatus(Principal actor, String number, Card.Status status) {
        return CentralException.checked(() -> {
            actor.require(site, Role.CARD_CLERK, Role.MANAGER);
            FieldRules.card("number", number);
        }).compose(checked -> change(actor, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cards SET status=? WHERE site=? AND number=?")) {
                Rows.setAll(ps, status, site, number);
                if (ps.executeUpdate() == 0) {
                    throw CentralException.notFound("card " + number + " not in the registry");
                }
            }
            return List.of(new RegistryKey(Kind.CARD, number));
        }, "CARD_" + status));
    }

    public Future<RegistrySnapshot> snapshot() {
        return db.tx(c -> RegistryStore.loadAll(c, site, currentVersion(c, site)));
    }

    /** Changes after {@code since}; empty when the agent is current, a snapshot when too far behind. */
    public Future<Optional<Object>> updateFor(long since) {
        return db.tx(c -> {
            long now = currentVersion(c, site);
            if (since == now) {
                return Optional.empty();
            }
            if (since <= 0 || since > now || countSince(c, site, since) > MAX_DELTA_CHANGES) {
                return Optional.of(RegistryStore.loadAll(c, site, now));
            }
            return Optional.of(deltaSince(c, site, since, now));
        });
    }

    private interface Writer {
        List<RegistryKey> write(Connection c) throws SQLException;
    }

    private Future<Long> change(Principal actor, Writer w, String what) {
        return db.tx(c -> {
            // The site's versions are its own changes' numbers in the one sequence of the database: another
            // site's changes in between are not in this site's deltas.
            long from = currentVersion(c, site);
            List<RegistryKey> keys = w.write(c);
            boolean removal = what.equals("REMOVE");
            long v = Math.max(from, lastVersion(c));
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO registry_change(version, kind, key, op, at, actor, site) VALUES (?,?,?,?,?,?,?)")) {
                for (RegistryKey k : keys) {
                    Rows.setAll(ps, ++v, k.kind(), k.key(), removal ? "REMOVE" : "UPSERT", clock.instant(),
                            actor.username(), site);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            AuditLog.append(c, site, clock.instant(), actor.username(), AuditAction.REGISTRY_CHANGE,
                    keys.size() == 1 ? keys.get(0).kind() + " " + keys.get(0).key() : keys.size() + " records",
                    what + " version " + from + " -> " + v);
            // A bulk change is not worth a delta (nor the database thread's time to build one).
            RegistryDelta delta = v > from && keys.size() <= MAX_DELTA_CHANGES ? deltaSince(c, site, from, v) : null;
            return new Object[] {v, delta};
        }).map(r -> {
            version = (Long) r[0];
            if (r[1] != null) {
                listeners.forEach(l -> l.accept((RegistryDelta) r[1]));
            } else {
                bulkListeners.forEach(l -> l.accept((Long) r[0]));
            }
            return (Long) r[0];
        });
    }

    private void authorise(Principal actor, RegistrySnapshot r) {
        if (!r.exemptions().isEmpty()) {
            actor.require(site, Role.MANAGER);
        } else if (r.owners().isEmpty() && r.vehicles().isEmpty() && r.cards().isEmpty() && r.passes().isEmpty()
                && r.blacklist().isEmpty()) {
            // Visitors only: registered at the gate by an attendant too (来访登记).
            actor.require(site, Role.ATTENDANT, Role.SUPERVISOR, Role.CARD_CLERK, Role.MANAGER);
        } else {
            actor.require(site, Role.CARD_CLERK, Role.MANAGER);
        }
    }

    /** The site's registry version: its latest change's number. */
    private static long currentVersion(Connection c, String site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(max(version),0) FROM registry_change WHERE site=?")) {
            ps.setString(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The last number taken in the database's one sequence of registry changes (any site). */
    private static long lastVersion(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(max(version),0) FROM registry_change")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long countSince(Connection c, String site, long since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM registry_change WHERE site=? AND version > ?")) {
            ps.setString(1, site);
            ps.setLong(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static RegistryDelta deltaSince(Connection c, String site, long from, long to) throws SQLException {
        // The last operation on each key decides: present now → upsert, gone → removal.
        Map<RegistryKey, String> last = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, key, op FROM registry_change WHERE site=? AND version > ? AND version <= ? "
                        + "ORDER BY version")) {
            ps.setString(1, site);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RegistryKey k = new RegistryKey(Kind.valueOf(rs.getString(1)), rs.getString(2));
                    last.remove(k);
                    last.put(k, rs.getString(3));
                }
            }
        }
        Map<Kind, Set<String>> upserts = new EnumMap<>(Kind.class);
        List<RegistryKey> removals = new ArrayList<>();
        for (Map.Entry<RegistryKey, String> e : last.entrySet()) {
            if (e.getValue().equals("REMOVE")) {
                removals.add(e.getKey());
            } else {
                upserts.computeIfAbsent(e.getKey().kind(), k -> new LinkedHashSet<>()).add(e.getKey().key());
            }
        }
        return new RegistryDelta(from, to, RegistryStore.load(c, site, to, upserts), removals);
    }
}
