package io.parkgate.agent.store;

import io.parkgate.agent.decision.Verdict;
import io.parkgate.config.Direction;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistrySnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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

    public static final String FILE_NAME = "lane.db";

    private static final Logger LOG = LoggerFactory.getLogger(AgentStore.class);
    /** A lane id is also a directory name and a receipt prefix. */
    private static final Pattern LANE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final String laneId;
    private final Clock clock;
    private final LaneDatabase db;
    private final RegistryCache registry;
    private final int schemaVersion;

    private AgentStore(String laneId, Clock clock, LaneDatabase db, int schemaVersion) {
        this.laneId = laneId;
        this.clock = clock;
        this.db = db;
        this.registry = new RegistryCache(db, clock);
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens the lane's database, creating it and migrating its schema from the classpath scripts in
     * {@code db/agent/} as needed.
     *
     * @throws StoreException if the file is owned by another store, cannot be opened, or its schema
     *                        cannot be brought to this agent's version
     */
    public static AgentStore open(Path dataDir, String laneId, Clock clock) {
        if (laneId == null || !LANE_ID.matcher(laneId).matches()) {
            throw new IllegalArgumentException("lane id '" + laneId + "' must be 1-64 letters, digits, '-' or '_'"
                    + " starting with a letter or digit");
        }
        Path file = dataDir.resolve(laneId).resolve(FILE_NAME);
        List<MigrationScript> scripts = Migrations.fromClasspath(AgentStore.class.getClassLoader(), Migrations.LOCATION);
        int[] version = new int[1];
        LaneDatabase db = LaneDatabase.open(file, s -> {
            version[0] = Migrations.apply(s, scripts, clock.instant(), file.toString());
            return null;
        });
        LOG.info("lane {}: store {} open, schema version {}", laneId, file, version[0]);
        return new AgentStore(laneId, clock, db, version[0]);
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

    /** Replaces the whole registry cache with {@code snapshot} in one transaction. */
    public void replaceRegistry(RegistrySnapshot snapshot) {
        registry.replace(snapshot);
    }

    /**
     * Applies {@code delta} in one transaction.
     *
     * @throws RegistryVersionException unless the cache is at exactly {@code delta.fromVersion()}; nothing changes
     */
    public void applyDelta(RegistryDelta delta) {
        registry.apply(delta);
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

    /** Records a stay learned other than by this lane's entry (e.g. an entry at another lane, from central). */
    public void openStay(StayRecord stay) {
        Instant now = now();
        db.write("open stay " + stay.entryEventId(), s -> {
            StayTable.insert(s, stay, now);
            return null;
        });
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
     * Registers an entry and opens its stay, in one transaction.
     *
     * @return the row as stored (with its createdAt)
     * @throws IllegalArgumentException for an exit row, another lane's row, or a held vehicle (use
     *                                  {@link #recordRefusal})
     */
    public PassageRecord recordEntry(PassageRecord entry) {
        requireOwn(entry, Direction.IN);
        if (entry.verdict() == Verdict.HOLD) {
            throw new IllegalArgumentException("event " + entry.eventId() + " is a held vehicle, not an entry: "
                    + "use recordRefusal");
        }
        StayRecord stay = StayRecord.of(entry);
        Instant now = now();
        PassageRecord row = entry.withCreatedAt(now);
        db.write("record entry " + entry.eventId(), s -> {
            PassageRegister.insert(s, row);
            StayTable.insert(s, stay, now);
            return null;
        });
        LOG.debug("lane {}: entry {} registered ({} {})", laneId, row.eventId(), row.plate(), row.code());
        return row;
    }

    /**
     * Registers an exit and closes the stay it names ({@code entryEventId}), in one transaction. The
     * row is written also when that stay is not open (already closed, or never known here).
     *
     * @return true when an open stay was closed
     */
    public boolean recordExit(PassageRecord exit) {
        requireOwn(exit, Direction.OUT);
        PassageRecord row = exit.withCreatedAt(now());
        boolean closed = db.write("record exit " + exit.eventId(), s -> {
            PassageRegister.insert(s, row);
            return row.entryEventId() != null
                    && StayTable.close(s, row.entryEventId(), row.eventId(), row.exitTime());
        });
        if (row.entryEventId() != null && !closed) {
            LOG.warn("lane {}: exit {} names entry {}, which is not an open stay here", laneId, row.eventId(),
                    row.entryEventId());
        }
        LOG.debug("lane {}: exit {} registered ({} {})", laneId, row.eventId(), row.plate(), row.code());
        return closed;
    }

    /** Registers a vehicle that was not released (verdict HOLD), without touching the stays. */
    public PassageRecord recordRefusal(PassageRecord held) {
        requireOwn(held, held.direction());
        PassageRecord row = held.withCreatedAt(now());
        db.write("record refusal " + held.eventId(), s -> {
            PassageRegister.insert(s, row);
            return null;
        });
        return row;
    }

    /**
     * Records the payment of a register row with a receipt number the caller has (pre-printed, or
     * from {@link #nextReceiptNumber()}).
     *
     * @throws StoreException if there is no such row, it is paid already, or the receipt number is used
     */
    public void recordPayment(String eventId, long fen, PaymentMethod method, String receiptNo, String operator) {
        pay(eventId, new Payment(fen, method, receiptNo, now()), operator, false);
    }

    /**
     * Records the payment of a register row, issuing the next receipt number in the same transaction
     * for CASH and PREPAID (so no number is lost or issued twice).
     *
     * @return the receipt number, or null for WAIVED
     */
    public String recordPayment(String eventId, long fen, PaymentMethod method, String operator) {
        return pay(eventId, new Payment(fen, method, null, now()), operator, method != PaymentMethod.WAIVED);
    }

    private String pay(String eventId, Payment payment, String operator, boolean issueReceipt) {
        Require.uuid("eventId", eventId);
        if (payment.method() == PaymentMethod.NONE) {
            throw new IllegalArgumentException("payment for event " + eventId + ": method NONE records no payment");
        }
        Payment stored = db.write("record payment for event " + eventId, s -> {
            PassageRecord row = PassageRegister.find(s, eventId)
                    .orElseThrow(() -> new StoreException("no register row with event id " + eventId));
            if (row.payment().method() != PaymentMethod.NONE) {
                Payment had = row.payment();
                throw new StoreException("event " + eventId + " is paid already: " + had.method() + " "
                        + had.paidFen() + " fen, receipt " + had.receiptNo());
            }
            Payment p = issueReceipt
                    ? new Payment(payment.paidFen(), payment.method(),
                            ReceiptSequence.next(s, laneId, LocalDate.ofInstant(payment.paidAt(), clock.getZone())),
                            payment.paidAt())
                    : payment;
            PassageRegister.pay(s, eventId, p, operator);
            if (p.paidFen() != row.feeFen()) {
                LOG.info("lane {}: event {} fee {} fen, {} {} fen taken", laneId, eventId, row.feeFen(), p.method(),
                        p.paidFen());
            }
            return p;
        });
        LOG.info("lane {}: payment {} {} fen for {} (receipt {}, operator {})", laneId, stored.method(),
                stored.paidFen(), eventId, stored.receiptNo(), operator);
        return stored.receiptNo();
    }

    /** Issues the next receipt number, {@code <LANEID>-<yyyyMMdd>-<000123>}, dated today in the clock's zone. */
    public String nextReceiptNumber() {
        LocalDate today = LocalDate.now(clock);
        return db.write("issue a receipt number", s -> ReceiptSequence.next(s, laneId, today));
    }

    /** Records an alarm (forced passage, tailgating, device fault). @return the row as stored */
    public AlarmRecord recordAlarm(AlarmRecord alarm) {
        if (!laneId.equals(alarm.laneId())) {
            throw new IllegalArgumentException("alarm " + alarm.alarmId() + " is for lane " + alarm.laneId()
                    + ", this store is lane " + laneId);
        }
        AlarmRecord row = alarm.withCreatedAt(now());
        db.write("record alarm " + alarm.alarmId(), s -> {
            AlarmLog.insert(s, row);
            return null;
        });
        LOG.info("lane {}: alarm {} {} recorded: {}", laneId, row.kind(), row.alarmId(), row.detail());
        return row;
    }

    // ---- queries (console, shift handover, tests)

    public Optional<PassageRecord> passage(String eventId) {
        return db.read("find event " + eventId, s -> PassageRegister.find(s, eventId));
    }

    /** Rows that passed in [from, to), oldest first. */
    public List<PassageRecord> passagesBetween(Instant from, Instant to) {
        return db.read("list passages", s -> PassageRegister.between(s, from, to));
    }

    /** Rows whose decided plate or plate as read is {@code plate}, passed in [from, to), oldest first. */
    public List<PassageRecord> passagesByPlate(String plate, Instant from, Instant to) {
        return db.read("list passages of " + plate, s -> PassageRegister.byPlate(s, plate, from, to));
    }

    /** Total fen paid by {@code method} with the payment recorded in [from, to): a shift's cash is {@code CASH}. */
    public long paidTotal(PaymentMethod method, Instant from, Instant to) {
        return db.read("sum payments", s -> PassageRegister.paidTotal(s, method, from, to));
    }

    /** Alarms that occurred in [from, to), oldest first. */
    public List<AlarmRecord> alarmsBetween(Instant from, Instant to) {
        return db.read("list alarms", s -> AlarmLog.between(s, from, to));
    }

    @Override
    public void close() {
        db.close();
        LOG.info("lane {}: store closed", laneId);
    }

    private void requireOwn(PassageRecord r, Direction direction) {
        if (r.direction() != direction) {
            throw new IllegalArgumentException("event " + r.eventId() + " is an " + r.direction()
                    + " row, expected " + direction);
        }
        if (!laneId.equals(r.laneId())) {
            throw new IllegalArgumentException("event " + r.eventId() + " is for lane " + r.laneId()
                    + ", this store is lane " + laneId);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
