package io.parkgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.lane.AlarmKind;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.config.Direction;
import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.testing.MutableClock;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.PaymentMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry/exit register, open stays, payments, receipts and alarms of {@link AgentStore}. */
class RegisterTest {

    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z"); // 09:00 in Shanghai

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

    /** Verifies that an entry writes its register row and opens its stay, both read back as written. */
    @Test
    void entryRegistersAndOpensAStay() {
        PassageRecord entry = Rows.entry("粤B12345", T0.minusMillis(3));
        PassageRecord stored = store.recordEntry(entry);
        assertEquals(entry.withCreatedAt(T0), stored);
        assertEquals(stored, store.passage(entry.eventId()).orElseThrow());
        assertEquals(List.of(StayRecord.of(entry)), store.openStays());
    }

    /** Verifies that the camera frame kept as a passage's evidence is stored with its row and read back. */
    @Test
    void snapshotIsKeptWithThePassage() {
        String ref = "http://lane-pc:47090/lanes/north-in/snapshots/2026-11-22/a1.jpg";
        PassageRecord entry = Rows.entry("粤B12345", T0).withSnapshot(ref);
        store.recordEntry(entry);
        assertEquals(ref, store.passage(entry.eventId()).orElseThrow().snapshotRef());
        PassageRecord plain = store.recordEntry(Rows.entry("粤B54321", T0));
        assertNull(store.passage(plain.eventId()).orElseThrow().snapshotRef());
    }

    /** Verifies that when the stay cannot be written the register row is not written either (one transaction). */
    @Test
    void entryIsAtomic() {
        PassageRecord entry = Rows.entry("粤B12345", T0);
        store.openStay(StayRecord.of(entry)); // a stay with this event id exists already
        StoreException e = assertThrows(StoreException.class, () -> store.recordEntry(entry));
        assertTrue(e.getMessage().contains("a stay for entry event " + entry.eventId() + " already exists"),
                e.getMessage());
        assertTrue(store.passage(entry.eventId()).isEmpty(), "register row rolled back");
        assertEquals(1, store.openStays().size());
    }

    /** Verifies that a repeated event id is refused with the id and leaves the first row and stay as they were. */
    @Test
    void duplicateEventIsRefused() {
        PassageRecord entry = store.recordEntry(Rows.entry("粤B12345", T0));
        PassageRecord again = new PassageRecord(entry.eventId(), Rows.LANE, Direction.IN, "粤B99999", null, null,
                T0, null, null, DecisionCode.TEMPORARY, Verdict.OPEN, null, MatchKind.NONE, null,
                PayerCategory.TEMPORARY, 0, Payment.none(), null, null, null, null);
        StoreException e = assertThrows(StoreException.class, () -> store.recordEntry(again));
        assertTrue(e.getMessage().contains("event " + entry.eventId() + " is already in the register"), e.getMessage());
        assertEquals(entry, store.passage(entry.eventId()).orElseThrow());
        assertEquals("粤B12345", store.openStays().get(0).plate());
    }

    /** Verifies that an exit writes its row and closes the stay it names in one transaction. */
    @Test
    void exitClosesTheStay() {
        PassageRecord entry = store.recordEntry(Rows.entry("粤B12345", T0));
        clock.advance(Duration.ofHours(3));
        PassageRecord exit = Rows.exit(entry, clock.instant(), 1_500);
        ExitRecorded done = store.recordExit(exit);
        assertTrue(done.stayClosed());
        assertEquals(exit.withCreatedAt(clock.instant()), done.row());
        assertEquals(List.of(), store.openStays());
        assertEquals(exit.withCreatedAt(clock.instant()), store.passage(exit.eventId()).orElseThrow());
        assertFalse(store.closeStay(entry.eventId(), exit.eventId(), clock.instant()), "closed once only");
    }

