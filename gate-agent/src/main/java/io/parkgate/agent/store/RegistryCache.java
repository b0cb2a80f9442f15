package io.parkgate.agent.store;

import static io.parkgate.agent.store.RegistryTables.BLACKLIST;
import static io.parkgate.agent.store.RegistryTables.CARDS;
import static io.parkgate.agent.store.RegistryTables.EXEMPTIONS;
import static io.parkgate.agent.store.RegistryTables.OWNERS;
import static io.parkgate.agent.store.RegistryTables.PASSES;
import static io.parkgate.agent.store.RegistryTables.VEHICLES;
import static io.parkgate.agent.store.RegistryTables.VISITORS;

import io.parkgate.agent.registry.RegistryVersionException;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.RegistrySnapshot;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local copy of central's resident registry: replaced whole by a snapshot (staged, then switched
 * atomically: {@link SnapshotLoader}), advanced by deltas that start exactly at the version held (one
 * transaction each), read back whole when the lane starts.
 */
final class RegistryCache {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryCache.class);
    /** Rows per JDBC batch: bounds the driver's parameter buffer, large enough to amortise the calls. */
    private static final int BATCH_ROWS = 2_000;

    private final LaneDatabase db;
    private final Clock clock;
    private final SnapshotLoader loader;
    /** A delta must not land between a snapshot's staging and its switch, where the switch would drop it. */
    private final ReentrantLock lock = new ReentrantLock();

    RegistryCache(LaneDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.loader = new SnapshotLoader(db);
    }

    void replace(RegistrySnapshot snapshot) {
        String what = "snapshot v" + snapshot.version();
        if (snapshot.version() < 0) {
            throw new IllegalArgumentException(what + ": a registry version is never negative");
        }
        checkKeys(what, snapshot, true);
        long started = System.nanoTime(); // elapsed time for the log only, not business time
        lock.lock();
        try {
            loader.load(snapshot, s -> {
                setVersion(s, snapshot.version());
                return null;
            });
        } finally {
            lock.unlock();
        }
        LOG.info("registry replaced by snapshot v{}: {} owners, {} vehicles, {} cards, {} passes, {} visitors, "
                        + "{} blacklisted, {} exemptions ({} ms)", snapshot.version(), snapshot.owners().size(),
                snapshot.vehicles().size(), snapshot.cards().size(), snapshot.passes().size(),
                snapshot.visitors().size(), snapshot.blacklist().size(), snapshot.exemptions().size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    void apply(RegistryDelta delta) {
        String what = "delta " + delta.fromVersion() + " -> " + delta.toVersion();
        checkKeys(what, delta.upserts(), false);
        for (RegistryKey k : delta.removals()) {
            if (k == null || k.kind() == null || k.key() == null || k.key().isBlank()) {
                throw new IllegalArgumentException(what + ": removal " + k + " has no kind or no key");
            }
        }
        lock.lock();
        try {
            applyLocked(what, delta);
        } finally {
            lock.unlock();
        }
        LOG.info("registry {} applied: {} records added or replaced, {} removed", what, count(delta.upserts()),
                delta.removals().size());
    }

    private void applyLocked(String what, RegistryDelta delta) {
        db.write("apply registry " + what, s -> {
            long local = version(s);
            if (local != delta.fromVersion()) {
                throw new RegistryVersionException(local, delta.fromVersion(), delta.toVersion());
            }
            upsertAll(s, delta.upserts());
            for (RegistryKey k : delta.removals()) {
                PreparedStatement ps = s.prepare(RegistryTables.of(k.kind()).deleteSql());
                ps.setString(1, k.key());
                ps.executeUpdate();
            }
            setVersion(s, delta.toVersion());
            return null;
        });
    }

    RegistrySnapshot load() {
        return db.read("load the registry", s -> new RegistrySnapshot(version(s), readAll(s, OWNERS),
                readAll(s, VEHICLES), readAll(s, CARDS), readAll(s, PASSES), readAll(s, VISITORS),
                readAll(s, BLACKLIST), readAll(s, EXEMPTIONS)));
    }

    long version() {
        return db.read("read the registry version", RegistryCache::version);
    }

    private static long version(Session s) throws SQLException {
        try (ResultSet rs = s.prepare("SELECT version FROM registry_meta WHERE id = 1").executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("registry_meta has no row: the registry cache tables are damaged");
            }
            return rs.getLong(1);
        }
    }

    private void setVersion(Session s, long version) throws SQLException {
        PreparedStatement ps = s.prepare("UPDATE registry_meta SET version = ?, updated_at = ? WHERE id = 1");
        ps.setLong(1, version);
        ps.setLong(2, clock.millis());
        ps.executeUpdate();
    }

    private static void upsertAll(Session s, RegistrySnapshot r) throws SQLException {
        upsert(s, OWNERS, r.owners());
        upsert(s, VEHICLES, r.vehicles());
        upsert(s, CARDS, r.cards());
        upsert(s, PASSES, r.passes());
        upsert(s, VISITORS, r.visitors());
        upsert(s, BLACKLIST, r.blacklist());
        upsert(s, EXEMPTIONS, r.exemptions());
    }

    private static <T> void upsert(Session s, RegistryTable<T> table, List<T> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        PreparedStatement ps = s.prepare(table.upsertSql());
        int pending = 0;
        for (T row : rows) {
            table.binder().bind(ps, row);
            ps.addBatch();
            if (++pending == BATCH_ROWS) {
                ps.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            ps.executeBatch();
        }
    }

    private static <T> List<T> readAll(Session s, RegistryTable<T> table) throws SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet rs = s.prepare(table.selectSql()).executeQuery()) {
            while (rs.next()) {
                out.add(table.reader().read(rs));
            }
        }
        return out;
    }

    /** Every record has a key; a snapshot names each key once (a delta may repeat one: the last wins). */
    private static void checkKeys(String what, RegistrySnapshot r, boolean unique) {
        checkKeys(what, OWNERS, r.owners(), unique);
        checkKeys(what, VEHICLES, r.vehicles(), unique);
        checkKeys(what, CARDS, r.cards(), unique);
        checkKeys(what, PASSES, r.passes(), unique);
        checkKeys(what, VISITORS, r.visitors(), unique);
        checkKeys(what, BLACKLIST, r.blacklist(), unique);
        checkKeys(what, EXEMPTIONS, r.exemptions(), unique);
    }

    private static <T> void checkKeys(String what, RegistryTable<T> table, List<T> rows, boolean unique) {
        Set<String> seen = unique ? new HashSet<>(rows.size() * 2) : null;
        for (int i = 0; i < rows.size(); i++) {
            String key = table.key().apply(rows.get(i));
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException(what + ": " + table.kindName() + " #" + (i + 1) + " has no "
                        + table.keyColumn() + ": " + rows.get(i));
            }
            if (unique && !seen.add(key)) {
                throw new IllegalArgumentException(what + " lists " + table.kindName() + " " + key + " twice");
            }
        }
    }

    private static int count(RegistrySnapshot r) {
        return r.owners().size() + r.vehicles().size() + r.cards().size() + r.passes().size() + r.visitors().size()
                + r.blacklist().size() + r.exemptions().size();
    }
}
