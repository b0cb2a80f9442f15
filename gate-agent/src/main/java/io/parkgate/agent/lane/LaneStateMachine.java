package io.parkgate.agent.lane;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.protocol.io.LaneInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One lane's behaviour as plain code: events in, {@link LaneAction}s out, no I/O and no clock of its
 * own. The runtime feeds it from the device drivers on the lane's single thread and executes the
 * actions in order.
 *
 * <p>The cycle: a vehicle occupies the arming loop → plate and/or card are collected until every
 * identifying device has reported, a registered vehicle is recognised, or the identification window
 * expires → the decision → OPEN (journalled first), or held for payment or the supervisor → the
 * vehicle crosses the safety loop → CLOSE once both loops are clear.
 *
 * <p>Safety rules held here whatever else happens (docs/protocols.md §1): CLOSE is never asked for while a
 * loop is occupied; OPEN only for the lane's decision, a recorded payment, an authenticated release or
 * a manual open; the safety loop rising under a closed arm is a forced passage, and an unauthorised
 * vehicle crossing under an open arm is tailgating.
 */
public final class LaneStateMachine {

    /** Decides about the vehicle on the loop from what has been read so far (pure, fast). */
    @FunctionalInterface
    public interface Decider {
        Decision decide(PlateRead plateOrNull, String cardOrNull, Instant now);

        /** The decision a held vehicle passes under once a supervisor or attendant releases it (re-priced). */
        default Decision afterRelease(Decision held, Instant now) {
            return held;
        }
    }

    /**
     * @param identificationWindow how long after arrival to wait for plate and card
     * @param hasCamera            a plate camera identifies vehicles at this lane
     * @param hasCardReader        a card reader identifies vehicles at this lane
     * @param minConfidence        plate reads below this are treated as unread
     * @param repeatSuppression    reads of a vehicle that just passed are ignored for this long
     * @param abandonedOpening     an opening with no vehicle arriving is closed after this long
     */
    public record Settings(Duration identificationWindow, boolean hasCamera, boolean hasCardReader,
                           int minConfidence, Duration repeatSuppression, Duration abandonedOpening) {
    }

    /**
     * The lane's last journalled opening before this process started: its vehicle may be crossing under the
     * raised arm when the new process first reads the loops.
     *
     * @param visit    the passage's visit, under its journalled event id
     * @param openedAt when the passage was journalled (just before OPEN went on the wire)
     */
    public record PriorOpening(VehicleVisit visit, Instant openedAt) {
        public PriorOpening {
            Objects.requireNonNull(visit, "visit");
            Objects.requireNonNull(openedAt, "openedAt");
        }
    }

    /** Where the lane is in its cycle; exposed for the console and tests. */
    public enum Phase {
        /** No vehicle being handled. */
        IDLE,
        /** A vehicle is on the arming loop; plate and card are being collected. */
        IDENTIFYING,
        /** Decided, not released: waiting for the fee or for the supervisor. */
        WAITING,
        /** The barrier was opened for the visit; waiting for it to reach the safety loop. */
        AUTHORISED,
        /** The authorised vehicle is on the safety loop. */
        CROSSING
    }

    /** A plate or card read before the arming loop reports the vehicle counts for at most this long. */
    private static final Duration EARLY_READ_LIMIT = Duration.ofSeconds(1);
    /**
     * A vehicle found on the arming loop when the lane (re)started watching arrived unseen: its reads may
     * have gone to the previous process. It waits this long for a fresh read before it is held as unread.
     */
    static final Duration UNSEEN_ARRIVAL_WAIT = Duration.ofSeconds(30);
    /**
     * How long the arm may stay up after its vehicle has gone because a loop is occupied before the lane tells the
     * supervisor: CLOSE is never pulsed over a vehicle, so a car parked on a loop, or a held car standing behind the
     * one that passed, keeps the lane open to anyone who drives through.
     */
    static final Duration CLOSE_BLOCKED_ALARM = Duration.ofSeconds(60);
    static final String ASK_TO_DRIVE_ON_AGAIN = "正在识别，请稍候；如未抬杆，请倒车后重新驶入";

