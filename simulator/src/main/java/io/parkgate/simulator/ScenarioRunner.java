package io.parkgate.simulator;

import io.parkgate.agent.port.LaneDevice;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.scenario.Scenario;
import io.parkgate.simulator.scenario.ScenarioStep;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link Scenario} on a {@link Simulator}: each step is scheduled at its simulated time.
 * Expectations are judged by the lanes and appear as EXPECTATION_MET / _FAILED events.
 */
public final class ScenarioRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    private final Simulator simulator;
    private final Scenario scenario;
    private final CountDownLatch stepsDone;
    private final AtomicInteger remaining;

    private ScenarioRunner(Simulator simulator, Scenario scenario) {
        this.simulator = simulator;
        this.scenario = scenario;
        this.stepsDone = new CountDownLatch(1);
        this.remaining = new AtomicInteger(scenario.steps().size());
    }

    /**
     * Schedules every step. When the scenario names a start later than the clock, time skips there
     * first; an earlier start is taken as "now".
     *
     * @throws java.util.NoSuchElementException when a step names a lane the simulator does not have
     */
    public static ScenarioRunner schedule(Simulator simulator, Scenario scenario) {
        ScenarioRunner r = new ScenarioRunner(simulator, scenario);
        for (ScenarioStep s : scenario.steps()) {
            simulator.lane(s.lane()); // fail before anything runs
        }
        Instant now = simulator.clock().instant();
        if (scenario.start() != null && scenario.start().isAfter(now)) {
            simulator.clock().skipTo(scenario.start());
            now = scenario.start();
        }
        LOG.info("scenario '{}': {} steps from {}", scenario.name(), scenario.steps().size(), now);
        if (scenario.steps().isEmpty()) {
            r.stepsDone.countDown();
        }
        for (ScenarioStep s : scenario.steps()) {
            simulator.scheduler().scheduleAt(now.plus(s.at()), () -> r.run(s));
        }
        return r;
    }

    private void run(ScenarioStep s) {
        try {
            LaneHardware lane = simulator.lane(s.lane());
            if (s.vehicle() != null) {
                lane.lane().arrive(s.vehicle(), s.expect());
            } else if (s.faultOn() == LaneDevice.CARD_READER) {
                if (lane.reader() == null) {
                    LOG.warn("{}: lane {} has no simulated card reader, fault skipped", s.line(), s.lane());
                } else {
                    lane.reader().inject(s.fault(), "0E00A35C21", null);
                }
            } else if (lane.camera() == null) {
                LOG.warn("{}: lane {} has no simulated smart camera, fault skipped", s.line(), s.lane());
            } else {
                lane.camera().inject(s.fault(), "粤B00000", null);
            }
        } finally {
            if (remaining.decrementAndGet() == 0) {
                stepsDone.countDown();
            }
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    /** True once every step has run and every lane is idle again. */
    public boolean finished() {
        return stepsDone.getCount() == 0 && simulator.activity().allIdle();
    }

    /** Waits (real time) until {@link #finished()}; false on timeout. */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!stepsDone.await(timeout, unit)) {
            return false;
        }
        // the listener only signals: it runs under device locks, so the idle check happens here
        Semaphore changes = new Semaphore(0);
        Consumer<SimEvent> signal = e -> changes.release();
        simulator.events().subscribe(signal);
        try {
            while (!simulator.activity().allIdle()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // lanes also turn idle on a timer (settle time), so look again at least every 100 ms
                changes.tryAcquire(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
        } finally {
            simulator.events().unsubscribe(signal);
        }
        return true;
    }
}
