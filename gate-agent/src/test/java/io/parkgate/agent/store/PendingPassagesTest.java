package io.parkgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.decision.Verdict;
import io.parkgate.testing.MutableClock;
import io.parkgate.wire.PaymentMethod;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lane's two-step recording of a passage: {@link AgentStore#journalPassage} (durable before OPEN) and
 * {@link AgentStore#settlePassages} (the register row, stay and receipt, after OPEN), and what a stop between
 * the two leaves.
 */
class PendingPassagesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(T0, ZoneId.of("Asia/Shanghai"));
    private AgentStore store;

    @BeforeEach
    void open() {
        store = AgentStore.open(dataDir, Rows.LANE, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A journalled passage is durable but not yet in the register; settling registers it with its stay. */
    @Test
    void settlingRegistersTheJournalledEntryWithItsStay() throws SQLException {
        PassageRecord entry = Rows.entry("粤B12345", T0);
        store.journalPassage(entry);
        assertEquals(1, pendingRows(), "durable before OPEN");
        assertTrue(store.passage(entry.eventId()).isEmpty(), "registered only once settled");

        clock.advance(Duration.ofMillis(2));
        assertEquals(List.of(entry.withCreatedAt(T0)), store.settlePassages(), "kept as journalled, at its time");
        assertEquals(entry.withCreatedAt(T0), store.passage(entry.eventId()).orElseThrow());
        assertEquals(List.of(entry.eventId()), store.openStays().stream().map(StayRecord::entryEventId).toList());
        assertEquals(0, pendingRows());
        assertEquals(List.of(), store.settlePassages(), "nothing is registered twice");
    }

    /** A paid exit is registered with its receipt number and closes its stay, as recordExit would. */
    @Test
    void settlingAPaidExitIssuesItsReceiptAndClosesTheStay() {
        PassageRecord entry = store.recordEntry(Rows.entry("粤B12345", T0));
        clock.advance(Duration.ofHours(3));
        PassageRecord exit = Rows.exit(entry, clock.instant(), 1_500)
                .withPayment(new Payment(1_500, PaymentMethod.CASH, null, clock.instant()));
        store.journalPassage(exit);
        PassageRecord stored = store.settlePassages().get(0);
        assertEquals("NORTH-IN-20261122-000001", stored.payment().receiptNo());
        assertEquals(stored, store.passage(exit.eventId()).orElseThrow());
        assertEquals(List.of(), store.openStays());
        assertEquals(1_500, store.paidTotal(PaymentMethod.CASH, T0, clock.instant().plusSeconds(1)));
    }

    /**
     * A stop between the two steps (the OPEN may be on the wire) loses nothing: the next open registers the
     * passage, and says which ones it registered so the lane can report them to central.
     */
    @Test
    void aStopBetweenJournalAndRegisterIsRegisteredAtTheNextOpen() {
        PassageRecord entry = Rows.entry("粤B12345", T0);
        PassageRecord exit = Rows.exit(store.recordEntry(Rows.entry("粤B54321", T0)), T0.plusSeconds(60), 0);
        store.journalPassage(entry);
        store.journalPassage(exit);
        store.close();

        store = AgentStore.open(dataDir, Rows.LANE, clock);
        assertEquals(List.of(entry.eventId(), exit.eventId()),
                store.recoveredAtOpen().stream().map(PassageRecord::eventId).toList(), "registered in journal order");
        assertTrue(store.passage(entry.eventId()).isPresent());
        assertEquals(List.of(entry.eventId()), store.openStays().stream().map(StayRecord::entryEventId).toList(),
                "the exit closed its stay, the entry opened one");
        assertEquals(List.of(), store.settlePassages());
    }

    /**
     * A journalled passage that cannot be registered (its event id is in the register already) is never dropped:
     * it stays pending, is not retried into a second row, and the passages after it are registered.
     */
    @Test
    void anUnregistrablePassageStaysPendingAndTheOthersGoOn() throws SQLException {
        PassageRecord first = store.recordEntry(Rows.entry("粤B12345", T0));
        PassageRecord again = new PassageRecord(first.eventId(), Rows.LANE, first.direction(), "粤B99999", null,
                null, T0, null, null, first.code(), Verdict.OPEN, first.reason(), first.matchKind(), null,
                first.payer(), 0, Payment.none(), null, null, null, null);
        PassageRecord next = Rows.entry("粤B54321", T0.plusSeconds(5));
        store.journalPassage(again);
        store.journalPassage(next);

        assertEquals(List.of(next.eventId()), store.settlePassages().stream().map(PassageRecord::eventId).toList());
        assertEquals(1, pendingRows(), "the unregistrable row is kept");
        assertEquals("粤B12345", store.passage(first.eventId()).orElseThrow().plate(), "the register row is unchanged");
        assertEquals(List.of(), store.settlePassages());
        store.close();
        store = AgentStore.open(dataDir, Rows.LANE, clock);
        assertEquals(List.of(), store.recoveredAtOpen());
        assertEquals(1, pendingRows(), "kept across a restart too");
    }

    /**
     * A pending row the store cannot read (a damaged file, or one edited by hand) does not keep the lane from
     * starting: it is kept as it is and reported, and the readable rows beside it are registered.
     */
    @Test
    void anUnreadablePendingRowDoesNotStopTheStoreOpening() throws SQLException {
        PassageRecord entry = Rows.entry("粤B12345", T0);
        store.journalPassage(entry);
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Rows.LANE + "/lane.db"))) {
            c.createStatement().executeUpdate("INSERT INTO pending_passages (event_id, lane_id, direction, "
                    + "decision_code, verdict, match_kind, fee_fen, paid_fen, payment_method, passed_at, created_at) "
                    + "VALUES ('x', 'north-in', 'SIDEWAYS', 'TEMPORARY', 'OPEN', 'NONE', 0, 0, 'NONE', 0, 0)");
        }

        store = AgentStore.open(dataDir, Rows.LANE, clock);
        assertEquals(List.of(entry.eventId()), store.recoveredAtOpen().stream().map(PassageRecord::eventId).toList());
        assertEquals(1, pendingRows(), "the unreadable row is kept for a person to look at");
        assertEquals(List.of(), store.settlePassages());
        PassageRecord next = Rows.entry("粤B54321", T0.plusSeconds(5));
        store.journalPassage(next);
        assertEquals(List.of(next.eventId()), store.settlePassages().stream().map(PassageRecord::eventId).toList());
    }

    /** Only a passage the barrier opens for is journalled this way; a held vehicle or another lane's row is not. */
    @Test
    void onlyThisLanesAuthorisedPassagesAreJournalled() throws SQLException {
        PassageRecord entry = Rows.entry("粤B12345", T0);
        PassageRecord held = new PassageRecord(entry.eventId(), entry.laneId(), entry.direction(), entry.plate(),
                entry.plateAsRead(), null, T0, null, null, entry.code(), Verdict.HOLD, "请联系值班员",
                entry.matchKind(), null, entry.payer(), 0, Payment.none(), null, null, null, null);
        PassageRecord elsewhere = new PassageRecord(entry.eventId(), "south-in", entry.direction(), entry.plate(),
                entry.plateAsRead(), null, T0, null, null, entry.code(), Verdict.OPEN, entry.reason(),
                entry.matchKind(), null, entry.payer(), 0, Payment.none(), null, null, null, null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.journalPassage(held)).getMessage()
                .contains("held vehicle"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.journalPassage(elsewhere)).getMessage()
                .contains("this store is lane " + Rows.LANE));
        assertEquals(0, pendingRows());
    }

    private int pendingRows() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file())) {
            return Integer.parseInt(AgentStoreTest.single(c, "SELECT COUNT(*) FROM pending_passages"));
        }
    }
}
