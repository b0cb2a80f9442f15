package io.parkgate.agent.app;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.lane.AlarmKind;
import io.parkgate.agent.lane.Authorisation;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.PassageJournal;
import io.parkgate.agent.lane.VehicleVisit;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.registry.OpenStay;
import io.parkgate.agent.registry.OpenStays;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.store.AlarmRecord;
import io.parkgate.agent.store.PassageRecord;
import io.parkgate.agent.store.Payment;
import io.parkgate.agent.store.StoreException;
import io.parkgate.config.Direction;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.PaymentMethod;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane's {@link PassageJournal}: commits each record to the lane's SQLite store (durable when the
 * method returns, before the barrier moves), keeps the in-memory open-stay index in step, and hands an
 * event to the uplink for central. Before OPEN only the store's pending-passage row is committed; the
 * index follows right after OPEN is handed over, the register row and the event once the barrier has
 * answered, and the uplink's outbox insert happens off the lane thread.
 */
final class LaneJournal implements PassageJournal {

    private static final Logger LOG = LoggerFactory.getLogger(LaneJournal.class);

    private final String laneId;
    private final Direction direction;
    private final AgentStore store;
    private final OpenStays stays;
    private final Consumer<LaneEvent> uplink;
    private final Clock clock;
    private final java.util.Map<String, String> heldVisits = new java.util.concurrent.ConcurrentHashMap<>();

    LaneJournal(String laneId, Direction direction, AgentStore store, OpenStays stays, Consumer<LaneEvent> uplink,
                Clock clock) {
        this.laneId = laneId;
        this.direction = direction;
        this.store = store;
        this.stays = stays;
        this.uplink = uplink;
        this.clock = clock;
    }

    @Override
    public Registration passage(LaneAction.CommitPassage c) {
        Decision d = c.decision();
        Authorisation how = c.authorisation();
        String eventId = c.visit().eventId();
        String operator = how.kind() == Authorisation.Kind.DECISION ? null : how.kind() + ":" + how.operator();
        OpenStay stay = direction == Direction.IN || d.entryEventId() == null ? null
                : stays.byId(d.entryEventId()).orElse(null);
        PassageRecord record = direction == Direction.IN
                ? PassageRecord.entry(eventId, laneId, d, c.at(), operator)
                : exitWithPayment(PassageRecord.exit(eventId, laneId, d, stay == null ? null : stay.entryTime(),
                        c.at(), operator), how, c.at());
        record = record.withSnapshot(snapshotRef(c.visit()));
        if (how.note() != null) {
            record = withRemark(record, how);
        }
        try {
            store.journalPassage(record);
        } catch (StoreException e) {
            throw new JournalException("lane " + laneId + " could not record passage " + eventId + ": "
                    + e.getMessage(), e);
        }
        PassageRecord journalled = record;
        return new Registration() {
            @Override
            public void opened() {
                inside(journalled, d, stay);
            }

            @Override
            public void register() {
                registerAndReport(journalled, d);
            }
        };
    }

    /** Right after OPEN: the vehicles-inside index the next decision reads. */
    private void inside(PassageRecord r, Decision d, OpenStay exitedStay) {
        if (r.direction() == Direction.IN) {
            if (d.entryEventId() != null) {
                stays.remove(d.entryEventId()); // 车已在场 under REPLACE_STAY: the old stay ends here
            }
            stays.add(new OpenStay(r.eventId(), d.plate(), d.card(), r.entryTime(), laneId, d.payer(), null));
        } else if (exitedStay != null) {
            stays.remove(exitedStay.entryEventId());
        }
    }

    /** Once the barrier answered: the register row and stay, and the report to central. */
    private void registerAndReport(PassageRecord r, Decision d) {
        try {
            store.settlePassages();
        } catch (StoreException e) {
            // The passage is durable in the pending journal and registered at the next settle or restart.
            LOG.error("lane {}: passage {} opened, its register row is delayed: {}", laneId, r.eventId(),
                    e.getMessage());
        }
        if (r.direction() == Direction.IN && d.entryEventId() != null) {
            // The replaced stay's exit was never seen: it ends with this entry.
            try {
                store.closeStay(d.entryEventId(), r.eventId(), r.entryTime());
            } catch (StoreException e) {
                LOG.error("lane {}: stay {} replaced by entry {} could not be closed: {}", laneId,
                        d.entryEventId(), r.eventId(), e.getMessage());
            }
        }
        report(r);
    }

    /**
     * Reports to central what a stop left unreported, in the order it happened: passages journalled and registered
     * on opening (their OPEN went out, their report may not have) and alarms, holds and releases whose event had
     * not reached the outbox. Central takes a repeated event id once.
     */
    void reportRecovered(List<PassageRecord> passages, List<LaneEvent> events) {
        java.util.stream.Stream.concat(passages.stream().map(LaneJournal::event), events.stream())
                .sorted(java.util.Comparator.comparing(LaneEvent::occurredAt))
                .forEach(uplink);
    }

    private void report(PassageRecord r) {
        uplink.accept(event(r));
    }

    private static PassageRecord exitWithPayment(PassageRecord exit, Authorisation how, Instant at) {
        if (how.kind() == Authorisation.Kind.PREPAID) {
            // Paid away from the lane: central holds that payment and its receipt; not lane cash.
            return exit.withPayment(new Payment(how.paidFen(), PaymentMethod.PREPAID, how.note(), at));
        }
        if (how.paidFen() > 0 || how.kind() == Authorisation.Kind.PAYMENT) {
            // No receipt number here: registering the exit issues it in the same transaction as the row.
            return exit.withPayment(new Payment(how.paidFen(), PaymentMethod.CASH, null, at));
        }
        return exit;
    }

