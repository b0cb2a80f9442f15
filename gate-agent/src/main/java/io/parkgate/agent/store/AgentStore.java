package io.parkgate.agent.store;

import io.parkgate.agent.decision.Verdict;
import io.parkgate.config.Direction;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.PaymentMethod;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane's local store, sole owner of {@code <dataDir>/<laneId>/lane.db}: the registry cache the
 * lane decides from when central is unreachable, the open stays, the entry/exit register
 * (《车辆出入登记表》) with payments and receipt numbers, and the alarms.
 *
 * <p>Every write is one transaction, committed before the method returns: the lane calls it before
 * it pulses OPEN, so a passage the barrier let through is never lost, also when the process is
 * killed right after. Writes are serialised on one connection; reads run on another and may be
 * called from any thread. Bad arguments throw {@link IllegalArgumentException} and SQL failures
 * {@link StoreException}, both naming what was wrong; neither leaves a partial write behind.
 */
public final class AgentStore implements AutoCloseable {

    /**
     * System property choosing how a commit is made durable: {@code NORMAL} (the default: appended to the WAL,
     * survives kill -9 of the agent) or {@code FULL} (the WAL fsync'ed on every commit, survives a power cut too,
     * at the price docs/benchmarks.md measures). Anything else is refused when the store opens.
     */
    public static final String SYNCHRONOUS_PROPERTY = "parkgate.store.synchronous";

    public static final String FILE_NAME = "lane.db";
    /** The lane store's numbered schema scripts, applied by Flyway. */
    static final String MIGRATIONS = "classpath:db/agent";

    private static final Logger LOG = LoggerFactory.getLogger(AgentStore.class);
    /** A lane id is also a directory name and a receipt prefix. */
    private static final Pattern LANE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final String laneId;
    private final Clock clock;
    private final LaneDatabase db;
    private final RegistryCache registry;
    private final LaneRegister register;
    private final int schemaVersion;
    private final List<PassageRecord> recoveredAtOpen;

    private AgentStore(String laneId, Clock clock, LaneDatabase db, int schemaVersion) {
        this.laneId = laneId;
        this.clock = clock;
        this.db = db;
        this.registry = new RegistryCache(db, clock);
        this.register = new LaneRegister(db, laneId, clock);
        this.schemaVersion = schemaVersion;
        this.recoveredAtOpen = List.copyOf(register.settle());
        if (!recoveredAtOpen.isEmpty()) {
            LOG.warn("lane {}: {} passage(s) journalled before the last stop registered now: {}", laneId,
                    recoveredAtOpen.size(), recoveredAtOpen.stream().map(PassageRecord::eventId).toList());
        }
    }

    /**
     * Opens the lane's database, creating it and migrating its schema from the classpath scripts in
     * {@code db/agent/} as needed.
     *
     * @throws StoreException if the file is owned by another store, cannot be opened, or its schema
     *                        cannot be brought to this agent's version
     */
    public static AgentStore open(Path dataDir, String laneId, Clock clock) {
        requireLaneId(laneId);
        return openIn(dataDir.resolve(laneId), laneId, clock);
    }

    /**
     * Opens the lane's database as {@code <laneDir>/lane.db}: the layout of a lane's own data directory
     * (docs/configuration.md), where the outbox and snapshots live beside it.
     */
    public static AgentStore openIn(Path laneDir, String laneId, Clock clock) {
        requireLaneId(laneId);
        Path file = laneDir.resolve(FILE_NAME);
        int[] version = new int[1];
        LaneDatabase db = LaneDatabase.open(file, s -> {
            version[0] = io.parkgate.config.SchemaMigrations.migrate(new io.parkgate.config.SchemaMigrations.Target(
                    file.toString(), "jdbc:sqlite:" + file, null, null, List.of(MIGRATIONS), 0), s.connection());
            return null;
        });
        LOG.info("lane {}: store {} open, schema version {}", laneId, file, version[0]);
        return new AgentStore(laneId, clock, db, version[0]);
    }

    private static void requireLaneId(String laneId) {
        if (laneId == null || !LANE_ID.matcher(laneId).matches()) {
            throw new IllegalArgumentException("lane id '" + laneId + "' must be 1-64 letters, digits, '-' or '_'"
                    + " starting with a letter or digit");
        }
    }

