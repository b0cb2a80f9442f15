package io.parkgate.agent.uplink;

import io.parkgate.wire.EventAck;
import io.parkgate.wire.LaneStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * <p>A lane whose clock is wrong records passages, fees and photos at the wrong time, and its own command
 * check refuses a supervisor's release issued more than 30 s in its future or already expired by its clock.
 * The lane keeps working: the check reports, in the log and the lane's status, and changes no decision.
 */
final class ClockCheck {

    /** Beyond this the lane refuses central's commands as issued in its future (docs/mqtt.md, Commands). */
    static final Duration TOLERANCE = Duration.ofSeconds(30);
    /** Hellos sent and not yet echoed that an echo may answer: a burst of resync requests is a few. */
    private static final int REMEMBERED = 8;

    private static final Logger LOG = LoggerFactory.getLogger(ClockCheck.class);

    private final String laneId;
    private final Clock clock;
    private final Deque<Instant> sent = new ArrayDeque<>();
    private LaneStatus.ClockOffset last;

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
        return now;
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
        long middleMillis = least.plus(most).toMillis() / 2;
        return new LaneStatus.ClockOffset(Math.round(middleMillis / 1000.0), wrong, centralAt);
    }

    private void report(LaneStatus.ClockOffset now, EventAck.ClockEcho echo, Instant received) {
        boolean wasWrong = last != null && last.wrong();
        if (now.wrong() && (!wasWrong || Math.abs(now.aheadSeconds() - last.aheadSeconds()) > TOLERANCE.toSeconds())) {
            LOG.warn("lane {}: this PC's clock is {} central's (central read the hello at {}; this PC sent it at {} "
                            + "and had the answer at {}): passages, fees and photos are recorded at the wrong time and "
                            + "the supervisor's remote releases may be refused here; set the clock, or let it follow a "
                            + "time server (NTP)", laneId, now.describe(), echo.centralAt(),
                    echo.helloSentAt(), received);
        } else if (!now.wrong() && wasWrong) {
            LOG.info("lane {}: this PC's clock agrees with central's again (within {} s)", laneId,
                    TOLERANCE.toSeconds());
        } else {
            LOG.debug("lane {}: clock {} s from central's", laneId, now.aheadSeconds());
        }
    }
}