    @Override
    public void held(LaneAction.Hold h) {
        Decision d = h.decision();
        if (d.verdict() != io.parkgate.agent.decision.Verdict.HOLD) {
            return; // waiting for the fee is not an exception; the payment is journalled with the exit
        }
        PassageRecord row = direction == Direction.IN
                ? PassageRecord.entry(h.visit().eventId(), laneId, d, h.at(), null)
                : PassageRecord.exit(h.visit().eventId(), laneId, d, null, h.at(), null);
        LaneEvent e = event(row, EventType.EXCEPTION);
        String exceptionEventId = exceptionEventId(h.visit().eventId(), row.plate(), d.code().name());
        LaneEvent exception = new LaneEvent(exceptionEventId, e.laneId(), e.type(), e.occurredAt(), e.plate(),
                e.plateAsRead(), h.visit().plate() == null ? null : h.visit().plate().colour(),
                h.visit().plate() == null ? null : h.visit().plate().confidence(), e.card(), e.code(), e.reason(),
                e.feeFen(), null, d.matchNote(), h.visit().plate() == null ? null : h.visit().plate().snapshotRef(),
                h.visit().eventId());
        store.recordRefusal(row.withSnapshot(snapshotRef(h.visit())), exception);
        // A lane holds one vehicle at a time: once another is held, the earlier one no longer waits, so a
        // release or correction naming it could not act and its entries go. This keeps the map to the
        // exceptions of one visit (one per plate correction) instead of one per hold ever.
        heldVisits.values().removeIf(visit -> !visit.equals(h.visit().eventId()));
        heldVisits.put("X-" + exceptionEventId, h.visit().eventId());
        uplink.accept(exception);
    }

    /**
     * The held visit that central's exception {@code X-<eventId>} is about, or null when this agent did not
     * raise it (or has restarted since: the vehicle is then no longer waiting at the lane anyway).
     */
    String heldVisit(String exceptionId) {
        return exceptionId == null ? null : heldVisits.get(exceptionId);
    }

    /** How many exceptions {@link #heldVisit} can still look up (it stays small: see {@link #held}). */
    int heldVisitCount() {
        return heldVisits.size();
    }

    /**
     * The exception event's id: derived from the visit's, so it is stable and distinct from the passage's, and
     * from the plate and decision, so a visit held again after its plate was corrected is a case of its own.
     */
    static String exceptionEventId(String visitEventId, String plate, String code) {
        return UUID.nameUUIDFromBytes(("exception:" + visitEventId + ":" + plate + ":" + code)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** Tells central the lane opened for its command; the lane store keeps the event until the outbox has it. */
    void released(String commandId, String plate, Instant at) {
        LaneEvent released = new LaneEvent(UUID.randomUUID().toString(), laneId, EventType.RELEASED, at, plate, null,
                null, null, null, null, null, null, null, null, null, commandId);
        try {
            store.noteUnreported(released);
        } catch (StoreException e) {
            // The barrier has opened already: central still hears of it now, only a stop before the outbox loses it.
            LOG.error("lane {}: release for command {} not noted in the lane store: {}", laneId, commandId,
                    e.getMessage());
        }
        uplink.accept(released);
    }

    @Override
    public void alarm(LaneAction.RaiseAlarm a) {
        String alarmId = UUID.randomUUID().toString();
        LaneEvent report = LaneEvent.of(alarmId, laneId, EventType.ALARM, a.at(), a.plate(), a.kind().name(),
                a.detail());
        store.recordAlarm(new AlarmRecord(alarmId, laneId, a.kind(),
                a.kind() == AlarmKind.DEVICE_FAULT ? LaneDevice.IO_CONTROLLER : null, a.plate(), a.eventId(),
                a.detail(), a.at(), clock.instant()), report);
        uplink.accept(report);
    }

    @Override
    public void passed(LaneAction.VehiclePassed passed) {
        // Crossing completes the passage already journalled; nothing more must be made durable.
    }

    private static PassageRecord withRemark(PassageRecord r, Authorisation how) {
        String remark = (r.remarks() == null ? "" : r.remarks() + "；") + how.note();
        return new PassageRecord(r.eventId(), r.laneId(), r.direction(), r.plate(), r.plateAsRead(), r.card(),
                r.entryTime(), r.exitTime(), r.entryEventId(), r.code(), r.verdict(), r.reason(), r.matchKind(),
                r.matchNote(), r.payer(), r.feeFen(), r.payment(), remark, r.operator(), r.snapshotRef(),
                        r.createdAt());
    }

    /** An imaging camera's kept frame of the vehicle: the passage's evidence, kept and sent with it. */
    private static String snapshotRef(VehicleVisit visit) {
        return visit.plate() == null ? null : visit.plate().snapshotRef();
    }

    private static LaneEvent event(PassageRecord r) {
        return event(r, r.direction() == Direction.IN ? EventType.ENTRY : EventType.EXIT);
    }

    private static LaneEvent event(PassageRecord r, EventType type) {
        Instant at = r.direction() == Direction.IN ? r.entryTime() : r.exitTime();
        Payment p = r.payment();
        return new LaneEvent(r.eventId(), r.laneId(), type, at, r.plate(), r.plateAsRead(), null, null, r.card(),
                r.code() == null ? null : r.code().name(), r.reason(), r.feeFen(),
                p == null || p.method() == null || p.paidFen() == 0 ? null
                        : p.method(),
                r.remarks(), r.snapshotRef(), r.entryEventId());
    }
}
