package io.parkgate.simulator;

import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.lane.Authorisation;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneRuntime;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.simulator.time.SimClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The attendant at a simulated booth: when the lane holds a vehicle for its fee, takes the cash a few
 * (simulated) seconds later and records it with the lane, exactly as the console's "收现金" does. Holds
 * for the supervisor are left alone: those wait for a release from central.
 */
final class SimulatedAttendant implements LaneListener {

    private static final Duration TIME_TO_TAKE_CASH = Duration.ofSeconds(8);

    private final String name;
    private final SimClock clock;
    private final ScheduledExecutorService timer;
    private volatile LaneRuntime lane;

    SimulatedAttendant(String name, SimClock clock, ScheduledExecutorService timer) {
        this.name = name;
        this.clock = clock;
        this.timer = timer;
    }

    void attach(LaneRuntime runtime) {
        this.lane = runtime;
    }

    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // a one-off payment; the timer is shut down with the car park
    public void actions(LaneSnapshot snapshot, List<LaneAction> actions) {
        for (LaneAction action : actions) {
            if (action instanceof LaneAction.Hold hold && hold.decision().verdict() == Verdict.COLLECT_FEE) {
                long fen = hold.decision().fee() == null ? 0 : hold.decision().fee().fen();
                // Called on the lane's thread: only schedule here, never call back into the lane.
                timer.schedule(() -> lane.paymentRecorded(
                                new Authorisation(Authorisation.Kind.PAYMENT, name, "现金", fen)),
                        clock.realNanosFor(TIME_TO_TAKE_CASH), TimeUnit.NANOSECONDS);
            }
        }
    }
}
