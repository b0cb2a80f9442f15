package io.parkgate.central.group;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.sql.Rows;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the group asks across its compounds: which site a record addressed by id belongs to (so that the caller's
 * role is checked there), and the takings report per site and across sites.
 */
public final class SiteRecords {

    /** Records addressed by their id alone. */
    public enum Kind {
        EXCEPTION("exceptions"), SHIFT("shifts"), HANDOVER("handovers");

        private final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    private final Database db;

    public SiteRecords(Database db) {
        this.db = db;
    }

    /** The site the record belongs to; empty when there is none of that id. */
    public Future<Optional<String>> siteOf(Kind kind, String id) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT site FROM " + kind.table + " WHERE id=?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * One site's takings and traffic in {@code [from, to)}, in fen.
     *
     * @param laneFeeFen   fees taken at its exit lanes in cash, by mobile or by card (an exit carrying its payment,
     *                     or a separate payment event not about such an exit); prepaid exits are in deskFen
     * @param deskFen      payments taken at its desks (prepayments, partial payments)
     * @param exceptionFen exception fees collected by its supervisors
     */
    public record SiteTakings(String site, long entries, long exits, long exceptions, long laneFeeFen, long deskFen,
                              long exceptionFen) {

        public long totalFen() {
            return Math.addExact(Math.addExact(laneFeeFen, deskFen), exceptionFen);
        }

        /** The sum of two sites' rows, under {@code site}. */
        SiteTakings plus(String site, SiteTakings o) {
            return new SiteTakings(site, entries + o.entries, exits + o.exits, exceptions + o.exceptions,
                    Math.addExact(laneFeeFen, o.laneFeeFen), Math.addExact(deskFen, o.deskFen),
                    Math.addExact(exceptionFen, o.exceptionFen));
        }
    }

    /** The report: one row per site, and their total (site {@link Principal#ALL_SITES}). */
    public record Takings(Instant from, Instant to, List<SiteTakings> sites, SiteTakings total) {
    }

    /**
     * The takings of the sites in {@code [from, to)}: a supervisor or manager of each site named may read its row; the
     * cross-site report (several sites) is a group manager's.
     */
    public Future<Takings> takings(Principal actor, List<String> sites, Instant from, Instant to) {
        return CentralException.checked(() -> {
            if (from == null || to == null || !to.isAfter(from)) {
                throw CentralException.badRequest("parameters 'from' and 'to' are required, 'to' after 'from'");
            }
            if (sites.size() > 1) {
                actor.require(Principal.ALL_SITES, Role.MANAGER);
            }
            sites.forEach(s -> actor.require(s, Role.SUPERVISOR, Role.MANAGER));
        }).compose(checked -> db.tx(c -> {
            List<SiteTakings> rows = new ArrayList<>();
            SiteTakings total = new SiteTakings(Principal.ALL_SITES, 0, 0, 0, 0, 0, 0);
            for (String site : sites) {
                SiteTakings t = new SiteTakings(site,
                        count(c, "SELECT count(*) FROM lane_events WHERE site=? AND type='ENTRY' AND occurred_at>=? "
                                + "AND occurred_at<?", site, from, to),
                        count(c, "SELECT count(*) FROM lane_events WHERE site=? AND type='EXIT' AND occurred_at>=? "
                                + "AND occurred_at<?", site, from, to),
                        count(c, "SELECT count(*) FROM exceptions WHERE site=? AND opened_at>=? AND opened_at<?",
                                site, from, to),
                        count(c, "SELECT coalesce(sum(fee_fen),0) FROM lane_events p WHERE site=? "
                                + "AND payment_method IN ('CASH','MOBILE','CARD') AND occurred_at>=? "
                                + "AND occurred_at<? AND (type='EXIT' OR type='PAYMENT' AND NOT EXISTS (SELECT 1 "
                                + "FROM lane_events x WHERE x.event_id=p.related_id AND x.type='EXIT' "
                                + "AND x.payment_method IS NOT NULL))", site, from, to),
                        count(c, "SELECT coalesce(sum(amount_fen),0) FROM prepayments WHERE site=? AND paid_at>=? "
                                + "AND paid_at<?", site, from, to),
                        count(c, "SELECT coalesce(sum(fee_fen),0) FROM exceptions WHERE site=? "
                                + "AND fee_action='COLLECT' AND resolved_at>=? AND resolved_at<?", site, from, to));
                rows.add(t);
                total = total.plus(Principal.ALL_SITES, t);
            }
            return new Takings(from, to, rows, total);
        }));
    }

    private static long count(java.sql.Connection c, String sql, Object... args) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Rows.setAll(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
