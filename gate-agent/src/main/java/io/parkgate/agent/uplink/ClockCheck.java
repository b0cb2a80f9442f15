package io.parkgate.agent.uplink;

import io.parkgate.wire.EventAck;
import io.parkgate.wire.LaneStatus;
import io.parkgate.wire.Prepayment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this lane PC's clock agrees with central's. Every hello carries the lane's clock; central echoes it
 * with its own clock when it reads the hello. Central read it somewhere between the lane's sending and the
 * lane's receiving the echo, so the lane's offset lies between two bounds, however slow the network: only an
 * offset outside the tolerance at both bounds counts as wrong.
 *
 * <p>A lane whose clock is wrong records passages, fees and photos at the wrong time. The check reports that, in
 * the log and the lane's status; the lane keeps working on its own clock. What central sends with central's
 * times, and the lane must weigh against its own clock, is put right with the offset last measured: commands are
 * judged on {@link #centralClock()}, so a supervisor's release is not refused because the lane PC's clock battery
 * died, and a prepayment's times are moved into the lane's clock ({@link #inLaneTime}), so a driver who just paid
 * is not charged again at a lane whose clock is hours fast, nor let out free for hours at one that is slow.
 */
final class ClockCheck {

    /** Beyond this the clock is wrong, and central's commands are judged on central's clock (docs/mqtt.md). */
    static final Duration TOLERANCE = Duration.ofSeconds(30);
    /** Hellos sent and not yet echoed that an echo may answer: a burst of resync requests is a few. */
    private static final int REMEMBERED = 8;

    private static final Logger LOG = LoggerFactory.getLogger(ClockCheck.class);

    private final String laneId;
    private final Clock clock;
    private final Deque<Instant> sent = new ArrayDeque<>();
    private LaneStatus.ClockOffset last;
    /** How far this PC's clock is ahead of central's, while the last check found it wrong; else null. */
    private volatile Duration ahead;

    ClockCheck(String laneId, Clock clock) {
        this.laneId = laneId;
        this.clock = clock;
    }

    /** The lane's clock for a hello about to be sent, remembered so that central's echo can be matched to it. */
    synchronized Instant helloSent() {
        Instant now = clock.instant();
        sent.addLast(now);
        while (sent.size() > REMEMBERED) {
            sent.pollFirst();
        }
        return now;
    }

    /**
     * Takes central's echo of a hello: the offset it shows, or null when it answers no hello this lane sent
     * (a duplicate, or not meant for this run) or the lane's clock was set back during the exchange.
     */
    synchronized LaneStatus.ClockOffset echo(EventAck.ClockEcho echo) {
        Instant received = clock.instant();
        if (!sent.remove(echo.helloSentAt())) {
            LOG.debug("lane {}: clock echo of a hello not sent by this run ignored ({})", laneId, echo.helloSentAt());
            return null;
        }
        LaneStatus.ClockOffset now = measure(echo.helloSentAt(), echo.centralAt(), received, TOLERANCE);
        if (now == null) {
            LOG.info("lane {}: clock check skipped: this PC's clock went back while central answered", laneId);
            return null;
        }
        report(now, echo, received);
        last = now;
        ahead = now.wrong() ? middle(echo.helloSentAt(), echo.centralAt(), received) : null;
        return now;
    }

    /**
     * The PC's clock was stepped: the offset measured before no longer holds, so commands are judged on the PC's
     * own clock until the next echo measures it again, and hellos sent before the step measure nothing.
     */
    synchronized void forgetOffset() {
        ahead = null;
        sent.clear();
    }

    /**
     * Central's clock as this lane knows it: the PC's clock less the offset the last check measured, when that check
     * found the clock wrong, and the PC's clock itself otherwise (within the tolerance, before any check, and after a
     * step until the next check).
     */
    Clock centralClock() {
        return new CentralClock();
    }

    private Instant centralNow() {
        Duration a = ahead;
        Instant now = clock.instant();
        return a == null ? now : now.minus(a);
    }

    /** {@code p} with its times in this PC's clock, as the lane's own stamps are: moved by the offset while wrong. */
    Prepayment inLaneTime(Prepayment p) {
        Duration a = ahead;
        return a == null ? p : new Prepayment(p.id(), p.plate(), p.amountFen(), p.method(), p.paidAt().plus(a),
                p.freeUntil().plus(a));
    }

    /** The middle of the bracket in which the lane's offset lies (see {@link #measure}). */
    private static Duration middle(Instant sent, Instant centralAt, Instant received) {
        return Duration.between(centralAt, sent).plus(Duration.between(centralAt, received)).dividedBy(2);
    }

    /**
     * The offset of the lane's clock from central's: the lane sent at {@code sent} and received central's answer
     * at {@code received} (its clock), and central read the hello at {@code centralAt} (central's clock). Null
     * when {@code received} is before {@code sent}.
     */
    static LaneStatus.ClockOffset measure(Instant sent, Instant centralAt, Instant received, Duration tolerance) {
        if (received.isBefore(sent)) {
            return null;
        }
        Duration least = Duration.between(centralAt, sent);
        Duration most = Duration.between(centralAt, received);
        boolean wrong = least.compareTo(tolerance) > 0 || most.compareTo(tolerance.negated()) < 0;
        long middleMillis = middle(sent, centralAt, received).toMillis();
        return new LaneStatus.ClockOffset(Math.round(middleMillis / 1000.0), wrong, centralAt);
    }

    private void report(LaneStatus.ClockOffset now, EventAck.ClockEcho echo, Instant received) {
        boolean wasWrong = last != null && last.wrong();
        if (now.wrong() && (!wasWrong || Math.abs(now.aheadSeconds() - last.aheadSeconds()) > TOLERANCE.toSeconds())) {
            LOG.warn("lane {}: this PC's clock is {} central's (central read the hello at {}; this PC sent it at {} "
                            + "and had the answer at {}): passages, fees and photos are recorded at the wrong time "
                            + "(central's commands are judged on central's clock as measured here); set the clock, or "
                            + "let it follow a time server (NTP)", laneId, now.describe(), echo.centralAt(),
                    echo.helloSentAt(), received);
        } else if (!now.wrong() && wasWrong) {
            LOG.info("lane {}: this PC's clock agrees with central's again (within {} s)", laneId,
                    TOLERANCE.toSeconds());
        } else {
            LOG.debug("lane {}: clock {} s from central's", laneId, now.aheadSeconds());
        }
    }

    /** A view of {@link #centralNow}; the zone is UTC, which nothing that judges commands reads. */
    private final class CentralClock extends Clock {

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("central's clock as the lane knows it has no zone");
        }

        @Override
        public Instant instant() {
            return centralNow();
        }
    }
}
