package io.parkgate.agent.feedback;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.device.display.DisplayMessage;
import io.parkgate.agent.device.display.LaneDisplay;
import io.parkgate.agent.lane.Authorisation;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.config.Direction;
import io.parkgate.config.DisplayConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a lane's display from what the lane does (a {@link LaneListener}, on the lane's thread): the
 * decision's text when a vehicle is decided or let through after paying or being released, the idle text
 * once it has passed, and on an entry the free spaces (余位) as {@link FreeSpaces} keeps them (central's count,
 * or the lane's own while central is away). {@link #refresh()} (called periodically) shows a count that
 * changed through another lane's passage.
 */
public final class DisplayFeed implements LaneListener {

    private static final Logger LOG = LoggerFactory.getLogger(DisplayFeed.class);

    private final String laneId;
    private final Direction direction;
    private final DisplayConfig config;
    private final LaneDisplay display;
    private final Clock clock;
    private final Function<String, Optional<Instant>> passValidUntil;
    private final IntSupplier free;
    private final Function<String, Optional<Instant>> entryTime;
    private Integer lastFree;
    private boolean laneIdle = true;

    /**
     * @param passValidUntil when a plate's valid pass ends (for "剩余N天"), empty without one
     * @param free           the free spaces now (used on an entry whose display has {@code spaces})
     * @param entryTime      when the open stay of an entry event id began (for "停车1小时20分"), empty when closed
     */
    public DisplayFeed(String laneId, Direction direction, DisplayConfig config, LaneDisplay display, Clock clock,
                       Function<String, Optional<Instant>> passValidUntil, IntSupplier free,
                       Function<String, Optional<Instant>> entryTime) {
        this.entryTime = entryTime;
        this.laneId = laneId;
        this.direction = direction;
        this.config = config;
        this.display = display;
        this.clock = clock;
        this.passValidUntil = passValidUntil;
        this.free = free;
    }

    /** Shows the idle text (and the count) once the display is reachable. */
    public synchronized void start() {
        display.start();
        idle();
    }

    /** The free spaces now, or null when the display does not show them (exit, or no spaces configured). */
    public Integer freeSpaces() {
        if (direction != Direction.IN || config.spaces() <= 0) {
            return null;
        }
        return free.getAsInt();
    }

    @Override
    public synchronized void actions(LaneSnapshot snapshot, List<LaneAction> actions) {
        laneIdle = snapshot.visit() == null;
        boolean decided = false;
        for (LaneAction a : actions) {
            if (a instanceof LaneAction.Decided d) {
                decided = true;
                show(d.decision(), d.decision().verdict());
            } else if (a instanceof LaneAction.CommitPassage c && !decided
                    && c.authorisation().kind() != Authorisation.Kind.DECISION) {
                show(c.decision(), Verdict.OPEN); // paid, prepaid, released or opened by hand: now it opens
            } else if (a instanceof LaneAction.VehiclePassed) {
                idle();
            }
        }
    }

    private void show(Decision d, Verdict verdict) {
        Long fee = d.fee() == null ? null : d.fee().fen();
        Long days = null;
        if (d.plate() != null && d.payer() == io.parkgate.tariff.PayerCategory.PASS_HOLDER) {
            Instant now = clock.instant();
            days = passValidUntil.apply(d.plate()).map(until -> daysLeft(now, until)).orElse(null);
        }
        java.time.Duration parked = direction == Direction.OUT && d.entryEventId() != null
                ? entryTime.apply(d.entryEventId()).map(in -> java.time.Duration.between(in, clock.instant()))
                        .orElse(null)
                : null;
        DisplayMessage m = DisplayText.decision(config.templates(), new DisplayText.Facts(direction, verdict,
                d.plate(), d.payer(), fee, days, d.driverMessage(), freeSpaces(), parked));
        LOG.debug("lane {} display: {} | voice: {}", laneId, m.shown(), m.voice());
        display.show(m);
    }

    /**
     * Shows the free spaces again when another lane's passage changed them: the count always, the idle text
     * only while no vehicle is at this lane (its decision text stays up).
     */
    public synchronized void refresh() {
        Integer free = freeSpaces();
        if (free == null || free.equals(lastFree)) {
            return;
        }
        if (laneIdle) {
            idle();
        } else {
            display.freeSpaces(free);
            lastFree = free;
        }
    }

    private void idle() {
        Integer free = freeSpaces();
        display.show(DisplayText.idle(config.templates(), direction, free));
        if (free != null && !free.equals(lastFree)) {
            display.freeSpaces(free);
        }
        lastFree = free;
    }

    /** Whole days left, rounded up: a pass ending this evening has 1 day left, not 0. */
    static long daysLeft(Instant now, Instant until) {
        long seconds = Duration.between(now, until).toSeconds();
        return seconds <= 0 ? 0 : (seconds + 86_399) / 86_400;
    }
}