    /** Verifies that an exit whose row cannot be written leaves the stay open. */
    @Test
    void exitIsAtomic() {
        PassageRecord entry = store.recordEntry(Rows.entry("粤B12345", T0));
        PassageRecord other = store.recordEntry(Rows.entry("粤B54321", T0));
        PassageRecord exit = Rows.exit(entry, T0.plusSeconds(600), 0);
        PassageRecord clash = new PassageRecord(other.eventId(), Rows.LANE, Direction.OUT, exit.plate(), null, null,
                exit.entryTime(), exit.exitTime(), entry.eventId(), exit.code(), exit.verdict(), null, MatchKind.EXACT,
                null, exit.payer(), 0, Payment.none(), null, null, null, null);
        assertThrows(StoreException.class, () -> store.recordExit(clash));
        assertEquals(2, store.openStays().size(), "stay not closed by a failed exit");
    }

    /** Verifies that an exit is registered even when its stay is not open here, and says so. */
    @Test
    void exitWithoutOpenStayIsStillRegistered() {
        PassageRecord ghost = Rows.entry("粤B12345", T0); // never recorded here
        PassageRecord exit = Rows.exit(ghost, T0.plusSeconds(60), 500);
        assertFalse(store.recordExit(exit).stayClosed());
        assertTrue(store.passage(exit.eventId()).isPresent());
        PassageRecord noEntry = new PassageRecord(Rows.id(), Rows.LANE, Direction.OUT, "粤B77777", "粤B77777", null,
                null, T0, null, DecisionCode.NO_ENTRY_RECORD, Verdict.COLLECT_FEE, "无入场记录", MatchKind.NONE, null,
                PayerCategory.TEMPORARY, 2_000, Payment.none(), null, null, null, null);
        assertFalse(store.recordExit(noEntry).stayClosed());
        assertEquals(2_000, store.passage(noEntry.eventId()).orElseThrow().feeFen());
    }

    /** Verifies that stays learned from elsewhere open and close by event id and are listed oldest first. */
    @Test
    void staysFromElsewhere() {
        StayRecord later = new StayRecord(Rows.id(), "south-in", null, null, "0E00A35C21", PayerCategory.PASS_HOLDER,
                T0.plusSeconds(5));
        StayRecord earlier = new StayRecord(Rows.id(), "south-in", "粤B12345", "粤B12346", null,
                PayerCategory.VISITOR, T0);
        assertTrue(store.openStay(later));
        assertTrue(store.openStay(earlier));
        assertFalse(store.openStay(new StayRecord(later.entryEventId(), "south-in", "粤B00001", null, null,
                PayerCategory.TEMPORARY, T0)), "a repeated delivery changes nothing");
        assertEquals(List.of(earlier, later), store.openStays());
        assertTrue(store.closeStay(later.entryEventId(), Rows.id(), T0.plusSeconds(60)));
        assertFalse(store.closeStay(Rows.id(), null, T0), "unknown stay");
        assertEquals(List.of(earlier), store.openStays());
    }

    /** Verifies that a held vehicle is registered without a stay and cannot be recorded as an entry. */
    @Test
    void refusalsOpenNoStay() {
        PassageRecord held = new PassageRecord(Rows.id(), Rows.LANE, Direction.IN, "粤B00000", "粤B00000", null, T0,
                null, null, DecisionCode.BLACKLISTED, Verdict.HOLD, "黑名单车辆，请联系班长", MatchKind.EXACT, null,
                PayerCategory.TEMPORARY, 0, Payment.none(), null, "attendant-7", null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.recordEntry(held));
        assertTrue(e.getMessage().contains("recordRefusal"), e.getMessage());
        store.recordRefusal(held, report(held));
        assertEquals(Verdict.HOLD, store.passage(held.eventId()).orElseThrow().verdict());
        assertEquals(List.of(), store.openStays());
    }

    /** Verifies that a held vehicle released later under the same event id replaces its refusal row, keeping why. */
    @Test
    void releasedVehicleReplacesItsRefusal() {
        PassageRecord held = new PassageRecord(Rows.id(), Rows.LANE, Direction.IN, null, null, null, T0, null, null,
                DecisionCode.PLATELESS, Verdict.HOLD, "无牌车，请联系班长", MatchKind.NONE, null,
                PayerCategory.TEMPORARY, 0, Payment.none(), null, null, null, null);
        store.recordRefusal(held, report(held));
        store.recordRefusal(held.withOperator("attendant-7"), report(held)); // raised again: still one row
        assertEquals("attendant-7", store.passage(held.eventId()).orElseThrow().operator());
        PassageRecord released = new PassageRecord(held.eventId(), Rows.LANE, Direction.IN, null, null, null,
                T0.plusSeconds(300), null, null, DecisionCode.PLATELESS, Verdict.OPEN, "班长核实后放行", MatchKind.NONE,
                null, PayerCategory.TEMPORARY, 0, Payment.none(), null, "supervisor-1", null, null);
        PassageRecord row = store.recordEntry(released);
        assertEquals("先予拦截：无牌车，请联系班长", row.remarks());
        assertEquals(row, store.passage(held.eventId()).orElseThrow());
        assertEquals(1, store.openStays().size());
        StoreException e = assertThrows(StoreException.class, () -> store.recordRefusal(held, report(held)));
        assertTrue(e.getMessage().contains("is already in the register"), e.getMessage());
        assertEquals(row, store.passage(held.eventId()).orElseThrow());
    }

