package io.parkgate.central.auth;

import io.parkgate.central.db.Dialect;
import io.parkgate.central.error.CentralException;
import io.parkgate.sql.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The roles users hold per site ({@code grants}: user name, site, role; site {@link Principal#ALL_SITES} for a
 * group role), read with every session and written by the managers who administer them.
 */
public final class Grants {

    private Grants() {
    }

    /** A site id, or {@link Principal#ALL_SITES}. */
    public static String checkSite(String site) {
        if (Principal.ALL_SITES.equals(site)) {
            return site;
        }
        try {
            return io.parkgate.wire.Topics.requireId("site", site);
        } catch (IllegalArgumentException e) {
            throw CentralException.badRequest(e.getMessage());
        }
    }

    /** The user's role at each site granted, by site. */
    public static Map<String, Role> of(Connection c, String username) throws SQLException {
        Map<String, Role> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT site, role FROM grants WHERE username=? ORDER BY site")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Role.valueOf(rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** Gives the user {@code role} at {@code site}, replacing the role held there. */
    public static void put(Connection c, String username, String site, Role role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Dialect.upsertOn("grants", 2, "username", "site", "role"))) {
            Rows.setAll(ps, username, site, role);
            ps.executeUpdate();
        }
    }

    /** Takes away the user's role at {@code site}; false when they held none there. */
    public static boolean remove(Connection c, String username, String site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM grants WHERE username=? AND site=?")) {
            Rows.setAll(ps, username, site);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * Whether {@code actor} administers {@code user}'s account (password, disabling): a group manager always; a
     * site's manager when every site the user holds a role at is one they manage (so that the manager of one
     * compound cannot lock out another's staff, or the group's).
     */
    public static boolean manages(Principal actor, Map<String, Role> user) {
        if (actor.is(Principal.ALL_SITES, Role.MANAGER)) {
            return true; // the group's manager
        }
        if (user.containsKey(Principal.ALL_SITES)) {
            return false;
        }
        return user.keySet().stream().allMatch(site -> actor.is(site, Role.MANAGER))
                && actor.grants().containsValue(Role.MANAGER);
    }

    /** Throws NOT_FOUND unless there is a user of that name. */
    public static void requireUser(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE username=?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw CentralException.notFound("user " + username + " not found");
                }
            }
        }
    }

    /** Throws FORBIDDEN unless {@code actor} {@link #manages} the user (NOT_FOUND when there is no such user). */
    public static void requireManagerOf(Connection c, Principal actor, String username) throws SQLException {
        requireUser(c, username);
        Map<String, Role> held = of(c, username);
        if (!manages(actor, held)) {
            throw CentralException.forbidden(Principal.SITE_FORBIDDEN + ": " + actor.username()
                    + " does not manage every site " + username + " holds a role at " + held.keySet());
        }
    }
}
