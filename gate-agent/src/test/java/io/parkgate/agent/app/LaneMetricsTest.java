package io.parkgate.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.agent.lane.LaneStateMachine;
import io.parkgate.agent.lane.VehicleVisit;
import io.parkgate.protocol.io.LaneInputs;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LaneMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LaneMetrics metrics = new LaneMetrics(registry, "north-in");
    private final LaneSnapshot snapshot = new LaneSnapshot("north-in", LaneStateMachine.Phase.IDLE,
            new LaneInputs(false, false, false, true), null, null);

    /**
     * The OPEN latency runs from the first read's own time (not from when this meter heard of it), and a read of
     * a vehicle that has already passed does not start the next vehicle's clock.
     */
    @Test
    void latencyStartsAtTheReadAndEndsWithTheVehicle() {
        long read = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(250);
        metrics.identified(read);
        metrics.identified(System.nanoTime()); // a second read of the same vehicle: the first one counts
        metrics.actions(snapshot, List.of(new LaneAction.PulseOpen()));
        Timer latency = registry.get(LaneMetrics.OPEN_LATENCY).timer();
        assertEquals(1, latency.count());
        double ms = latency.totalTime(TimeUnit.MILLISECONDS);
        assertEquals(true, ms >= 250, "from the read's time: " + ms + " ms");

        metrics.identified(System.nanoTime()); // the camera reads the leaving vehicle again
        metrics.actions(snapshot, List.of(new LaneAction.VehiclePassed(VehicleVisit.arrive(Instant.EPOCH),
                Instant.EPOCH)));
        metrics.actions(snapshot, List.of(new LaneAction.PulseOpen())); // e.g. a manual open, no read
        assertEquals(1, latency.count(), "no latency from a stale read");
    }
}
