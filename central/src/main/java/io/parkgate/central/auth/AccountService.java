package io.parkgate.central.auth;

import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.sql.Rows;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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

    /** Every account, by user name. */
    public Future<List<Account>> list(Principal actor) {
        return manager(actor).compose(v -> db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(ACCOUNTS + " ORDER BY username")) {
                return accounts(ps);
            }
        }));
    }

    /**
     * The active attendants by name, for anyone signed in: the handover form picks its receiver from them
     * ({@code username, displayName} only).
     */
    public Future<List<Attendant>> attendants() {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT username, display_name FROM users WHERE role=? "
                    + "AND disabled=0 ORDER BY display_name, username")) {
                Rows.setAll(ps, Role.ATTENDANT);
                List<Attendant> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Attendant(rs.getString("username"), rs.getString("display_name")));
                    }
                }
                return out;
            }
        });
    }

    /** Changes the role and/or display name (null keeps it). */
    public Future<Account> update(Principal actor, String username, Role role, String displayName) {
        if (displayName != null && (displayName.isBlank() || displayName.length() > 40)) {
            return Future.failedFuture(CentralException.badRequest("displayName must be 1..40 characters"));
        }
        if (role != null && role != Role.MANAGER && actor.username().equals(username)) {
            return Future.failedFuture(CentralException.badRequest("a manager cannot take away their own role"));
        }
        return manager(actor).compose(v -> db.tx(c -> {
            Account before = load(c, username);
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET role=coalesce(?, role), "
                    + "display_name=coalesce(?, display_name) WHERE username=?")) {
                Rows.setAll(ps, role, displayName == null ? null : displayName.trim(), username);
                ps.executeUpdate();
            }
            if (role != null && role != before.role()) {
                revoke(c, username);
            }
            AuditLog.append(c, clock.instant(), actor.username(), AuditAction.USER_UPDATED, username,
                    (role == null ? "" : "role " + before.role() + " -> " + role)
                            + (displayName == null ? "" : " name " + displayName.trim()));
            return load(c, username);
        })).onSuccess(x -> users.forget(username));
    }

    /**
     * Sets a new password that the user must change at the next sign-in, and signs them out everywhere
     * (the rules and the audit are {@link UserService#resetPassword}'s).
     */
    public Future<Account> resetPassword(Principal actor, String username, String password) {
        return users.resetPassword(actor, username, password).compose(v -> db.tx(c -> load(c, username)));
    }

    /** Disables (no sign-in, tokens revoked) or enables an account ({@link UserService#setDisabled}). */
    public Future<Account> setDisabled(Principal actor, String username, boolean disabled) {
        return users.setDisabled(actor, username, disabled).compose(v -> db.tx(c -> load(c, username)));
    }

    private static Future<Void> manager(Principal actor) {
        return CentralException.checked(() -> actor.require(Role.MANAGER));
    }

    private static void revoke(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tokens WHERE username=?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
    }

    private static final String ACCOUNTS = "SELECT username, display_name, role, created_at, disabled, must_change "
            + "FROM users";

    private static Account load(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ACCOUNTS + " WHERE username=?")) {
            ps.setString(1, username);
            List<Account> a = accounts(ps);
            if (a.isEmpty()) {
                throw CentralException.notFound("user " + username + " not found");
            }
            return a.get(0);
        }
    }

    private static List<Account> accounts(PreparedStatement ps) throws SQLException {
        List<Account> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Account(rs.getString("username"), rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")), Rows.instant(rs, "created_at"), rs.getInt("disabled") != 0,
                        rs.getInt("must_change") != 0));
            }
        }
        return out;
    }
}
