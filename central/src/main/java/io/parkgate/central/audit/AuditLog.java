package io.parkgate.central.audit;

import io.parkgate.central.db.Database;
import io.parkgate.sql.Rows;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The append-only audit log: every release, manual open, waiver and registry change. Entries are written
 * inside the transaction of the change they record, so there is never a change without its entry; the
 * table's triggers refuse UPDATE and DELETE.
 */
public final class AuditLog {

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    /** One audit entry. */
    public record Entry(long id, Instant at, String actor, String action, String subject, String detail) {
    }

    /** Appends an action of the group's own (users, accounts: no one site) inside the caller's transaction. */
    public static void append(Connection c, Instant at, String actor, AuditAction action, String subject,
                              String detail) throws SQLException {
        append(c, null, at, actor, action, subject, detail);
    }

    /** Appends an action taken at {@code site} (null: the group's own) inside the caller's transaction. */
    public static void append(Connection c, String site, Instant at, String actor, AuditAction action, String subject,
                              String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log(at, actor, action, subject, detail, site) VALUES (?,?,?,?,?,?)")) {
            Rows.setAll(ps, at, actor, action.name(), subject, detail, site);
            ps.executeUpdate();
        }
    }

    /**
     * The newest entries of the site first, optionally of one action only; with {@code group}, also the
     * group's own entries (users, accounts).
     */
    public Future<List<Entry>> recent(String site, boolean group, AuditAction action, int limit) {
        return db.tx(c -> {
            String sql = "SELECT * FROM audit_log WHERE (site=?" + (group ? " OR site IS NULL)" : ")")
                    + (action == null ? "" : " AND action=?") + " ORDER BY id DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, site);
                int i = 2;
                if (action != null) {
                    ps.setString(i++, action.name());
                }
                ps.setInt(i, limit);
                return Rows.list(ps, rs -> new Entry(rs.getLong("id"), Rows.instant(rs, "at"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("subject"), rs.getString("detail")));
            }
        });
    }
}
