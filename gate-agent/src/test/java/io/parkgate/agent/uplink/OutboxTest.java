package io.parkgate.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.testing.MutableClock;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    private static final Instant T = Instant.parse("2026-11-22T06:00:00Z");
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T);

    private static LaneEvent event(String id) {
        return LaneEvent.of(id, "north-in", EventType.ENTRY, T, "粤B12345", "RESIDENT_PASS", "月卡");
    }

    /** Verifies that a journalled event is due, not due again before the ack timeout, and gone once confirmed. */
    @Test
    void dueUntilConfirmed() {
        try (Outbox o = Outbox.open(dir, clock)) {
            assertTrue(o.append(event("a")));
            assertFalse(o.append(event("a")), "same event id journalled twice");
            o.append(event("b"));
            List<Outbox.Pending> due = o.due(clock.instant(), 10);
            assertEquals(List.of("a", "b"), due.stream().map(Outbox.Pending::eventId).toList());
            assertEquals(event("a"), MessageCodec.decodeEvent(due.get(0).payload()));
            o.markPublished(due);
            clock.advance(Duration.ofSeconds(1));
            assertTrue(o.due(clock.instant().minusSeconds(10), 10).isEmpty(), "resent before ack timeout");
            assertEquals(1, o.confirm(List.of("a", "zzz")));
            clock.advance(Duration.ofSeconds(20));
            assertEquals(List.of("b"), o.due(clock.instant().minusSeconds(10), 10).stream()
                    .map(Outbox.Pending::eventId).toList(), "unacked event not resent after timeout");
            assertEquals(1, o.unconfirmed());
            assertEquals(1, o.trimConfirmed(clock.instant()));
            assertEquals(1, o.size());
        }
    }

    /** Verifies that journalled events and remembered nonces survive closing and reopening the file. */
    @Test
    void survivesReopen() {
        try (Outbox o = Outbox.open(dir, clock)) {
            o.append(event("a"));
            assertTrue(o.rememberNonce("n1", T.plusSeconds(60)));
        }
        try (Outbox o = Outbox.open(dir, clock)) {
            assertEquals(1, o.unconfirmed());
            assertFalse(o.rememberNonce("n1", T.plusSeconds(60)), "replayed nonce accepted after restart");
        }
    }

    /** Verifies that after a reconnect every unconfirmed event is due at once again. */
    @Test
    void resendUnconfirmed() {
        try (Outbox o = Outbox.open(dir, clock)) {
            o.append(event("a"));
            o.markPublished(o.due(clock.instant(), 10));
            assertTrue(o.due(clock.instant().minusSeconds(10), 10).isEmpty());
            o.resendUnconfirmed();
            assertEquals(1, o.due(clock.instant().minusSeconds(10), 10).size());
        }
    }

    /**
     * Verifies that an outbox made before its schema had numbered scripts (tables made inline, no history) is
     * taken as version 1: its unconfirmed events are still sent, and a new outbox gets the same tables.
     */
    @Test
    void anOutboxFromBeforeTheScriptsKeepsItsEvents() throws Exception {
        Path old = dir.resolve("old");
        java.nio.file.Files.createDirectories(old);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old.resolve("outbox.db"));
             java.sql.Statement s = c.createStatement()) {
            // The schema the outbox wrote inline before.
            s.execute("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT "
                    + "NULL "
                    + "UNIQUE, payload BLOB NOT NULL, created_at INTEGER NOT NULL, published_at INTEGER, "
                            + "confirmed_at INTEGER)");
            s.execute("CREATE INDEX IF NOT EXISTS outbox_unconfirmed ON outbox(confirmed_at, seq)");
            s.execute("CREATE TABLE IF NOT EXISTS seen_nonce (nonce TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old.resolve("outbox.db"));
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO outbox(event_id, payload, created_at) VALUES (?,?,?)")) {
            ps.setString(1, "a");
            ps.setBytes(2, MessageCodec.encode(event("a")));
            ps.setLong(3, T.toEpochMilli());
            ps.executeUpdate();
        }
        try (Outbox o = Outbox.open(old, clock)) {
            assertEquals(List.of("a"), o.due(clock.instant(), 10).stream().map(Outbox.Pending::eventId).toList());
            assertTrue(o.append(event("b")));
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old.resolve("outbox.db"));
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT version || '|' || type FROM flyway_schema_history")) {
            assertTrue(rs.next());
            assertEquals("1|BASELINE", rs.getString(1));
            assertTrue(rs.next());
            assertEquals("2|SQL", rs.getString(1), "and the scripts after it ran");
            assertFalse(rs.next());
        }
        try (Outbox fresh = Outbox.open(dir.resolve("new"), clock)) {
            assertTrue(fresh.append(event("c")));
        }
    }
}
