package io.parkgate.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.testing.MutableClock;
import io.parkgate.wire.EventAck;
import io.parkgate.wire.LaneStatus;
import io.parkgate.wire.PaymentMethod;
import io.parkgate.wire.Prepayment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lane's clock against central's, from a hello's time and central's echo of it. */
class ClockCheckTest {

    private static final Duration TOL = ClockCheck.TOLERANCE;
    private static final Instant CENTRAL = Instant.parse("2026-12-07T02:00:00Z");

    /** Verifies that a clock three hours behind (a PC set to local time in UTC's zone, say) is wrong. */
    @Test
    void threeHoursBehindIsWrong() {
        Instant sent = CENTRAL.minus(Duration.ofHours(3)).minusMillis(40);
        LaneStatus.ClockOffset o = ClockCheck.measure(sent, CENTRAL, sent.plusMillis(80), TOL);
        assertTrue(o.wrong());
        assertEquals(-10_800, o.aheadSeconds());
        assertEquals(CENTRAL, o.checkedAt());
    }

    /** Verifies that a clock ahead by more than the tolerance is wrong, and one within it is right. */
    @Test
    void aheadAndWithin() {
        Instant ahead = CENTRAL.plusSeconds(95);
        assertTrue(ClockCheck.measure(ahead, CENTRAL, ahead.plusMillis(10), TOL).wrong());
        Instant close = CENTRAL.plusSeconds(29);
        LaneStatus.ClockOffset o = ClockCheck.measure(close, CENTRAL, close.plusMillis(10), TOL);
        assertFalse(o.wrong());
        assertEquals(29, o.aheadSeconds());
    }

    /**
     * Verifies that a slow network never makes a right clock wrong: an answer that took five minutes brackets
     * central's instant widely, and the clock is called wrong only when both ends of the bracket are off.
     */
    @Test
    void aSlowAnswerIsNoWrongClock() {
        Instant sent = CENTRAL.minus(Duration.ofMinutes(4));
        LaneStatus.ClockOffset o = ClockCheck.measure(sent, CENTRAL, sent.plus(Duration.ofMinutes(5)), TOL);
        assertFalse(o.wrong(), "central read the hello somewhere within the five minutes");
        Instant wayBehind = CENTRAL.minus(Duration.ofHours(2));
        assertTrue(ClockCheck.measure(wayBehind, CENTRAL, wayBehind.plus(Duration.ofMinutes(5)), TOL).wrong(),
                "two hours behind stays wrong however slow the answer");
    }

    /** Verifies that an exchange during which the lane's clock went back measures nothing. */
    @Test
    void aClockSetBackDuringTheExchangeMeasuresNothing() {
        assertNull(ClockCheck.measure(CENTRAL, CENTRAL, CENTRAL.minusSeconds(1), TOL));
    }

    /**
     * Verifies that only an echo of a hello this lane sent counts, once: a repeated echo (a QoS 1 redelivery) or
     * one of a hello never sent measures nothing.
     */
    @Test
    void onlyEchoesOfOwnHellosCountOnce() {
        MutableClock lane = new MutableClock(CENTRAL.minus(Duration.ofHours(3)));
        ClockCheck check = new ClockCheck("north-in", lane);
        Instant sent = check.helloSent();
        lane.advance(Duration.ofMillis(50));
        assertNull(check.echo(new EventAck.ClockEcho(sent.minusSeconds(1), CENTRAL)), "not a hello of ours");
        LaneStatus.ClockOffset o = check.echo(new EventAck.ClockEcho(sent, CENTRAL));
        assertTrue(o.wrong());
        assertEquals(-10_800, o.aheadSeconds());
        assertNull(check.echo(new EventAck.ClockEcho(sent, CENTRAL)), "the same echo again");
    }

