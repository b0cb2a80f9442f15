package io.parkgate.central.auth;

import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.sql.Rows;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * API users, their roles and bearer tokens. Passwords are PBKDF2 hashes, computed on a small pool of
 * their own (never on the database thread, so a login flood cannot slow the register); tokens are random
 * and stored as SHA-256, valid for {@link #TOKEN_LIFETIME}, cached in memory after a lookup for at most
 * {@link #SESSION_RECHECK} and dropped from the cache at once when revoked here (another central sharing the
 * database revokes in the database; this one sees it at the next lookup). Failed logins are throttled per user
 * and per address.
 */
public final class UserService implements AutoCloseable {

    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    /**
     * How long a token's session is answered from memory before the database is asked again. Several centrals
     * share the database: what one of them revokes (logout, disabled account, new role, reset password) the
     * others refuse within this time.
     */
    public static final Duration SESSION_RECHECK = Duration.ofSeconds(5);
    public static final int MIN_PASSWORD = 8;
    /** Past this many cached sessions, those due for a recheck are dropped (they would be read again anyway). */
    private static final int MAX_CACHED = 10_000;

    private final Database db;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final ConcurrentMap<String, Cached> sessions = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor hashing;
    /** One of several centrals: failed logins are counted in the database as well ({@link SharedLoginFailures}). */
    private final boolean sharedThrottle;
    /** Hashed for an unknown user, so that a wrong name costs as long as a wrong password. */
    private final byte[] decoySalt = Passwords.salt();

    /** A signed-in caller: who, and whether they must change their password before anything else. */
    public record Session(Principal principal, boolean mustChangePassword, Instant expiresAt) {
    }

    /** A session as read from the database, and when. */
    private record Cached(Session session, Instant readAt) {
    }

    /** What a login returns. */
    public record Login(String token, boolean mustChangePassword) {
    }

    private record Account(String username, String displayName, Role role, byte[] salt, byte[] hash, int iterations,
                           boolean disabled, boolean mustChange) {
    }

    public UserService(Database db, Clock clock) {
        this(db, clock, false);
    }

    /**
     * @param sharedThrottle one of several centrals: failed logins are also counted in the database, so that a
     *                       guesser spreading tries over the centrals gets no more than at one
     */
    public UserService(Database db, Clock clock, boolean sharedThrottle) {
        this.sharedThrottle = sharedThrottle;
        this.db = db;
        this.clock = clock;
        this.throttle = new LoginThrottle(clock);
        // Two threads, a short queue: a flood is refused (429) instead of queued for minutes.
        this.hashing = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32), r -> {
            Thread t = new Thread(r, "central-password-hashing");
            t.setDaemon(true);
            return t;
        });
        hashing.allowCoreThreadTimeOut(true);
    }

    /**
     * Creates a user holding {@code role} at {@code site} ({@link Principal#ALL_SITES}: at every site); {@code
     * actor} null only for the bootstrap manager at first start.
     */
    public Future<Principal> create(Principal actor, String site, String username, String displayName, Role role,
                                    String password) {
        return create(actor, site, username, displayName, role, password, false);
    }

    /**
     * Creates a user with a role at one site (a manager of that site, or a group manager, creates them).
     * {@code mustChange}: the password was set by someone else (first start), so the user must change it at the
     * first login.
     */
    public Future<Principal> create(Principal actor, String site, String username, String displayName, Role role,
                                    String password, boolean mustChange) {
        return CentralException.checked(() -> {
            Grants.checkSite(site);
            if (actor != null) {
                actor.require(site, Role.MANAGER);
            }
            checkUsername(username);
            checkPassword(password);
            if (role == null) {
                throw CentralException.badRequest("role is required");
            }
        }).compose(checked -> {
            byte[] salt = Passwords.salt();
            String name = displayName == null || displayName.isBlank() ? username : displayName;
            return hash(() -> Passwords.hash(password, salt, Passwords.ITERATIONS)).compose(hash -> db.tx(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO users(username, display_name, role, "
                        + "salt, hash, iterations, created_at, must_change) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO "
                                + "NOTHING")) {
                    Rows.setAll(ps, username, name, role, salt, hash, Passwords.ITERATIONS, clock.instant(), mustChange
                            ? 1 : 0);
                    if (ps.executeUpdate() == 0) {
                        throw CentralException.conflict("user " + username + " exists");
                    }
                }
                Grants.put(c, username, site, role);
                AuditLog.append(c, clock.instant(), actor == null ? "system" : actor.username(),
                        AuditAction.USER_CREATED,
                        username, role.name() + " at " + site);
                return new Principal(username, name, java.util.Map.of(site, role));
            }));
        });
    }

    /**
     * Makes {@code username} the group's manager (manager at every site) when no one is yet: a central of one site
     * started with several site files for the first time names its manager so (its users hold roles at the first
     * site only). False when there is a group manager already, or no such user.
     */
    public Future<Boolean> ensureGroupManager(String username) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM grants WHERE site=? AND role=?")) {
                Rows.setAll(ps, Principal.ALL_SITES, Role.MANAGER);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE username=?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            Grants.put(c, username, Principal.ALL_SITES, Role.MANAGER);
            AuditLog.append(c, clock.instant(), "system", AuditAction.USER_UPDATED, username,
                    "role at * MANAGER: the group's first manager (central started with several sites)");
            return true;
        }).onSuccess(done -> forget(username));
    }

    /** True when no user exists yet (first start). */
    public Future<Boolean> empty() {
        return db.tx(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM users")) {
                return rs.next() && rs.getLong(1) == 0;
            }
        });
    }

    /** Checks the password and issues a bearer token; {@code address} is the caller's, for throttling. */
    public Future<Login> login(String username, String password, String address) {
        Optional<Duration> wait = throttle.blocked(username, address);
        if (wait.isPresent()) {
            return Future.failedFuture(tooMany(wait.get()));
        }
        return db.tx(c -> {
            if (sharedThrottle) {
                Optional<Duration> shared = SharedLoginFailures.blocked(c, username, address, clock.instant());
                if (shared.isPresent()) {
                    throw tooMany(shared.get()); // counted on other centrals too
                }
            }
            return account(c, username);
        }).compose(found -> hash(() -> {
            // Unknown and disabled users cost the same hash as a wrong password: timing tells nothing.
            Account a = found.orElse(null);
            byte[] salt = a == null ? decoySalt : a.salt();
            int iterations = a == null ? Passwords.ITERATIONS : a.iterations();
            boolean matches = java.security.MessageDigest.isEqual(Passwords.hash(password, salt, iterations),
                    a == null ? new byte[32] : a.hash());
            return matches && a != null && !a.disabled() ? a : null;
        })).compose(a -> {
            if (a == null) {
                throttle.failed(username, address);
                Future<Void> counted = !sharedThrottle ? Future.succeededFuture() : db.tx(c -> {
                    SharedLoginFailures.failed(c, username, address, clock.instant());
                    return null;
                });
                // Answered once counted (or not: a database out of reach must not turn the refusal into a 500).
                return counted.transform(done -> Future.failedFuture(new CentralException(
                        CentralException.Kind.UNAUTHENTICATED, "unknown user or wrong password")));
            }
            throttle.succeeded(username);
            String token = Passwords.token();
            return db.tx(c -> {
                if (sharedThrottle) {
                    SharedLoginFailures.succeeded(c, username);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO tokens(token_hash, username, expires_at) VALUES (?,?,?)")) {
                    Rows.setAll(ps, Passwords.sha256(token), username, clock.instant().plus(TOKEN_LIFETIME));
                    ps.executeUpdate();
                }
                return new Login(token, a.mustChange());
            });
        });
    }

    /** Drops the cached sessions of a user whose tokens were revoked, role changed or account disabled. */
    public void forget(String username) {
        sessions.values().removeIf(s -> s.session().principal().username().equals(username));
    }

    /** The principal of a bearer token, or empty when unknown, expired, or its password must first change. */
    public Future<Optional<Principal>> authenticate(String token) {
        return session(token).map(s -> s.filter(x -> !x.mustChangePassword()).map(Session::principal));
    }

    /** The session of a bearer token, or empty when unknown or expired. */
    public Future<Optional<Session>> session(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Future.succeededFuture(Optional.empty());
        }
        String key = Passwords.sha256(token);
        Cached cached = sessions.get(key);
        Instant now = clock.instant();
        if (cached != null && cached.readAt().plus(SESSION_RECHECK).isAfter(now)) {
            Session s = cached.session();
            return Future.succeededFuture(s.expiresAt().isAfter(now) ? Optional.of(s) : Optional.empty());
        }
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT u.username, u.display_name, u.role, t.expires_at, "
                    + "u.must_change FROM tokens t JOIN users u ON u.username=t.username WHERE t.token_hash=? "
                    + "AND u.disabled=0")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        sessions.remove(key); // revoked by another central
                        return Optional.<Session>empty();
                    }
                    // The roles are the user's grants, per site, read with the session.
                    Session s = new Session(new Principal(rs.getString(1), rs.getString(2),
                            Grants.of(c, rs.getString(1))), rs.getInt(5) != 0, Rows.instant(rs, "expires_at"));
                    if (sessions.size() > MAX_CACHED) {
                        sessions.values().removeIf(x -> !x.readAt().plus(SESSION_RECHECK).isAfter(now));
                    }
                    sessions.put(key, new Cached(s, now));
                    return s.expiresAt().isAfter(now) ? Optional.of(s) : Optional.<Session>empty();
                }
            }
        });
    }

    /** Revokes the token (logout). */
    public Future<Void> logout(String token) {
        String key = Passwords.sha256(token);
        sessions.remove(key);
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tokens WHERE token_hash=?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The user changes their own password; their other tokens are revoked, this one is kept. */
    public Future<Void> changePassword(String username, String token, String oldPassword, String newPassword) {
        return CentralException.checked(() -> {
            checkPassword(newPassword);
            if (newPassword.equals(oldPassword)) {
                throw CentralException.badRequest("the new password must differ from the old one");
            }
        }).compose(checked -> db.tx(c -> account(c, username)).compose(found -> hash(() -> {
            Account a = found.orElseThrow(() -> CentralException.notFound("user " + username));
            if (!Passwords.matches(oldPassword, a.salt(), a.iterations(), a.hash())) {
                throw new CentralException(CentralException.Kind.FORBIDDEN, "the old password is wrong");
            }
            byte[] salt = Passwords.salt();
            return new byte[][] {salt, Passwords.hash(newPassword, salt, Passwords.ITERATIONS)};
        })).compose(h -> db.tx(c -> {
            setPassword(c, username, h[0], h[1], false);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tokens WHERE username=? AND token_hash<>?")) {
                Rows.setAll(ps, username, Passwords.sha256(token));
                ps.executeUpdate();
            }
            AuditLog.append(c, clock.instant(), username, AuditAction.PASSWORD_CHANGED, username, null);
            return null;
        })).map(v -> {
            forget(username);
            return null;
        }));
    }

    /** A manager sets a new password for a user, who must change it at the next login; their tokens are revoked. */
    public Future<Void> resetPassword(Principal actor, String username, String newPassword) {
        return CentralException.checked(() -> {
            checkPassword(newPassword);
        }).compose(checked -> db.tx(c -> {
            Grants.requireManagerOf(c, actor, username);
            return null;
        })).compose(checked -> {
            byte[] salt = Passwords.salt();
            return hash(() -> Passwords.hash(newPassword, salt, Passwords.ITERATIONS)).compose(hash -> db.tx(c -> {
                if (!setPassword(c, username, salt, hash, true)) {
                    throw CentralException.notFound("user " + username + " not found");
                }
                revokeAll(c, username);
                AuditLog.append(c, clock.instant(), actor.username(), AuditAction.PASSWORD_RESET, username, null);
                return null;
            })).map(v -> {
                forget(username);
                return null;
            });
        });
    }

    /** A manager disables (or enables again) a user; a disabled user's tokens are revoked at once. */
    public Future<Void> setDisabled(Principal actor, String username, boolean disabled) {
        return CentralException.checked(() -> {
            if (disabled && actor.username().equals(username)) {
                throw CentralException.badRequest("a manager cannot disable their own account");
            }
        }).compose(checked -> db.tx(c -> {
            Grants.requireManagerOf(c, actor, username);
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET disabled=? WHERE username=?")) {
                Rows.setAll(ps, disabled ? 1 : 0, username);
                if (ps.executeUpdate() == 0) {
                    throw CentralException.notFound("user " + username + " not found");
                }
            }
            if (disabled) {
                revokeAll(c, username);
            }
            AuditLog.append(c, clock.instant(), actor.username(),
                    disabled ? AuditAction.USER_DISABLED : AuditAction.USER_ENABLED, username, null);
            return (Void) null;
        }).map(v -> {
            forget(username);
            return null;
        }));
    }

    @Override
    public void close() {
        hashing.shutdownNow();
    }

    private <T> Future<T> hash(Supplier<T> work) {
        Promise<T> p = Promise.promise();
        try {
            hashing.execute(() -> {
                try {
                    p.complete(work.get());
                } catch (RuntimeException e) {
                    p.fail(e);
                }
            });
        } catch (RejectedExecutionException e) {
            p.fail(new CentralException(CentralException.Kind.TOO_MANY_REQUESTS, "central is busy checking passwords; "
                    + "try again in a moment"));
        }
        return p.future();
    }

    private static CentralException tooMany(Duration wait) {
        return new CentralException(CentralException.Kind.TOO_MANY_REQUESTS,
                "too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " s");
    }

    private static Optional<Account> account(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE username=?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Account(rs.getString("username"), rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")), rs.getBytes("salt"), rs.getBytes("hash"),
                        rs.getInt("iterations"), rs.getInt("disabled") != 0, rs.getInt("must_change") != 0));
            }
        }
    }

    private static boolean setPassword(Connection c, String username, byte[] salt, byte[] hash, boolean mustChange)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET salt=?, hash=?, iterations=?, must_change=? WHERE username=?")) {
            Rows.setAll(ps, salt, hash, Passwords.ITERATIONS, mustChange ? 1 : 0, username);
            return ps.executeUpdate() > 0;
        }
    }

    private static void revokeAll(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tokens WHERE username=?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
    }

    private static void checkUsername(String username) {
        if (username == null || !username.matches("[A-Za-z0-9_.-]{2,40}")) {
            throw CentralException.badRequest("username must be 2..40 of A-Z a-z 0-9 _ . -");
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            throw CentralException.badRequest("password must be " + MIN_PASSWORD + "..200 characters");
        }
    }
}