    /** Verifies that an exit paid in cash at the lane gets its receipt number in the exit's own transaction. */
    @Test
    void paidExitGetsItsReceipt() {
        PassageRecord entry = store.recordEntry(Rows.entry("粤B12345", T0.minusSeconds(7_200)));
        PassageRecord exit = Rows.exit(entry, T0, 1_000).withPayment(new Payment(1_000, PaymentMethod.CASH, null, T0));
        ExitRecorded done = store.recordExit(exit);
        assertEquals("NORTH-IN-20261122-000001", done.row().payment().receiptNo());
        assertEquals(done.row(), store.passage(exit.eventId()).orElseThrow());
        assertEquals(1_000, store.paidTotal(PaymentMethod.CASH, T0, T0.plusSeconds(1)));
        assertEquals("NORTH-IN-20261122-000002", store.nextReceiptNumber());
    }

    /** Verifies that payments issue receipt numbers LANE-yyyyMMdd-000001, 000002, dated in the clock's zone. */
    @Test
    void paymentsIssueReceipts() {
        PassageRecord a = exitOf("粤B11111", 1_000);
        PassageRecord b = exitOf("粤B22222", 700);
        clock.set(Instant.parse("2026-11-22T16:30:00Z")); // 00:30 on the 23rd in Shanghai
        assertEquals("NORTH-IN-20261123-000001", store.recordPayment(a.eventId(), 1_000, PaymentMethod.CASH, "att-7"));
        assertEquals("NORTH-IN-20261123-000002", store.recordPayment(b.eventId(), 700, PaymentMethod.PREPAID, null));
        PassageRecord paid = store.passage(a.eventId()).orElseThrow();
        assertEquals(new Payment(1_000, PaymentMethod.CASH, "NORTH-IN-20261123-000001", clock.instant()),
                paid.payment());
        assertEquals("att-7", paid.operator());
        assertEquals("attendant-7", store.passage(b.eventId()).orElseThrow().operator(), "kept when none given");
    }