    /**
     * Verifies central's clock as the lane knows it: the PC's own clock before any check and while the check finds it
     * right; the PC's clock less the measured offset while it is wrong, so a release issued at central's "now" is
     * judged at central's "now"; the PC's own clock again after a step, until the next echo, which an echo of a hello
     * sent before the step is not.
     */
    @Test
    void centralsClockAsTheLaneKnowsIt() {
        MutableClock lane = new MutableClock(CENTRAL.minus(Duration.ofHours(3)));
        ClockCheck check = new ClockCheck("north-in", lane);
        java.time.Clock central = check.centralClock();
        assertEquals(lane.instant(), central.instant(), "before any check");
        Instant sent = check.helloSent();
        lane.advance(Duration.ofMillis(80));
        check.echo(new EventAck.ClockEcho(sent, CENTRAL.plusMillis(40)));
        assertEquals(CENTRAL.plusMillis(80), central.instant(), "three hours behind: central's time, within the RTT");
        lane.advance(Duration.ofMinutes(5));
        assertEquals(CENTRAL.plusMillis(80).plus(Duration.ofMinutes(5)), central.instant(), "and it runs on");

        Instant before = check.helloSent();
        lane.set(lane.instant().plus(Duration.ofHours(3)));
        check.forgetOffset();
        assertEquals(lane.instant(), central.instant(), "after a step, the PC's own clock");
        assertNull(check.echo(new EventAck.ClockEcho(before, CENTRAL.plus(Duration.ofMinutes(5)))),
                "a hello sent before the step measures nothing");

        Instant right = check.helloSent();
        lane.advance(Duration.ofMillis(20));
        LaneStatus.ClockOffset o = check.echo(new EventAck.ClockEcho(right, right.plusSeconds(20)));
        assertFalse(o.wrong());
        assertEquals(lane.instant(), central.instant(), "a clock within the tolerance is taken as it is");
    }

    /**
     * Verifies that a prepayment's times are moved into the PC's clock while the check finds it wrong, and left as
     * central sent them while it finds it right.
     */
    @Test
    void aPrepaymentsTimesAreMovedIntoTheLanesClock() {
        MutableClock lane = new MutableClock(CENTRAL.plus(Duration.ofHours(3)));
        ClockCheck check = new ClockCheck("north-out", lane);
        Prepayment p = new Prepayment("R1", "粤B00001", 1100, PaymentMethod.CASH, CENTRAL, CENTRAL.plusSeconds(900));
        assertEquals(p, check.inLaneTime(p), "before any check");
        Instant sent = check.helloSent();
        lane.advance(Duration.ofMillis(80));
        check.echo(new EventAck.ClockEcho(sent, CENTRAL.plusMillis(40)));
        Prepayment moved = check.inLaneTime(p);
        assertEquals(CENTRAL.plus(Duration.ofHours(3)), moved.paidAt());
        assertEquals(CENTRAL.plusSeconds(900).plus(Duration.ofHours(3)), moved.freeUntil());
        assertEquals(List.of(p.id(), p.plate(), p.amountFen(), p.method()),
                List.of(moved.id(), moved.plate(), moved.amountFen(), moved.method()));

        Instant right = check.helloSent();
        lane.set(CENTRAL);
        check.forgetOffset();
        assertEquals(p, check.inLaneTime(p), "after a step, until the next check");
        assertNull(check.echo(new EventAck.ClockEcho(right, CENTRAL)));
        Instant again = check.helloSent();
        check.echo(new EventAck.ClockEcho(again, CENTRAL));
        assertEquals(p, check.inLaneTime(p), "right again");
    }

    /** Verifies the log's wording of an offset. */
    @Test
    void describesTheOffset() {
        assertEquals("3 h 00 min 05 s behind", new LaneStatus.ClockOffset(-10_805, true, CENTRAL).describe());
        assertEquals("1 min 35 s ahead of", new LaneStatus.ClockOffset(95, true, CENTRAL).describe());
        assertEquals("9477 d 0 h behind", new LaneStatus.ClockOffset(-9477L * 86_400, true, CENTRAL).describe());
    }
}