    private final Settings settings;
    private final Decider decider;

    private LaneInputs inputs = LaneInputs.IDLE_CLOSED;
    private Phase phase = Phase.IDLE;
    private VehicleVisit visit;
    private Decision decision;
    private Instant phaseSince = Instant.EPOCH;
    private boolean closePending;
    /** The inputs have been read since the lane (re)started watching; false after an I/O outage. */
    private boolean watching;
    /** The current visit's vehicle was on the arming loop before the lane could watch it arrive. */
    private boolean arrivedUnseen;
    /** The current visit's vehicle crossed the safety loop without being let through (forced, tailgating). */
    private boolean crossedUnauthorised;
    /** OPEN for the authorised visit failed on the wire: send it again when the controller answers. */
    private boolean openOwed;
    /** The authorised vehicle left the arming loop backwards: a vehicle arriving now is another visit. */
    private boolean authorisedBackedOff;
    /**
     * When, while the authorised vehicle crossed, another drove onto the arming loop the first had left; null when
     * none did. Reads from then on are that vehicle's: the crossing one has left the reader behind.
     */
    private Instant followerSince;
    /** Since when the arm should close but a loop is occupied; null when it is not held up. */
    private Instant closeBlockedSince;
    /** The BARRIER_BLOCKED alarm was raised for this hold-up: once per hold-up. */
    private boolean closeBlockedAlarmed;

    /** Until the first reading after start: the opening the previous process journalled last, if any. */
    private Optional<PriorOpening> priorOpening;

    private final EarlyReads early = new EarlyReads();
    private final RecentPassages recent;

    public LaneStateMachine(Settings settings, Decider decider) {
        this(settings, decider, Optional.empty());
    }

