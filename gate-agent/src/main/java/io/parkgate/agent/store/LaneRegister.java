package io.parkgate.agent.store;

import io.parkgate.agent.decision.Verdict;
import io.parkgate.config.Direction;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.PaymentMethod;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write transactions of the entry/exit register: a row with its stay, its receipt number and its
 * payment, each committed as one unit.
 *
 * <p>A vehicle keeps one event id from arrival to passage, so a vehicle first held (a refusal row)
 * and then released by the supervisor comes back with the same id: its passage replaces the refusal
 * row, and the remarks keep why it was held. Any other repeated id is refused.
 */
final class LaneRegister {

    private static final Logger LOG = LoggerFactory.getLogger(LaneRegister.class);

    private final LaneDatabase db;
    private final String laneId;
    private final Clock clock;
    /** Pending rows already reported as unregistrable, so each is reported once. */
    private final Set<Long> unregistrable = new HashSet<>();

    LaneRegister(LaneDatabase db, String laneId, Clock clock) {
        this.db = db;
        this.laneId = laneId;
        this.clock = clock;
    }

    PassageRecord entry(PassageRecord entry) {
        Instant now = now();
        PassageRecord row = db.write("record entry " + entry.eventId(),
                s -> registerEntry(s, entry.withCreatedAt(now)));
        registered(row, null);
        return row;
    }

    ExitRecorded exit(PassageRecord exit) {
        Instant now = now();
        ExitRecorded done = db.write("record exit " + exit.eventId(), s -> registerExit(s, exit.withCreatedAt(now)));
        registered(done.row(), done);
        return done;
    }

    /**
     * Makes an authorised passage durable in the smallest commit the store has: one row appended to the
     * pending passages. The lane calls it before OPEN; {@link #settle} registers the row right after.
     */
    void journal(PassageRecord passage) {
        Instant now = now();
        db.write("journal passage " + passage.eventId(), s -> {
            PassageRegister.appendPending(s, passage.withCreatedAt(now));
            return null;
        });
    }

    /**
     * Registers every pending passage, oldest first, each in one transaction with its stay and receipt number
     * that also deletes its pending row. A row that cannot be registered (its event id is in the register
     * already) or cannot be read stays pending, so nothing is lost, and is reported once; the others go on.
     *
     * @return the passages registered by this call
     */
    synchronized List<PassageRecord> settle() {
        List<PassageRecord> registered = new ArrayList<>();
        for (PendingPassage pending : db.read("list pending passages", PassageRegister::pending)) {
            PassageRecord r = pending.record();
            if (r == null) {
                // Kept as it is for a person to look at; the lane goes on.
                if (unregistrable.add(pending.seq())) {
                    LOG.error("lane {}: pending passage {} cannot be read and stays pending: {}", laneId,
                            pending.seq(), pending.unreadable());
                }
                continue;
            }
            try {
                ExitRecorded done = db.write("register passage " + r.eventId(), s -> {
                    if (!PassageRegister.removePending(s, pending.seq())) {
                        return null; // registered meanwhile by another caller
                    }
                    // Until the uplink's outbox has its event: the pending row that said so is gone now.
                    PassageRegister.markUnreported(s, r.eventId());
                    return r.direction() == Direction.IN ? new ExitRecorded(registerEntry(s, r), false)
                            : registerExit(s, r);
                });
                if (done != null) {
                    registered(done.row(), r.direction() == Direction.IN ? null : done);
                    registered.add(done.row());
                }
            } catch (StoreException e) {
                if (unregistrable.add(pending.seq())) {
                    LOG.error("lane {}: passage {} (journalled {}) cannot be registered and stays pending: {}",
                            laneId, r.eventId(), r.createdAt(), e.getMessage());
                }
            }
        }
        return registered;
    }

    private PassageRecord registerEntry(Session s, PassageRecord entry) throws SQLException {
        PassageRecord stored = insert(s, entry, false);
        StayTable.insert(s, StayRecord.of(entry), entry.createdAt());
        return stored;
    }

    private ExitRecorded registerExit(Session s, PassageRecord exit) throws SQLException {
        PassageRecord stored = insert(s, exit, false);
        boolean closed = stored.entryEventId() != null
                && StayTable.close(s, stored.entryEventId(), stored.eventId(), stored.exitTime());
        return new ExitRecorded(stored, closed);
    }

    /** @param exit what an exit's registration did, null for an entry */
    private void registered(PassageRecord row, ExitRecorded exit) {
        if (exit != null && row.entryEventId() != null && !exit.stayClosed()) {
            LOG.warn("lane {}: exit {} names entry {}, which is not an open stay here", laneId, row.eventId(),
                    row.entryEventId());
        }
        LOG.debug("lane {}: {} {} registered ({} {})", laneId, exit == null ? "entry" : "exit", row.eventId(),
                row.plate(), row.code());
    }

    PassageRecord refusal(PassageRecord held, LaneEvent report) {
        return db.write("record refusal " + held.eventId(), s -> {
            PassageRecord row = insert(s, held.withCreatedAt(now()), true);
            UnreportedEvents.note(s, report);
            return row;
        });
    }

    /**
     * Writes a row, replacing a refusal row of the same event, and issues a receipt number for a
     * CASH or PREPAID payment that has none.
     */
    private PassageRecord insert(Session s, PassageRecord row, boolean refusal) throws SQLException {
        Optional<PassageRecord> existing = PassageRegister.find(s, row.eventId());
        if (existing.isPresent()) {
            PassageRecord old = existing.get();
            if (old.verdict() != Verdict.HOLD) {
                throw new StoreException("event " + row.eventId() + " is already in the register");
            }
            PassageRegister.delete(s, row.eventId());
            if (!refusal) {
                row = row.withRemarks(join(row.remarks(), "先予拦截：" + old.reason()));
            }
        }
        Payment p = row.payment();
        if (p.receiptNo() == null && (p.method() == PaymentMethod.CASH || p.method() == PaymentMethod.PREPAID)) {
            row = row.withPayment(new Payment(p.paidFen(), p.method(), receipt(s, p.paidAt()), p.paidAt()));
        }
        PassageRegister.insert(s, row);
        return row;
    }

    /**
     * Records the payment of an unpaid row.
     *
     * @return the receipt number stored, or null
     */
    String pay(String eventId, Payment payment, String operator, boolean issueReceipt) {
        Payment stored = db.write("record payment for event " + eventId, s -> {
            PassageRecord row = PassageRegister.find(s, eventId)
                    .orElseThrow(() -> new StoreException("no register row with event id " + eventId));
            if (row.payment().method() != null) {
                Payment had = row.payment();
                throw new StoreException("event " + eventId + " is paid already: " + had.method() + " "
                        + had.paidFen() + " fen, receipt " + had.receiptNo());
            }
            Payment p = issueReceipt
                    ? new Payment(payment.paidFen(), payment.method(), receipt(s, payment.paidAt()), payment.paidAt())
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

    String nextReceipt() {
        Instant now = now();
        return db.write("issue a receipt number", s -> receipt(s, now));
    }

    /** The next receipt number, dated by the clock's zone; used only if the caller's transaction commits. */
    private String receipt(Session s, Instant issued) throws SQLException {
        return ReceiptSequence.next(s, laneId, LocalDate.ofInstant(issued, clock.getZone()));
    }

    private static String join(String a, String b) {
        return a == null || a.isBlank() ? b : a + "；" + b;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
