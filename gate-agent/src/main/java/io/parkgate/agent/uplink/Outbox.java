package io.parkgate.agent.uplink;

import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The lane's store-and-forward journal, {@code <dataDir>/outbox.db} (SQLite, WAL), owned by this class
 * alone. Publishing an event is an INSERT; the uplink's drainer sends rows and marks them published;
 * central's ack marks them confirmed; confirmed rows are trimmed after a while. Also remembers the
 * nonces of accepted commands so a replayed command is refused even after a restart.
 *
 * <p>Thread-safe: one connection, every method synchronised (a lane's write rate is tiny).
 */
public final class Outbox implements AutoCloseable {

    /** Accepted commands' nonces remembered: years of a lane's releases, a few hundred kilobytes. */
    static final int NONCES_KEPT = 10_000;
    /** The outbox's numbered schema scripts; outboxes made before them (tables, no history) count as version 1. */
    static final String MIGRATIONS = "classpath:db/outbox";

    private final Connection db;
    private final Clock clock;
    private final int noncesKept;

    private Outbox(Connection db, Clock clock, int noncesKept) {
        this.db = db;
        this.clock = clock;
        this.noncesKept = noncesKept;
    }

    /** Opens (creating when missing) {@code <dataDir>/outbox.db}. */
    public static Outbox open(Path dataDir, Clock clock) {
        return open(dataDir, clock, NONCES_KEPT);
    }

    /** As above, remembering the newest {@code noncesKept} command nonces (tests use a few). */
    static Outbox open(Path dataDir, Clock clock, int noncesKept) {
        try {
            io.parkgate.config.PrivateFiles.database(dataDir.resolve("outbox.db"));
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("outbox.db"));
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // FULL: an event the lane journalled must survive a power cut before it is published.
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            try {
                Path file = dataDir.resolve("outbox.db");
                io.parkgate.config.SchemaMigrations.migrate(new io.parkgate.config.SchemaMigrations.Target(
                        file.toString(), "jdbc:sqlite:" + file, null, null, List.of(MIGRATIONS), 1), c);
            } catch (Exception e) {
                c.close();
                throw e;
            }
            return new Outbox(c, clock, noncesKept);
        } catch (Exception e) {
            throw new UplinkException("cannot open outbox in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Journals an event; a second append of the same event id is ignored (returns false). */
    public synchronized boolean append(LaneEvent event) {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT OR IGNORE INTO outbox(event_id, payload, created_at) VALUES (?,?,?)")) {
            ps.setString(1, event.eventId());
            ps.setBytes(2, MessageCodec.encode(event));
            ps.setLong(3, clock.millis());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new UplinkException("cannot journal event " + event.eventId() + ": " + e.getMessage(), e);
        }
    }

    /** A journalled event ready to send. */
    public record Pending(long seq, String eventId, byte[] payload) {
    }

    /**
     * Unconfirmed events in journal order that were never published or were published before
     * {@code resendBefore} (their ack did not come).
     */
    public synchronized List<Pending> due(Instant resendBefore, int limit) {
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT seq, event_id, payload FROM outbox "
                + "WHERE confirmed_at IS NULL AND (published_at IS NULL OR published_at < ?) ORDER BY seq LIMIT ?")) {
            ps.setLong(1, resendBefore.toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new UplinkException("cannot read outbox: " + e.getMessage(), e);
        }
    }

    public synchronized void markPublished(Collection<Pending> sent) {
        update("UPDATE outbox SET published_at=? WHERE seq=? AND confirmed_at IS NULL",
                sent.stream().map(p -> (Object) p.seq()).toList());
    }

    /** Central stored these events; returns how many were newly confirmed. */
    public synchronized int confirm(Collection<String> eventIds) {
        return update("UPDATE outbox SET confirmed_at=? WHERE event_id=? AND confirmed_at IS NULL",
                List.copyOf(eventIds));
    }

    /** Makes every unconfirmed event due again (after a reconnect: what was in flight may be lost). */
    public synchronized void resendUnconfirmed() {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE outbox SET published_at=NULL WHERE confirmed_at IS NULL");
        } catch (SQLException e) {
            throw new UplinkException("cannot reset outbox: " + e.getMessage(), e);
        }
    }

    /** Deletes events confirmed before {@code before}; returns how many. */
    public synchronized int trimConfirmed(Instant before) {
        try (PreparedStatement ps = db.prepareStatement(
                "DELETE FROM outbox WHERE confirmed_at IS NOT NULL AND confirmed_at < ?")) {
            ps.setLong(1, before.toEpochMilli());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new UplinkException("cannot trim outbox: " + e.getMessage(), e);
        }
    }

    /** Events journalled and not yet confirmed by central. */
    public synchronized long unconfirmed() {
        return count("SELECT count(*) FROM outbox WHERE confirmed_at IS NULL");
    }

    /** When the oldest event central has not confirmed was journalled, or null when none waits. */
    public synchronized Instant oldestUnconfirmed() {
        long at = count("SELECT coalesce(min(created_at), -1) FROM outbox WHERE confirmed_at IS NULL");
        return at < 0 ? null : Instant.ofEpochMilli(at);
    }

    /** Rows in the journal, confirmed or not. */
    public synchronized long size() {
        return count("SELECT count(*) FROM outbox");
    }

    /**
     * Records a command nonce; false when it was seen before (a replay), or may have been: its command expires at or
     * before the newest expiry among the nonces already forgotten. The newest ({@value #NONCES_KEPT}) are kept and
     * older ones forgotten by number, never by the clock, so a PC clock set back does not make a command that was
     * carried out new again. Expiries are central's (signed), so the horizon does not follow the lane's clock either.
     */
    public synchronized boolean rememberNonce(String nonce, Instant expiresAt) {
        try (PreparedStatement ins = db.prepareStatement(
                "INSERT OR IGNORE INTO seen_nonce(nonce, expires_at) SELECT ?, ? FROM nonce_horizon "
                        + "WHERE forgotten_until < ?");
             PreparedStatement horizon = db.prepareStatement("UPDATE nonce_horizon SET forgotten_until = max("
                     + "forgotten_until, (SELECT coalesce(max(expires_at), 0) FROM seen_nonce WHERE rowid <= "
                     + "(SELECT max(rowid) FROM seen_nonce) - ?))");
             PreparedStatement forget = db.prepareStatement(
                     "DELETE FROM seen_nonce WHERE rowid <= (SELECT max(rowid) FROM seen_nonce) - ?")) {
            ins.setString(1, nonce);
            ins.setLong(2, expiresAt.toEpochMilli());
            ins.setLong(3, expiresAt.toEpochMilli());
            if (ins.executeUpdate() != 1) {
                return false;
            }
            horizon.setLong(1, noncesKept);
            horizon.executeUpdate();
            forget.setLong(1, noncesKept);
            forget.executeUpdate();
            return true;
        } catch (SQLException e) {
            throw new UplinkException("cannot record nonce: " + e.getMessage(), e);
        }
    }

    /** Folds the WAL into the database file; the uplink calls it on a schedule. */
    public synchronized void checkpoint() {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new UplinkException("outbox checkpoint failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new UplinkException("cannot close outbox: " + e.getMessage(), e);
        }
    }

    private int update(String sql, List<Object> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        try {
            db.setAutoCommit(false);
            int n = 0;
            try (PreparedStatement ps = db.prepareStatement(sql)) {
                for (Object k : keys) {
                    ps.setLong(1, now);
                    ps.setObject(2, k);
                    ps.addBatch();
                }
                for (int r : ps.executeBatch()) {
                    n += Math.max(r, 0);
                }
            }
            db.commit();
            return n;
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            throw new UplinkException("outbox update failed: " + e.getMessage(), e);
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException ignored) {
                // connection is broken; the next call reports it
            }
        }
    }

    private long count(String sql) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new UplinkException("cannot count outbox: " + e.getMessage(), e);
        }
    }
}