    /** Verifies that a row cannot be paid twice, an unknown row cannot be paid, and nothing changes when refused. */
    @Test
    void paymentRulesHold() {
        PassageRecord a = exitOf("粤B11111", 1_000);
        String receipt = store.recordPayment(a.eventId(), 1_000, PaymentMethod.CASH, "att-7");
        StoreException twice = assertThrows(StoreException.class,
                () -> store.recordPayment(a.eventId(), 1_000, PaymentMethod.CASH, "att-7"));
        assertTrue(twice.getMessage().contains("paid already: CASH 1000 fen, receipt " + receipt), twice.getMessage());
        String unknown = Rows.id();
        StoreException missing = assertThrows(StoreException.class,
                () -> store.recordPayment(unknown, 1_000, PaymentMethod.CASH, "att-7"));
        assertTrue(missing.getMessage().contains("no register row with event id " + unknown), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.recordPayment(a.eventId(), -5,
                PaymentMethod.CASH, "x"));
        assertThrows(IllegalArgumentException.class, () -> store.recordPayment(a.eventId(), 0,
                PaymentMethod.CASH, "x"));
        assertThrows(IllegalArgumentException.class, () -> store.recordPayment(a.eventId(), 5,
                PaymentMethod.WAIVED, "x"));
        assertThrows(IllegalArgumentException.class, () -> store.recordPayment(a.eventId(), 0, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> store.recordPayment("not-a-uuid", 1,
                PaymentMethod.CASH, "x"));
        assertEquals("NORTH-IN-20261122-000002", store.nextReceiptNumber(), "refused payments used no number");
    }

    /** Verifies that a given receipt number is stored, a used one is refused, and WAIVED takes no number. */
    @Test
    void givenReceiptNumbersAndWaivers() {
        PassageRecord a = exitOf("粤B11111", 1_000);
        PassageRecord b = exitOf("粤B22222", 1_000);
        PassageRecord c = exitOf("粤B33333", 1_000);
        store.recordPayment(a.eventId(), 1_000, PaymentMethod.CASH, "PRE-0001", "att-7");
        StoreException used = assertThrows(StoreException.class,
                () -> store.recordPayment(b.eventId(), 1_000, PaymentMethod.CASH, "PRE-0001", "att-7"));
        assertTrue(used.getMessage().contains("receipt number PRE-0001 is already used"), used.getMessage());
        assertEquals(Payment.none(), store.passage(b.eventId()).orElseThrow().payment());
        assertNull(store.recordPayment(c.eventId(), 0, PaymentMethod.WAIVED, "supervisor-1"));
        assertEquals(PaymentMethod.WAIVED, store.passage(c.eventId()).orElseThrow().payment().method());
    }

    /** Verifies that the receipt sequence continues after the store is closed and reopened. */
    @Test
    void receiptSequenceSurvivesReopen() {
        assertEquals("NORTH-IN-20261122-000001", store.nextReceiptNumber());
        assertEquals("NORTH-IN-20261122-000002", store.nextReceiptNumber());
        store.close();
        clock.advance(Duration.ofDays(1));
        store = AgentStore.open(dataDir, Rows.LANE, clock);
        assertEquals("NORTH-IN-20261123-000003", store.nextReceiptNumber());
    }

    /** Verifies that the cash total counts CASH payments recorded in the period only. */
    @Test
    void cashTotalForAShift() {
        PassageRecord a = exitOf("粤B11111", 1_000);
        PassageRecord b = exitOf("粤B22222", 700);
        PassageRecord c = exitOf("粤B33333", 300);
        store.recordPayment(a.eventId(), 1_000, PaymentMethod.CASH, "att-7");
        store.recordPayment(b.eventId(), 700, PaymentMethod.PREPAID, "att-7");
        clock.advance(Duration.ofHours(8));
        store.recordPayment(c.eventId(), 300, PaymentMethod.CASH, "att-8");
        assertEquals(1_000, store.paidTotal(PaymentMethod.CASH, T0, T0.plus(Duration.ofHours(8))));
        assertEquals(1_300, store.paidTotal(PaymentMethod.CASH, T0, T0.plus(Duration.ofDays(1))));
        assertEquals(700, store.paidTotal(PaymentMethod.PREPAID, T0, T0.plus(Duration.ofDays(1))));
    }

    /** Verifies that register queries select by decided plate or plate as read, in a half-open time range. */
    @Test
    void queriesByPlateAndTime() {
        PassageRecord first = store.recordEntry(Rows.entry("粤B12345", T0));
        PassageRecord fuzzy = store.recordEntry(new PassageRecord(Rows.id(), Rows.LANE, Direction.IN, "粤B12345",
                "粤B1Z345", null, T0.plusSeconds(60), null, null, DecisionCode.RESIDENT_PASS, Verdict.OPEN, "月卡车",
                MatchKind.FUZZY, "读作粤B1Z345，按粤B12345处理", PayerCategory.PASS_HOLDER, 0, Payment.none(), null, null, null,
                null));
        PassageRecord other = store.recordEntry(Rows.entry("粤B99999", T0.plusSeconds(30)));
        PassageRecord late = store.recordEntry(Rows.entry("粤B12345", T0.plusSeconds(120)));
        Instant to = T0.plusSeconds(120);
        assertEquals(List.of(first, fuzzy), store.passagesByPlate("粤B12345", T0, to));
        assertEquals(List.of(fuzzy), store.passagesByPlate("粤B1Z345", T0, to));
        assertEquals(List.of(first, other, fuzzy), store.passagesBetween(T0, to));
        assertEquals(List.of(late), store.passagesBetween(to, to.plusSeconds(1)));
        assertEquals(List.of(), store.passagesByPlate("粤B12345", T0.minusSeconds(10), T0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.passagesBetween(to, T0));
        assertTrue(e.getMessage().contains("ends (" + T0 + ") before it starts"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.passagesByPlate(null, T0, to));
    }

    /** Verifies that alarms are stored with their kind, device and related passage and listed by time. */
    @Test
    void alarmsRoundTrip() {
        AlarmRecord forced = new AlarmRecord(Rows.id(), Rows.LANE, AlarmKind.FORCED_PASSAGE, null, "粤B00000", null,
                "栏杆落下时安全地感被占用（冲卡）", T0, null);
        AlarmRecord fault = new AlarmRecord(Rows.id(), Rows.LANE, AlarmKind.DEVICE_FAULT, LaneDevice.IO_CONTROLLER,
                null, Rows.id(), "道闸控制器三次无应答", T0.plusSeconds(5), null);
        assertEquals(forced.withCreatedAt(T0), store.recordAlarm(forced, report(forced)));
        store.recordAlarm(fault, report(fault));
        assertEquals(List.of(forced.withCreatedAt(T0), fault.withCreatedAt(T0)),
                store.alarmsBetween(T0, T0.plusSeconds(6)));
        assertThrows(StoreException.class, () -> store.recordAlarm(forced, report(forced)));
        AlarmRecord elsewhere = new AlarmRecord(Rows.id(), "south-in", AlarmKind.TAILGATING, null, null, null, "跟车",
                T0, null);
        assertThrows(IllegalArgumentException.class, () -> store.recordAlarm(elsewhere, report(elsewhere)));
    }

    /**
     * Verifies that an alarm's and a held vehicle's event stay noted, in the transaction that records them, until the
     * outbox holds them; that a refused write notes nothing; and that another lane's event is refused.
     */
    @Test
    void alarmsHoldsAndReleasesStayNotedUntilReported() {
        AlarmRecord forced = new AlarmRecord(Rows.id(), Rows.LANE, AlarmKind.FORCED_PASSAGE, null, "粤B00000", null,
                "冲卡", T0, null);
        PassageRecord held = new PassageRecord(Rows.id(), Rows.LANE, Direction.IN, "粤B00001", "粤B00001", null,
                T0.plusSeconds(1), null, null, DecisionCode.BLACKLISTED, Verdict.HOLD, "黑名单车辆，请联系班长",
                MatchKind.EXACT, null, PayerCategory.TEMPORARY, 0, Payment.none(), null, null, null, null);
        LaneEvent released = new LaneEvent(Rows.id(), Rows.LANE, EventType.RELEASED, T0.plusSeconds(2), "粤B00001",
                null, null, null, null, null, null, null, null, null, null, Rows.id());
        store.recordAlarm(forced, report(forced));
        store.recordRefusal(held, report(held));
        store.noteUnreported(released);
        assertEquals(List.of(report(forced), report(held), released), store.unreportedEvents());

        LaneEvent again = LaneEvent.of(Rows.id(), Rows.LANE, EventType.ALARM, T0, null, "FORCED_PASSAGE", "冲卡");
        assertThrows(StoreException.class, () -> store.recordAlarm(forced, again)); // the alarm id is taken
        assertEquals(3, store.unreportedEvents().size(), "the refused alarm noted nothing");
        LaneEvent foreign = new LaneEvent(Rows.id(), "south-in", EventType.RELEASED, T0, null, null, null, null, null,
                null, null, null, null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.noteUnreported(foreign));
        assertTrue(e.getMessage().contains("is for lane south-in, this store is lane " + Rows.LANE), e.getMessage());

        store.reported(report(held).eventId());
        store.reported(Rows.id()); // never noted: nothing happens
        assertEquals(List.of(report(forced), released), store.unreportedEvents());
    }

    private static LaneEvent report(AlarmRecord a) {
        return LaneEvent.of(a.alarmId(), a.laneId(), EventType.ALARM, a.occurredAt(), a.plate(), a.kind().name(),
                a.detail());
    }

    private static LaneEvent report(PassageRecord held) {
        return new LaneEvent(java.util.UUID.nameUUIDFromBytes(held.eventId().getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString(), held.laneId(), EventType.EXCEPTION,
                held.entryTime(), held.plate(), held.plateAsRead(), null, null, held.card(), held.code().name(),
                held.reason(), held.feeFen(), null, null, null, held.eventId());
    }

    /** Verifies that malformed rows are refused with the field and value that were wrong, and nothing is written. */
    @Test
    void badRowsAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PassageRecord("42",
                Rows.LANE, Direction.IN, "粤B12345", null, null, T0, null, null, DecisionCode.TEMPORARY, Verdict.OPEN,
                null, MatchKind.NONE, null, PayerCategory.TEMPORARY, 0, Payment.none(), null, null, null, null));
        assertTrue(e.getMessage().contains("eventId '42' is not a UUID"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PassageRecord(Rows.id(), Rows.LANE, Direction.OUT,
                "粤B12345", null, null, T0, null, null, DecisionCode.TEMPORARY, Verdict.OPEN, null, MatchKind.NONE,
                null, PayerCategory.TEMPORARY, 0, Payment.none(), null, null, null, null));
        assertTrue(e.getMessage().contains("exitTime of an exit row is missing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PassageRecord(Rows.id(), Rows.LANE, Direction.OUT,
                "粤B12345", null, null, null, T0, null, DecisionCode.TEMPORARY, Verdict.OPEN, null, MatchKind.NONE,
                null, PayerCategory.TEMPORARY, -1, Payment.none(), null, null, null, null));
        assertTrue(e.getMessage().contains("fee must not be negative, was -1 fen"), e.getMessage());
        PassageRecord otherLane = new PassageRecord(Rows.id(), "south-in", Direction.IN, "粤B12345", null, null, T0,
                null, null, DecisionCode.TEMPORARY, Verdict.OPEN, null, MatchKind.NONE, null, PayerCategory.TEMPORARY,
                0, Payment.none(), null, null, null, null);
        e = assertThrows(IllegalArgumentException.class, () -> store.recordEntry(otherLane));
        assertTrue(e.getMessage().contains("is for lane south-in, this store is lane north-in"), e.getMessage());
        PassageRecord entry = Rows.entry("粤B12345", T0);
        assertThrows(IllegalArgumentException.class, () -> store.recordExit(entry));
        assertEquals(List.of(), store.passagesBetween(T0.minusSeconds(1), T0.plusSeconds(1)));
    }

    /** Verifies that exit rows built from a decision carry the fee and the zero-fee reason as remarks. */
    @Test
    void rowsFromDecisions() {
        String entryId = Rows.id();
        Decision exempt = new Decision(Verdict.OPEN, DecisionCode.POLICY_EXEMPT, "粤B1234警", "粤B1234警", null,
                MatchKind.NONE, null, "政策性免费车辆", "policy exempt", "一路顺风", PayerCategory.EXEMPT,
                new FeeQuote(0, FeeQuote.ZeroFeeReason.POLICY_EXEMPT, null, List.of()), entryId);
        PassageRecord row = PassageRecord.exit(Rows.id(), Rows.LANE, exempt, T0, T0.plusSeconds(3_600), null);
        assertEquals("政策性免费", row.remarks());
        assertEquals(entryId, row.entryEventId());
        Decision paying = new Decision(Verdict.COLLECT_FEE, DecisionCode.TEMPORARY, "粤B12345", "粤B12345", null,
                MatchKind.EXACT, null, "临时车辆，请缴费", "temporary", "请缴费10元", PayerCategory.TEMPORARY,
                new FeeQuote(1_000, null, null, List.of("白天 2小时 10元")), null);
        row = PassageRecord.exit(Rows.id(), Rows.LANE, paying, null, T0, "att-7");
        assertEquals(1_000, row.feeFen());
        assertNull(row.remarks());
        PassageRecord in = PassageRecord.entry(Rows.id(), Rows.LANE, paying, T0, null);
        assertEquals(Direction.IN, in.direction());
        assertEquals(T0, in.passedAt());
    }

    private PassageRecord exitOf(String plate, long feeFen) {
        PassageRecord entry = store.recordEntry(Rows.entry(plate, T0.minusSeconds(7_200)));
        PassageRecord exit = Rows.exit(entry, T0, feeFen);
        store.recordExit(exit);
        return exit;
    }
}