    /**
     * @param priorOpening the lane's last journalled opening before this start (from its store), if any: a vehicle
     *                     found on the safety loop under the raised arm at the first reading, no later than
     *                     {@link Settings#abandonedOpening()} after it, is that passage's vehicle crossing, not a
     *                     tailgater
     */
    public LaneStateMachine(Settings settings, Decider decider, Optional<PriorOpening> priorOpening) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.priorOpening = Objects.requireNonNull(priorOpening, "priorOpening");
        this.recent = new RecentPassages(settings.repeatSuppression());
    }

    public Phase phase() {
        return phase;
    }

    public LaneInputs inputs() {
        return inputs;
    }

    /** The visit being handled, or null when idle. */
    public VehicleVisit visit() {
        return visit;
    }

    /** The current visit's decision, or null before it is decided. */
    public Decision decision() {
        return decision;
    }

    /** The I/O controller's inputs changed (or were read for the first time after a reconnect). */
    public List<LaneAction> onInputs(LaneInputs next, Instant now) {
        List<LaneAction> out = new ArrayList<>();
        LaneInputs prev = inputs;
        inputs = next;
        boolean firstReading = !watching;
        watching = true;
        if (!next.armingLoop()) {
            early.loopEmpty(now);
        }
        if (firstReading) {
            resumeCrossing(next, now);
        }
        if (firstReading && openOwed && phase == Phase.AUTHORISED) {
            openOwed = false;
            if (next.armingLoop()) {
                // The controller answers again and the vehicle still waits: its passage is journalled
                // already, so only the pulse is repeated.
                out.add(new LaneAction.PulseOpen());
                out.add(new LaneAction.SetLamp(true));
            } else if (!next.vehicleUnderOrBefore()) {
                toIdle(now); // it gave up and left while the controller was silent
                closePending = true;
            }
        }
        if (firstReading && phase == Phase.IDLE && !next.closedLimit()) {
            // The arm is found up (after a restart or an outage) with nobody let through: it goes down once the
            // loops are clear, or it would stay up over an empty lane for whoever comes next.
            closePending = true;
        }
        if (!prev.safetyLoop() && next.safetyLoop()) {
            safetyLoopOccupied(next, now, out);
        }
        if (prev.safetyLoop() && !next.safetyLoop()) {
            safetyLoopCleared(now, out);
        }
        if (!prev.armingLoop() && next.armingLoop()) {
            armingLoopOccupied(now, out);
            if (firstReading && phase == Phase.IDENTIFYING && visit.arrivedAt().equals(now)) {
                // On the loop before the lane could watch it arrive: its reads may have gone to the
                // previous process or into an outage. Ask for a fresh read rather than hold it as unread.
                arrivedUnseen = true;
                out.add(new LaneAction.Announce(ASK_TO_DRIVE_ON_AGAIN));
            }
        }
        if (prev.armingLoop() && !next.armingLoop()) {
            // Also with a car still on the safety loop: the visit's vehicle is no longer at the barrier
            // (a forced or tailgating one has had its alarm when the safety loop rose).
            armingLoopLeftBackwards(now);
        }
        if (phase == Phase.AUTHORISED && prev.armingLoop() && !next.armingLoop()) {
            // Not seen onto the safety loop (that would be CROSSING by now): it backed off, or moved up
            // behind a car still on the safety loop. Only a new arrival tells; it is decided afresh.
            authorisedBackedOff = true;
        }
        closeIfClear(out);
        return out;
    }

    public List<LaneAction> onCard(String card, Instant now) {
        List<LaneAction> out = new ArrayList<>();
        if (recent.passedRecently(card, now)) {
            return out;
        }
        switch (phase) {
            case AUTHORISED, CROSSING -> {
                if (phase == Phase.AUTHORISED && authorisedBackedOff) {
                    early.card(card, now); // the opened-for vehicle has backed off: it may be the next one's
                } else if (followerSince != null) {
                    // The crossing vehicle has left the reader behind and the next one stands at it: the card is
                    // kept for that one's visit as an early read, never journalled with the vehicle passing.
                    early.card(card, now);
                } else if (visit.card() == null) {
                    // The decided vehicle is still in the lane: the read is its own, never the next car's.
                    visit = visit.withCard(card);
                }
            }
            case IDLE -> {
                if (inputs.safetyLoop() && !inputs.armingLoop()) {
                    return out; // swiped from under the arm: the vehicle there has been handled already
                }
                early.card(card, now);
            }
            case IDENTIFYING -> {
                if (visit.card() == null) {
                    visit = visit.withCard(card);
                    decideIfReady(now, out);
                }
            }
            case WAITING -> {
                if (!card.equals(visit.card())) {
                    visit = visit.withCard(card); // driver offers another card: decide afresh
                    decideNow(now, out);
                }
            }
        }
        return out;
    }

    public List<LaneAction> onPlate(PlateRead read, Instant now) {
        List<LaneAction> out = new ArrayList<>();
        PlateRead usable = read.plateless() || read.confidence() < settings.minConfidence()
                ? new PlateRead(null, read.colour(), read.confidence(), read.snapshotRef()) : read;
        if (!usable.plateless() && recent.passedRecently(usable.plate(), now)) {
            return out;
        }
        switch (phase) {
            case IDLE, AUTHORISED, CROSSING -> {
                if (visit != null && samePlate(visit.plate(), usable)) {
                    return out;
                }
                boolean visitPlateKnown = visit != null && visit.plate() != null && !visit.plate().plateless();
                if (phase == Phase.AUTHORISED && !authorisedBackedOff) {
                    // The opened-for vehicle is still in the camera's view: the read is its own.
                    if (!visitPlateKnown && !usable.plateless()) {
                        visit = visit.withPlate(usable);
                    }
                    return out;
                }
                if (phase == Phase.CROSSING && !visitPlateKnown && followerSince == null) {
                    return out; // the crossing car or the next one: nobody can tell, so nobody gets it
                }
                early.plate(usable, now);
            }
            case IDENTIFYING -> {
                if (betterRead(visit.plate(), usable)) {
                    visit = visit.withPlate(usable);
                    decideIfReady(now, out);
                }
            }
            case WAITING -> {
                if (betterRead(visit.plate(), usable) && !usable.plateless()) {
                    visit = visit.withPlate(usable);
                    decideNow(now, out);
                }
            }
        }
        return out;
    }

    /** Called periodically (every poll is fine): expires the identification window and stale openings. */
    public List<LaneAction> onTick(Instant now) {
        List<LaneAction> out = new ArrayList<>();
        if (now.isBefore(phaseSince)) {
            phaseSince = now; // the lane PC's clock was set back: the phase's wait starts again rather than stall
        }
        Duration window = arrivedUnseen && visit != null && visit.plate() == null && visit.card() == null
                ? UNSEEN_ARRIVAL_WAIT : settings.identificationWindow();
        if (phase == Phase.IDENTIFYING && !crossedUnauthorised && !now.isBefore(phaseSince.plus(window))) {
            decideNow(now, out);
        } else if (phase == Phase.AUTHORISED && !inputs.vehicleUnderOrBefore()
                && !now.isBefore(phaseSince.plus(settings.abandonedOpening()))) {
            toIdle(now);
            closePending = true;
            closeIfClear(out);
        }
        alarmIfCloseBlocked(now, out);
        recent.expire(now);
        return out;
    }

    /**
     * The lane PC's clock was stepped by {@code step} (forward positive) since the last event: the lane's waits
     * (identification window, abandoned opening, arm held up, repeat suppression, early reads) move with it and keep
     * their length. Without this a clock stepped forward would end them at once: a car decided before its plate is
     * read, or an opening closed before its car reached the loop. Stamps already made stay as they were made.
     */
    public void onClockStepped(Duration step) {
        phaseSince = phaseSince.plus(step);
        if (followerSince != null) {
            followerSince = followerSince.plus(step);
        }
        if (closeBlockedSince != null) {
            closeBlockedSince = closeBlockedSince.plus(step);
        }
        priorOpening = priorOpening.map(p -> new PriorOpening(p.visit(), p.openedAt().plus(step)));
        early.shift(step);
        recent.shift(step);
    }

    /** Raises BARRIER_BLOCKED once when the arm has been kept up by an occupied loop for too long. */
    private void alarmIfCloseBlocked(Instant now, List<LaneAction> out) {
        boolean blocked = closePending && phase != Phase.AUTHORISED && phase != Phase.CROSSING
                && inputs.vehicleUnderOrBefore() && !inputs.closedLimit();
        if (!blocked) {
            closeBlockedSince = null;
            closeBlockedAlarmed = false;
        } else if (closeBlockedSince == null || now.isBefore(closeBlockedSince)) {
            closeBlockedSince = now; // also after the clock was set back: the wait starts again, never stalls
        } else if (!closeBlockedAlarmed && !now.isBefore(closeBlockedSince.plus(CLOSE_BLOCKED_ALARM))) {
            closeBlockedAlarmed = true;
            out.add(new LaneAction.RaiseAlarm(AlarmKind.BARRIER_BLOCKED, "地感持续有车，道闸已抬起 "
                    + CLOSE_BLOCKED_ALARM.toSeconds() + " 秒无法落下" + describeVisit(), now, plateOrNull(),
                    eventIdOrNull()));
        }
    }

    /** The attendant recorded the fee for the vehicle waiting at the lane. */
    public List<LaneAction> onPaymentRecorded(Authorisation payment, Instant now) {
        List<LaneAction> out = new ArrayList<>();
        if (phase == Phase.WAITING && decision.verdict() == Verdict.COLLECT_FEE) {
            authorise(payment, now, out);
        }
        return out;
    }

    /**
     * The stay of {@code plate} was paid away from the lane; if that vehicle waits here for its fee and the
     * amount covers it, it passes.
     */
    public List<LaneAction> onPaidAway(String plate, Authorisation prepaid, Instant now) {
        if (phase == Phase.WAITING && decision.verdict() == Verdict.COLLECT_FEE && plate.equals(decision.plate())
                && decision.fee() != null && prepaid.paidFen() >= decision.fee().fen()) {
            return onPaymentRecorded(prepaid, now);
        }
        return new ArrayList<>();
    }

    /**
     * A supervisor's authenticated release of the held visit {@code eventId}. Ignored (empty) when that
     * vehicle is no longer waiting at the lane.
     */
    public List<LaneAction> onRelease(String eventId, Authorisation release, Instant now) {
        List<LaneAction> out = new ArrayList<>();
        if (phase == Phase.WAITING && visit.eventId().equals(eventId)) {
            authorise(release, now, out);
        }
        return out;
    }

    /**
     * The booth corrected the plate of the held visit {@code eventId} (the camera misread it): the visit is
     * decided again with the corrected plate, by the same rules, so it opens only if that plate lets it in or
     * out. Ignored (empty) when that vehicle is no longer waiting at the lane.
     */
    public List<LaneAction> onPlateCorrected(String eventId, String plate, Instant now) {
        List<LaneAction> out = new ArrayList<>();
        if (phase == Phase.WAITING && visit.eventId().equals(eventId)) {
            PlateRead read = visit.plate();
            visit = visit.withPlate(new PlateRead(plate, read == null ? null : read.colour(), 100,
                    read == null ? null : read.snapshotRef()));
            decideNow(now, out);
        }
        return out;
    }

    /** The attendant opens by hand, with a reason; the visit at the lane (if any) passes under it. */
    public List<LaneAction> onManualOpen(Authorisation manual, Instant now) {
        List<LaneAction> out = new ArrayList<>();
        if (phase == Phase.IDENTIFYING) {
            decision = decider.decide(visit.plate(), visit.card(), now);
            out.add(new LaneAction.Decided(visit, decision));
        }
        if (phase == Phase.IDENTIFYING || phase == Phase.WAITING) {
            authorise(manual, now, out);
        } else {
            out.add(new LaneAction.PulseOpen());
            out.add(new LaneAction.SetLamp(true));
            if (phase == Phase.IDLE) {
                visit = VehicleVisit.arrive(now);
                decision = null;
                enter(Phase.AUTHORISED, now);
            }
        }
        return out;
    }

    /** Which barrier command a device fault concerns. */
    public enum Command { OPEN, CLOSE, LAMP }

    /**
     * A barrier command failed after its retries. The alarm names the vehicle; an OPEN owed to the
     * authorised vehicle is sent again on the first reading after the controller answers again (if the
     * vehicle still waits on the arming loop), and CLOSE is asked for again once the loops read clear.
     */
    public List<LaneAction> onCommandFailed(Command command, String detail, Instant now) {
        List<LaneAction> out = new ArrayList<>();
        if (command == Command.OPEN && phase == Phase.AUTHORISED) {
            openOwed = true;
        } else if (command == Command.CLOSE) {
            closePending = true;
        }
        out.add(new LaneAction.RaiseAlarm(AlarmKind.DEVICE_FAULT, command + " 指令失败：" + detail + describeVisit(),
                now, plateOrNull(), eventIdOrNull()));
        return out;
    }

    /**
     * The controller withheld CLOSE: its reading just before showed a loop occupied, or no reading was fresh enough
     * when CLOSE could go. Nothing was written. That reading reaches the lane before this news; when the lane
     * still sees the loops clear, CLOSE is asked for again (with a reading of its own), else it goes once the loops
     * are clear.
     */
    public List<LaneAction> onCloseWithheld(Instant now) {
        List<LaneAction> out = new ArrayList<>();
        closePending = true;
        closeIfClear(out);
        return out;
    }

    /**
     * The I/O controller stopped answering or its link broke: the next reading is news. It comes once the
     * controller answers again (set up afresh); an OPEN owed then is repeated if the vehicle still waits.
     */
    public List<LaneAction> onControllerLost(Instant now) {
        watching = false;
        return new ArrayList<>();
    }

    /**
     * At the first reading after start only: a vehicle on the safety loop under the raised arm, soon enough after the
     * previous process's last opening, is taken as that passage's vehicle crossing (it passes, no alarm). Never
     * for a vehicle on the arming loop alone: that one may be the next car, and is decided afresh.
     */
    private void resumeCrossing(LaneInputs next, Instant now) {
        Optional<PriorOpening> prior = priorOpening;
        priorOpening = Optional.empty();
        if (prior.isEmpty() || phase != Phase.IDLE || !next.safetyLoop() || next.closedLimit()) {
            return;
        }
        Instant openedAt = prior.get().openedAt();
        if (!now.isBefore(openedAt) && !now.isAfter(openedAt.plus(settings.abandonedOpening()))) {
            visit = prior.get().visit();
            decision = null;
            enter(Phase.AUTHORISED, now); // the safety loop's rise, seen next as for any reading, makes it CROSSING
        }
    }

    private void safetyLoopOccupied(LaneInputs next, Instant now, List<LaneAction> out) {
        if (next.closedLimit()) {
            out.add(new LaneAction.RaiseAlarm(AlarmKind.FORCED_PASSAGE,
                    "安全地感有车而道闸处于关闭位（冲卡）" + describeVisit(), now, plateOrNull(), eventIdOrNull()));
        } else if (phase == Phase.AUTHORISED) {
            enter(Phase.CROSSING, now);
        } else {
            out.add(new LaneAction.RaiseAlarm(AlarmKind.TAILGATING,
                    "未经放行的车辆通过道闸（跟车）" + describeVisit(), now, plateOrNull(), eventIdOrNull()));
        }
        if (phase == Phase.IDENTIFYING || phase == Phase.WAITING) {
            crossedUnauthorised = true; // the vehicle of this visit is going through without a decision
        }
    }

    private void safetyLoopCleared(Instant now, List<LaneAction> out) {
        if (phase == Phase.CROSSING) {
            out.add(new LaneAction.VehiclePassed(visit, now));
            recent.remember(visit, now);
            Instant follower = followerSince;
            toIdle(now);
            if (inputs.armingLoop()) {
                startVisit(now, follower, out); // the next vehicle is already waiting
            }
        } else if (crossedUnauthorised && (phase == Phase.IDENTIFYING || phase == Phase.WAITING)) {
            // The forced or tailgating vehicle is gone (its alarm is raised): its visit ends here, so the
            // next vehicle is decided afresh and nobody is held for a car that has left.
            toIdle(now);
            if (inputs.armingLoop()) {
                startVisit(now, out);
            }
        }
        closePending = true;
    }

    private void armingLoopOccupied(Instant now, List<LaneAction> out) {
        if (phase == Phase.IDENTIFYING || phase == Phase.WAITING) {
            // The loop was empty in between: the visit's vehicle has left it (backwards past a car on the
            // safety loop, or forcing through). This is the next vehicle; nothing read before is its own.
            toIdle(now);
        }
        if (phase == Phase.AUTHORISED && authorisedBackedOff) {
            // The opening was for a vehicle that backed off the loop: whoever arrives now is decided
            // afresh (and crossing undecided under the open arm is tailgating), never let in on it.
            toIdle(now);
        }
        if (phase == Phase.IDLE) {
            startVisit(now, out);
        }
        if (phase == Phase.CROSSING && followerSince == null) {
            followerSince = now; // the loop was empty in between: this is the next vehicle
        }
        // AUTHORISED/CROSSING: the next vehicle queues; it is handled once the current one has crossed.
    }

    private void armingLoopLeftBackwards(Instant now) {
        if (phase == Phase.IDENTIFYING || phase == Phase.WAITING) {
            toIdle(now); // reversed away; a held exception stays with the supervisor
            closePending = true;
        }
    }

    private void startVisit(Instant now, List<LaneAction> out) {
        startVisit(now, null, out);
    }

    /** @param waitingSince when the vehicle was seen to drive onto the arming loop while another crossed, or null */
    private void startVisit(Instant now, Instant waitingSince, List<LaneAction> out) {
        visit = VehicleVisit.arrive(now);
        decision = null;
        arrivedUnseen = false;
        crossedUnauthorised = false;
        enter(Phase.IDENTIFYING, now);
        // A read may beat the loop's poll by a few tens of ms; an older one belongs to a vehicle gone by.
        Duration earlyness = settings.identificationWindow().compareTo(EARLY_READ_LIMIT) < 0
                ? settings.identificationWindow() : EARLY_READ_LIMIT;
        // A vehicle that waited at the reader while another crossed keeps what was read of it since it arrived.
        Instant from = waitingSince != null && waitingSince.isBefore(now) ? waitingSince : now;
        visit = early.handTo(visit, from.minus(earlyness));
        if (visit.plate() != null || visit.card() != null) {
            decideIfReady(now, out);
        }
    }

    private void decideIfReady(Instant now, List<LaneAction> out) {
        boolean complete = (!settings.hasCamera() || visit.plate() != null)
                && (!settings.hasCardReader() || visit.card() != null);
        Decision d = decider.decide(visit.plate(), visit.card(), now);
        // A registered vehicle recognised exactly by its plate need not wait for a card it may not swipe.
        boolean recognisedByPlate = d.opensNow() && d.match() == MatchKind.EXACT && d.payer() != null
                && d.payer() != io.parkgate.tariff.PayerCategory.TEMPORARY;
        if (complete || recognisedByPlate) {
            act(d, now, out);
        }
    }

    private void decideNow(Instant now, List<LaneAction> out) {
        act(decider.decide(visit.plate(), visit.card(), now), now, out);
    }

    private void act(Decision d, Instant now, List<LaneAction> out) {
        decision = d;
        out.add(new LaneAction.Decided(visit, d));
        if (d.verdict() == Verdict.OPEN) {
            authorise(Authorisation.BY_DECISION, now, out);
        } else {
            out.add(new LaneAction.Hold(visit, d, now));
            if (d.driverMessage() != null) {
                out.add(new LaneAction.Announce(d.driverMessage()));
            }
            enter(Phase.WAITING, now);
        }
    }

    private void authorise(Authorisation how, Instant now, List<LaneAction> out) {
        if (decision != null && decision.verdict() == Verdict.HOLD && how.kind() != Authorisation.Kind.DECISION) {
            decision = decider.afterRelease(decision, now); // a released vehicle is charged by the rules
        }
        out.add(new LaneAction.CommitPassage(visit, decision, how, now));
        out.add(new LaneAction.PulseOpen());
        out.add(new LaneAction.SetLamp(true));
        if (how.kind() == Authorisation.Kind.DECISION && decision.driverMessage() != null) {
            out.add(new LaneAction.Announce(decision.driverMessage()));
        }
        closePending = false;
        openOwed = false;
        enter(Phase.AUTHORISED, now);
    }

    private void closeIfClear(List<LaneAction> out) {
        if (closePending && phase != Phase.AUTHORISED && phase != Phase.CROSSING
                && !inputs.vehicleUnderOrBefore()) {
            closePending = false;
            out.add(new LaneAction.SetLamp(false));
            if (!inputs.closedLimit()) {
                out.add(new LaneAction.PulseClose());
            }
        }
    }

    private void toIdle(Instant now) {
        visit = null;
        decision = null;
        arrivedUnseen = false;
        crossedUnauthorised = false;
        openOwed = false;
        enter(Phase.IDLE, now);
    }

    private void enter(Phase next, Instant now) {
        authorisedBackedOff = false;
        followerSince = null;
        phase = next;
        phaseSince = now;
    }

    private static boolean samePlate(PlateRead a, PlateRead b) {
        return a != null && Objects.equals(a.plate(), b.plate());
    }

    /** A read replaces the visit's current one when it adds a plate or reads it more surely. */
    private static boolean betterRead(PlateRead current, PlateRead candidate) {
        if (current == null) {
            return true;
        }
        if (current.plateless()) {
            return !candidate.plateless();
        }
        return !candidate.plateless() && !candidate.plate().equals(current.plate())
                && candidate.confidence() > current.confidence();
    }

    private String plateOrNull() {
        if (visit == null) {
            return null;
        }
        return decision != null && decision.plate() != null ? decision.plate() : visit.plateText();
    }

    private String eventIdOrNull() {
        return visit == null ? null : visit.eventId();
    }

    private String describeVisit() {
        String plate = plateOrNull();
        return plate == null ? "" : "，当前车辆 " + plate;
    }
}
