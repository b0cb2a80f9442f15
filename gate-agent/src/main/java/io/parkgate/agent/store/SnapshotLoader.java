package io.parkgate.agent.store;

import io.parkgate.registry.RegistrySnapshot;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the registry tables with a snapshot without stalling the lane. SQLite has one writer per
 * file, so loading 400,000 rows in one transaction would hold every register write (and so the
 * barrier) for the whole load. Instead the rows go into staging copies of the tables in short
 * transactions, between which the lane's writes take their turn, and one short transaction then
 * renames the copies into place and sets the version: readers and the lane see the old registry or
 * the new one, never a mix. A crash before the switch leaves the old registry in force; staging
 * tables it left behind are dropped by the next load.
 */
final class SnapshotLoader {

    /** Rows per staging transaction: about a millisecond of writing, the longest a lane write waits. */
    static final int CHUNK_ROWS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotLoader.class);
    private static final String NEXT = "next_";
    private static final String OLD = "old_";

    private final LaneDatabase db;

    SnapshotLoader(LaneDatabase db) {
        this.db = db;
    }

    /**
     * Loads {@code snapshot} (keys already checked) and switches to it.
     *
     * @param switchVersion sets the registry version inside the switching transaction
     */
    void load(RegistrySnapshot snapshot, LaneDatabase.Work<Void> switchVersion) {
        String what = "snapshot v" + snapshot.version();
        db.write("prepare staging tables for " + what, s -> {
            for (RegistryTable<?> t : RegistryTables.ALL) {
                s.execute("DROP TABLE IF EXISTS " + NEXT + t.table());
                s.execute("DROP TABLE IF EXISTS " + OLD + t.table());
                s.execute(stagingDdl(s, t.table()));
            }
            return null;
        });
        try {
            stage(what, RegistryTables.OWNERS, snapshot.owners());
            stage(what, RegistryTables.VEHICLES, snapshot.vehicles());
            stage(what, RegistryTables.CARDS, snapshot.cards());
            stage(what, RegistryTables.PASSES, snapshot.passes());
            stage(what, RegistryTables.VISITORS, snapshot.visitors());
            stage(what, RegistryTables.BLACKLIST, snapshot.blacklist());
            stage(what, RegistryTables.EXEMPTIONS, snapshot.exemptions());
            db.write("switch the registry to " + what, s -> {
                for (RegistryTable<?> t : RegistryTables.ALL) {
                    s.execute("ALTER TABLE " + t.table() + " RENAME TO " + OLD + t.table());
                    s.execute("ALTER TABLE " + NEXT + t.table() + " RENAME TO " + t.table());
                }
                return switchVersion.run(s);
            });
        } catch (RuntimeException e) {
            dropQuietly(NEXT, e);
            throw e;
        }
        for (RegistryTable<?> t : RegistryTables.ALL) {
            // one table per transaction: freeing a large table's pages is the only long step left
            try {
                db.write("drop the replaced " + t.table(), s -> {
                    s.execute("DROP TABLE IF EXISTS " + OLD + t.table());
                    return null;
                });
            } catch (StoreException e) {
                // the snapshot is in force; the next load drops what is left
                LOG.warn("{} is in force, but dropping the replaced {} failed: {}", what, t.table(), e.getMessage());
            }
        }
    }

    private <T> void stage(String what, RegistryTable<T> table, List<T> rows) {
        String sql = table.insertSql(NEXT + table.table());
        for (int from = 0; from < rows.size(); from += CHUNK_ROWS) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK_ROWS));
            db.write("stage " + what + " " + table.kindName() + " rows", s -> {
                PreparedStatement ps = s.prepare(sql);
                for (T row : chunk) {
                    table.binder().bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
                return null;
            });
        }
    }

    /**
     * A copy of the live table's definition under the staging name, so the copy follows every
     * migration of the original (columns, keys, WITHOUT ROWID).
     */
    private static String stagingDdl(Session s, String table) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
        ps.setString(1, table);
        String ddl;
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("registry table " + table + " is missing");
            }
            ddl = rs.getString(1);
        }
        // SQLite keeps the CREATE text as written, and quotes the name after a rename
        Matcher m = Pattern.compile("^CREATE TABLE\\s+(\"" + table + "\"|`" + table + "`|\\[" + table + "]|"
                + table + ")(?=[\\s(])", Pattern.CASE_INSENSITIVE).matcher(ddl);
        if (!m.find()) {
            throw new SQLException("cannot derive a staging table from the definition of " + table + ": " + ddl);
        }
        return "CREATE TABLE " + NEXT + table + ddl.substring(m.end());
    }

    private void dropQuietly(String prefix, RuntimeException cause) {
        try {
            db.write("drop staging tables", s -> {
                for (RegistryTable<?> t : RegistryTables.ALL) {
                    s.execute("DROP TABLE IF EXISTS " + prefix + t.table());
                }
                return null;
            });
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            LOG.debug("dropping staging tables after a failed load", e);
        }
    }
}
