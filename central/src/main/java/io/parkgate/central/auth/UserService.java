package io.parkgate.central.auth;

import io.parkgate.central.CentralException;
import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.db.Database;
import io.parkgate.central.db.Rows;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * API users, their roles and bearer tokens. Passwords are PBKDF2 hashes; tokens are random and stored
 * as SHA-256, valid for {@link #TOKEN_LIFETIME}, cached in memory after the first lookup.
 */
public final class UserService {

    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private final Database db;
    private final Clock clock;
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();

    private record Session(Principal principal, Instant expiresAt) {
    }

    public UserService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates a user; {@code actor} null only for the bootstrap manager at first start. */
    public Future<Principal> create(Principal actor, String username, String displayName, Role role, String password) {
        if (actor != null) {
            actor.require(Role.MANAGER);
        }
        if (username == null || !username.matches("[A-Za-z0-9_.-]{2,40}")) {
            return Future.failedFuture(CentralException.badRequest("username must be 2..40 of A-Z a-z 0-9 _ . -"));
        }
        if (password == null || password.length() < 8) {
            return Future.failedFuture(CentralException.badRequest("password must be at least 8 characters"));
        }
        if (role == null) {
            return Future.failedFuture(CentralException.badRequest("role is required"));
        }
        byte[] salt = Passwords.salt();
        byte[] hash = Passwords.hash(password, salt, Passwords.ITERATIONS);
        String name = displayName == null || displayName.isBlank() ? username : displayName;
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO users"
                    + "(username, display_name, role, salt, hash, iterations, created_at) VALUES (?,?,?,?,?,?,?)")) {
                Rows.setAll(ps, username, name, role, salt, hash, Passwords.ITERATIONS, clock.instant());
                if (ps.executeUpdate() == 0) {
                    throw CentralException.conflict("user " + username + " exists");
                }
            }
            AuditLog.append(c, clock.instant(), actor == null ? "system" : actor.username(), AuditAction.USER_CREATED,
                    username, role.name());
            return new Principal(username, name, role);
        });
    }

    /** True when no user exists yet (first start). */
    public Future<Boolean> empty() {
        return db.tx(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM users")) {
                return rs.next() && rs.getLong(1) == 0;
            }
        });
    }

    /** Checks the password and issues a bearer token. */
    public Future<String> login(String username, String password) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE username=? AND disabled_at IS NULL")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !Passwords.matches(password, rs.getBytes("salt"), rs.getInt("iterations"),
                            rs.getBytes("hash"))) {
                        throw new CentralException(CentralException.Kind.UNAUTHENTICATED,
                                "unknown user or wrong password");
                    }
                }
            }
            String token = Passwords.token();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tokens(token_hash, username, expires_at) VALUES (?,?,?)")) {
                Rows.setAll(ps, Passwords.sha256(token), username, clock.instant().plus(TOKEN_LIFETIME));
                ps.executeUpdate();
            }
            return token;
        });
    }

    /** Drops the cached sessions of a user whose tokens were revoked, role changed or account disabled. */
    public void forget(String username) {
        sessions.values().removeIf(s -> s.principal().username().equals(username));
    }

    /** The principal of a bearer token, or empty when unknown or expired. */
    public Future<Optional<Principal>> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Future.succeededFuture(Optional.empty());
        }
        String key = Passwords.sha256(token);
        Session cached = sessions.get(key);
        Instant now = clock.instant();
        if (cached != null) {
            return Future.succeededFuture(cached.expiresAt().isAfter(now) ? Optional.of(cached.principal())
                    : Optional.empty());
        }
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT u.username, u.display_name, u.role, t.expires_at "
                    + "FROM tokens t JOIN users u ON u.username=t.username WHERE t.token_hash=? AND u.disabled_at IS NULL")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Principal>empty();
                    }
                    Session s = new Session(new Principal(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))),
                            Rows.instant(rs, "expires_at"));
                    sessions.put(key, s);
                    return s.expiresAt().isAfter(now) ? Optional.of(s.principal()) : Optional.<Principal>empty();
                }
            }
        });
    }
}
