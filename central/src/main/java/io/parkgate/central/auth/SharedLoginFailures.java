package io.parkgate.central.auth;

import io.parkgate.sql.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link LoginThrottle}'s counts kept in the database (table {@code login_failures}) for several centrals sharing
 * it: the same keys, limits and window, so that a guesser who spreads tries over the centrals is blocked as at one.
 * Each central still keeps its own counts in memory too, and refuses from them first without asking the database.
 */
final class SharedLoginFailures {

    private SharedLoginFailures() {
    }

    /** How long the user or the address must wait by the shared counts, or empty. */
    static Optional<Duration> blocked(Connection c, String user, String address, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key, first_at, failures FROM login_failures WHERE key IN (?,?)")) {
            Rows.setAll(ps, "u:" + user, "a:" + address);
            Duration longest = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int limit = rs.getString(1).startsWith("u:") ? LoginThrottle.PER_USER : LoginThrottle.PER_ADDRESS;
                    Instant until = Instant.ofEpochMilli(rs.getLong(2)).plus(LoginThrottle.WINDOW);
                    if (rs.getInt(3) >= limit && until.isAfter(now)) {
                        Duration wait = Duration.between(now, until);
                        longest = longest == null || wait.compareTo(longest) > 0 ? wait : longest;
                    }
                }
            }
            return Optional.ofNullable(longest);
        }
    }

    /** Counts a failure for the user and the address; a count whose window has passed starts again. */
    static void failed(Connection c, String user, String address, Instant now) throws SQLException {
        Instant lapsed = now.minus(LoginThrottle.WINDOW);
        try (PreparedStatement del = c.prepareStatement("DELETE FROM login_failures WHERE first_at<=?")) {
            Rows.setAll(del, lapsed);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_failures(key, first_at, failures) "
                + "VALUES (?,?,1) ON CONFLICT(key) DO UPDATE SET failures=login_failures.failures+1")) {
            for (String key : new String[] {"u:" + user, "a:" + address}) {
                Rows.setAll(ps, key, now);
                ps.executeUpdate();
            }
        }
    }

    /** A right password clears the user's count (the address keeps its own), as in memory. */
    static void succeeded(Connection c, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failures WHERE key=?")) {
            ps.setString(1, "u:" + user);
            ps.executeUpdate();
        }
    }
}