    public String laneId() {
        return laneId;
    }

    public Path file() {
        return db.file();
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** Checkpoints the WAL without blocking the lane's writes; the app calls it on a schedule. */
    public CheckpointResult checkpoint() {
        return db.checkpoint();
    }

    // ---- registry cache

    /**
     * Replaces the whole registry cache with {@code snapshot}. The rows are staged in short
     * transactions, so the lane's writes are not held up for the length of the load, and switched in
     * one: a reader sees the old registry or the new one, never a mix; a crash keeps the old one.
     */
    public void replaceRegistry(RegistrySnapshot snapshot) {
        registry.replace(Require.present("snapshot", snapshot));
    }

    /**
     * Applies {@code delta} in one transaction.
     *
     * @throws RegistryVersionException unless the cache is at exactly {@code delta.fromVersion()}; nothing changes
     */
    public void applyDelta(RegistryDelta delta) {
        registry.apply(Require.present("delta", delta));
    }

    /** The cached registry, each list in key order (plate, card number, id). */
    public RegistrySnapshot loadRegistry() {
        return registry.load();
    }

    /** The version of the cached registry; 0 before the first snapshot. */
    public long registryVersion() {
        return registry.version();
    }

    // ---- open stays

    /**
     * Records a stay learned other than by this lane's entry (e.g. an entry at another lane, from central).
     *
     * @return true when it was recorded; false when a stay with this entry event id exists already (open
     *         or closed), which is left as it is, so a repeated delivery changes nothing
     */
    public boolean openStay(StayRecord stay) {
        Require.present("stay", stay);
        Instant now = now();
        return db.write("open stay " + stay.entryEventId(), s -> StayTable.insertIfAbsent(s, stay, now));
    }

    /**
     * Closes an open stay without an exit row here (e.g. central reports the vehicle left by another lane).
     *
     * @return true when the stay was open; false when it is unknown or already closed
     */
    public boolean closeStay(String entryEventId, String exitEventId, Instant closedAt) {
        Require.uuid("entryEventId", entryEventId);
        Require.present("closedAt", closedAt);
        return db.write("close stay " + entryEventId, s -> StayTable.close(s, entryEventId, exitEventId, closedAt));
    }

    /** The vehicles inside, oldest entry first: what the lane's in-memory index is rebuilt from. */
    public List<StayRecord> openStays() {
        return db.read("list open stays", StayTable::open);
    }

    // ---- entry/exit register

    /**
     * Registers an entry and opens its stay, in one transaction. A CASH or PREPAID payment without a
     * receipt number gets the next one in the same transaction.
     *
     * @return the row as stored (with its createdAt and receipt number)
     * @throws IllegalArgumentException for an exit row, another lane's row, or a held vehicle (use
     *                                  {@link #recordRefusal})
     * @throws StoreException           if the event id is in the register already (other than as a refusal)
     */
    public PassageRecord recordEntry(PassageRecord entry) {
        requireOwn(entry, Direction.IN);
        if (entry.verdict() == Verdict.HOLD) {
            throw new IllegalArgumentException("event " + entry.eventId() + " is a held vehicle, not an entry: "
                    + "use recordRefusal");
        }
        return register.entry(entry);
    }

    /**
     * Makes an authorised entry or exit durable before its OPEN, in the store's smallest commit: one row
     * appended to the pending passages (no index, one page; docs/benchmarks.md measures it against the
     * register's own commit). The register row, its stay and receipt number follow in {@link #settlePassages},
     * which the lane runs right after OPEN; a row a crash leaves pending is registered when the store next
     * opens. The passage is not in the register's queries until it is settled.
     *
     * @throws IllegalArgumentException for another lane's row or a held vehicle
     * @throws StoreException           if the commit failed: the lane must not open
     */
    public void journalPassage(PassageRecord passage) {
        requireOwn(passage, passage == null ? null : passage.direction());
        if (passage.verdict() == Verdict.HOLD) {
            throw new IllegalArgumentException("event " + passage.eventId() + " is a held vehicle, not a passage: "
                    + "use recordRefusal");
        }
        register.journal(passage);
    }

    /**
     * Registers the journalled passages, oldest first, each as {@link #recordEntry} or {@link #recordExit} would
     * (with its stay and receipt number) in one transaction that also removes it from the pending ones. A row
     * that cannot be registered (its event id is in the register already) stays pending and is logged once.
     *
     * @return the passages registered by this call
     */
    public List<PassageRecord> settlePassages() {
        return register.settle();
    }

    /**
     * The passages a stop left journalled but unregistered, registered when this store opened: their OPEN may
     * have gone out while their report to central did not.
     */
    public List<PassageRecord> recoveredAtOpen() {
        return recoveredAtOpen;
    }

    /**
     * The registered passages whose event has not yet reached the uplink's outbox (another file): a stop, or an
     * outbox that could not be written, between the register's commit and the outbox's insert leaves them here.
     * Oldest first.
     */
    public List<PassageRecord> unreportedPassages() {
        return db.read("list unreported passages", PassageRegister::unreported);
    }

    /**
     * The alarms, held vehicles and releases whose event has not yet reached the uplink's outbox, for the same
     * reasons as {@link #unreportedPassages()}. In the order they were noted.
     */
    public List<LaneEvent> unreportedEvents() {
        return db.read("list unreported events", UnreportedEvents::list);
    }

    /**
     * Notes an event with no register row of its own (a release central ordered) as not yet in the outbox. Alarms
     * and held vehicles are noted by {@link #recordAlarm} and {@link #recordRefusal}, in the same transaction.
     */
    public void noteUnreported(LaneEvent report) {
        requireOwn(report);
        db.write("note event " + report.eventId() + " unreported", s -> {
            UnreportedEvents.note(s, report);
            return null;
        });
    }

    /** Notes that the outbox holds the event; nothing happens for an event that is not waiting to be reported. */
    public void reported(String eventId) {
        Require.present("eventId", eventId);
        db.write("note event " + eventId + " reported", s -> {
            PassageRegister.reported(s, eventId);
            UnreportedEvents.reported(s, eventId);
            return null;
        });
    }

    /**
     * Registers an exit and closes the stay it names ({@code entryEventId}), in one transaction. The
     * row is written also when that stay is not open (already closed, or never known here). A CASH or
     * PREPAID payment without a receipt number gets the next one in the same transaction.
     */
    public ExitRecorded recordExit(PassageRecord exit) {
        requireOwn(exit, Direction.OUT);
        if (exit.verdict() == Verdict.HOLD) {
            throw new IllegalArgumentException("event " + exit.eventId() + " is a held vehicle, not an exit: "
                    + "use recordRefusal");
        }
        return register.exit(exit);
    }

    /**
     * Registers a vehicle that was not released (verdict HOLD), without touching the stays, and notes its event for
     * central ({@code report}, the exception) as not yet in the outbox, in one transaction. When the vehicle is
     * released later, its entry or exit under the same event id replaces this row.
     */
    public PassageRecord recordRefusal(PassageRecord held, LaneEvent report) {
        requireOwn(held, held == null ? null : held.direction());
        if (held.verdict() != Verdict.HOLD) {
            throw new IllegalArgumentException("event " + held.eventId() + " has verdict " + held.verdict()
                    + ": only a held vehicle (HOLD) is a refusal");
        }
        requireOwn(report);
        return register.refusal(held, report);
    }

    /**
     * Records the payment of a register row with a receipt number the caller has (pre-printed, or
     * from {@link #nextReceiptNumber()}); with {@code receiptNo} null, as {@link #recordPayment(String,
     * long, PaymentMethod, String)}.
     *
     * @throws StoreException if there is no such row, it is paid already, or the receipt number is used
     */
    public void recordPayment(String eventId, long fen, PaymentMethod method, String receiptNo, String operator) {
        register.pay(Require.uuid("eventId", eventId), payment(eventId, fen, method, receiptNo), operator,
                receiptNo == null && method != PaymentMethod.WAIVED);
    }

    /**
     * Records the payment of a register row, issuing the next receipt number in the same transaction
     * for CASH and PREPAID (so no number is lost or issued twice).
     *
     * @return the receipt number, or null for WAIVED
     */
    public String recordPayment(String eventId, long fen, PaymentMethod method, String operator) {
        return register.pay(Require.uuid("eventId", eventId), payment(eventId, fen, method, null), operator,
                method != PaymentMethod.WAIVED);
    }

    private Payment payment(String eventId, long fen, PaymentMethod method, String receiptNo) {
        if (method == null) {
            throw new IllegalArgumentException("payment for event " + eventId + ": the payment method is missing");
        }
        return new Payment(fen, method, receiptNo, now());
    }

    /** Issues the next receipt number, {@code <LANEID>-<yyyyMMdd>-<000123>}, dated today in the clock's zone. */
    public String nextReceiptNumber() {
        return register.nextReceipt();
    }

    /**
     * Records an alarm (forced passage, tailgating, device fault) and notes its event for central ({@code report})
     * as not yet in the outbox, in one transaction.
     *
     * @return the row as stored
     */
    public AlarmRecord recordAlarm(AlarmRecord alarm, LaneEvent report) {
        Require.present("alarm", alarm);
        if (!laneId.equals(alarm.laneId())) {
            throw new IllegalArgumentException("alarm " + alarm.alarmId() + " is for lane " + alarm.laneId()
                    + ", this store is lane " + laneId);
        }
        requireOwn(report);
        AlarmRecord row = alarm.withCreatedAt(now());
        db.write("record alarm " + alarm.alarmId(), s -> {
            AlarmLog.insert(s, row);
            UnreportedEvents.note(s, report);
            return null;
        });
        LOG.info("lane {}: alarm {} {} recorded: {}", laneId, row.kind(), row.alarmId(), row.detail());
        return row;
    }

    // ---- queries (console, shift handover, tests)

    public Optional<PassageRecord> passage(String eventId) {
        Require.present("eventId", eventId);
        return db.read("find event " + eventId, s -> PassageRegister.find(s, eventId));
    }

    /** Rows that passed in [from, to), oldest first. */
    public List<PassageRecord> passagesBetween(Instant from, Instant to) {
        requireRange(from, to);
        return db.read("list passages", s -> PassageRegister.between(s, from, to));
    }

    /** Rows whose decided plate or plate as read is {@code plate}, passed in [from, to), oldest first. */
    public List<PassageRecord> passagesByPlate(String plate, Instant from, Instant to) {
        Require.text("plate", plate);
        requireRange(from, to);
        return db.read("list passages of " + plate, s -> PassageRegister.byPlate(s, plate, from, to));
    }

    /** Total fen paid by {@code method} with the payment recorded in [from, to): a shift's cash is {@code CASH}. */
    public long paidTotal(PaymentMethod method, Instant from, Instant to) {
        Require.present("method", method);
        requireRange(from, to);
        return db.read("sum payments", s -> PassageRegister.paidTotal(s, method, from, to));
    }

    /** Alarms that occurred in [from, to), oldest first. */
    public List<AlarmRecord> alarmsBetween(Instant from, Instant to) {
        requireRange(from, to);
        return db.read("list alarms", s -> AlarmLog.between(s, from, to));
    }

    @Override
    public void close() {
        db.close();
        LOG.info("lane {}: store closed", laneId);
    }

    private void requireOwn(LaneEvent report) {
        Require.present("report", report);
        if (!laneId.equals(report.laneId())) {
            throw new IllegalArgumentException("event " + report.eventId() + " is for lane " + report.laneId()
                    + ", this store is lane " + laneId);
        }
    }

    private void requireOwn(PassageRecord r, Direction direction) {
        Require.present("register row", r);
        if (r.direction() != direction) {
            throw new IllegalArgumentException("event " + r.eventId() + " is an " + r.direction()
                    + " row, expected " + direction);
        }
        if (!laneId.equals(r.laneId())) {
            throw new IllegalArgumentException("event " + r.eventId() + " is for lane " + r.laneId()
                    + ", this store is lane " + laneId);
        }
    }

    private static void requireRange(Instant from, Instant to) {
        Require.present("from", from);
        Require.present("to", to);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("time range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
