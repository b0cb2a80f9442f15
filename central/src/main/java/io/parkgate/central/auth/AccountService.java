package io.parkgate.central.auth;

import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.sql.Rows;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A manager's account administration for the console: list the users, change a role or name, reset a password,
 * disable or enable an account. Every change is audited; a reset, a role change or disabling revokes the user's
 * tokens, so it takes effect at once. A manager cannot disable or demote themselves (someone must remain able
 * to administer).
 */
public final class AccountService {

    private final Database db;
    private final Clock clock;
    private final UserService users;

    public AccountService(Database db, Clock clock, UserService users) {
        this.db = db;
        this.clock = clock;
        this.users = users;
    }

    /** The accounts holding a role at the site (theirs or the group's), by user name, with their role there. */
    public Future<List<Account>> list(Principal actor, String site) {
        return manager(actor, site).compose(v -> db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(ACCOUNTS + " JOIN grants g ON g.username=u.username "
                    + "AND g.site IN (?, '*') ORDER BY u.username, g.site DESC")) {
                ps.setString(1, site);
                List<Account> out = new ArrayList<>();
                for (Account a : accounts(ps)) {
                    // A site grant before the group one (sorted so): the role held at this site.
                    if (out.isEmpty() || !out.get(out.size() - 1).username().equals(a.username())) {
                        out.add(a);
                    }
                }
                return out;
            }
        }));
    }

    /**
     * The active attendants by name, for anyone signed in: the handover form picks its receiver from them
     * ({@code username, displayName} only).
     */
    public Future<List<Attendant>> attendants(String site) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT u.username, u.display_name FROM users u "
                    + "JOIN grants g ON g.username=u.username WHERE g.role=? AND g.site IN (?, '*') "
                    + "AND u.disabled=0 ORDER BY u.display_name, u.username")) {
                Rows.setAll(ps, Role.ATTENDANT, site);
                return Rows.list(ps, rs -> new Attendant(rs.getString("username"), rs.getString("display_name")));
            }
        });
    }

    /** Changes the role at the site and/or the display name (null keeps it). */
    public Future<Account> update(Principal actor, String site, String username, Role role, String displayName) {
        if (displayName != null && (displayName.isBlank() || displayName.length() > 40)) {
            return Future.failedFuture(CentralException.badRequest("displayName must be 1..40 characters"));
        }
        if (role != null && role != Role.MANAGER && actor.username().equals(username)) {
            return Future.failedFuture(CentralException.badRequest("a manager cannot take away their own role"));
        }
        return manager(actor, site).compose(v -> db.tx(c -> {
            Account before = load(c, username, site);
            if (displayName != null) {
                Grants.requireManagerOf(c, actor, username); // a name is the user's everywhere
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET "
                    + "display_name=coalesce(?, display_name) WHERE username=?")) {
                Rows.setAll(ps, displayName == null ? null : displayName.trim(), username);
                ps.executeUpdate();
            }
            if (role != null && role != before.role()) {
                Grants.put(c, username, site, role);
                revoke(c, username);
            }
            AuditLog.append(c, clock.instant(), actor.username(), AuditAction.USER_UPDATED, username,
                    (role == null ? "" : "role at " + site + " " + before.role() + " -> " + role)
                            + (displayName == null ? "" : " name " + displayName.trim()));
            return load(c, username, site);
        })).onSuccess(x -> users.forget(username));
    }

    /**
     * Gives the user {@code role} at {@code site} (a site's manager at their site; {@link Principal#ALL_SITES}, a
     * group role, only a group manager), or takes their role there away ({@code role} null). The user's tokens are
     * revoked, so the change takes effect at once.
     */
    public Future<Map<String, Role>> grant(Principal actor, String username, String site, Role role) {
        return CentralException.checked(() -> {
            Grants.checkSite(site);
            actor.require(site, Role.MANAGER);
            if (actor.username().equals(username) && role != Role.MANAGER) {
                throw CentralException.badRequest("a manager cannot take away their own role");
            }
        }).compose(v -> db.tx(c -> {
            Grants.requireUser(c, username);
            if (role == null) {
                if (!Grants.remove(c, username, site)) {
                    throw CentralException.notFound(username + " holds no role at site " + site);
                }
            } else {
                Grants.put(c, username, site, role);
            }
            revoke(c, username);
            AuditLog.append(c, Principal.ALL_SITES.equals(site) ? null : site, clock.instant(), actor.username(),
                    AuditAction.USER_UPDATED, username, role == null ? "no role at " + site : "role at " + site + " "
                            + role);
            return Grants.of(c, username);
        })).onSuccess(x -> users.forget(username));
    }

    /**
     * The user's role at each site, as far as {@code actor} administers roles there: a group manager sees every
     * grant (the group's too), a site's manager the grants at the sites they manage. Others are refused.
     */
    public Future<Map<String, Role>> grantsOf(Principal actor, String username) {
        return CentralException.checked(() -> {
            if (!actor.grants().containsValue(Role.MANAGER)) {
                throw CentralException.forbidden(actor.username() + " manages no site: may not read roles");
            }
        }).compose(v -> db.tx(c -> {
            Grants.requireUser(c, username);
            Map<String, Role> out = new java.util.LinkedHashMap<>();
            boolean group = actor.is(Principal.ALL_SITES, Role.MANAGER);
            Grants.of(c, username).forEach((site, role) -> {
                if (group || !Principal.ALL_SITES.equals(site) && actor.is(site, Role.MANAGER)) {
                    out.put(site, role);
                }
            });
            return out;
        }));
    }

    /**
     * Sets a new password that the user must change at the next sign-in, and signs them out everywhere
     * (the rules and the audit are {@link UserService#resetPassword}'s).
     */
    public Future<Account> resetPassword(Principal actor, String site, String username, String password) {
        return users.resetPassword(actor, username, password).compose(v -> db.tx(c -> load(c, username, site)));
    }

    /** Disables (no sign-in, tokens revoked) or enables an account ({@link UserService#setDisabled}). */
    public Future<Account> setDisabled(Principal actor, String site, String username, boolean disabled) {
        return users.setDisabled(actor, username, disabled).compose(v -> db.tx(c -> load(c, username, site)));
    }

    private static Future<Void> manager(Principal actor, String site) {
        return CentralException.checked(() -> actor.require(site, Role.MANAGER));
    }

    private static void revoke(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tokens WHERE username=?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
    }

    private static final String ACCOUNTS = "SELECT u.username, u.display_name, g.role, u.created_at, u.disabled, "
            + "u.must_change FROM users u";

    /** The account with its role at the site (an account holding none there is not found). */
    private static Account load(Connection c, String username, String site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ACCOUNTS + " JOIN grants g ON g.username=u.username "
                + "AND g.site IN (?, '*') WHERE u.username=? ORDER BY g.site DESC")) {
            Rows.setAll(ps, site, username);
            List<Account> a = accounts(ps);
            if (a.isEmpty()) {
                throw CentralException.notFound("user " + username + " not found at site " + site);
            }
            return a.get(0);
        }
    }

    private static List<Account> accounts(PreparedStatement ps) throws SQLException {
        return Rows.list(ps, rs -> new Account(rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), Rows.instant(rs, "created_at"), rs.getInt("disabled") != 0,
                rs.getInt("must_change") != 0));
    }
}
