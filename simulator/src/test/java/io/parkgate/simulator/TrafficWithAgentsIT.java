package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SiteConfig;
import io.parkgate.simulator.device.SafetyViolation;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.testutil.Sites;
import io.parkgate.simulator.traffic.Population;
import io.parkgate.simulator.traffic.PopulationSize;
import io.parkgate.simulator.traffic.RandomTraffic;
import io.parkgate.simulator.traffic.TrafficKind;
import io.parkgate.simulator.traffic.TrafficMix;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An hour of random traffic through the north gate driven by real gate agents, in seconds of real time:
 * residents get through, and whatever the traffic does, the agents never close the arm on a vehicle.
 */
class TrafficWithAgentsIT {

    /** 07:00 in Shenzhen: the morning peak. */
    private static final Instant START = Instant.parse("2026-11-22T23:00:00Z");
    private static final Duration TRAFFIC = Duration.ofHours(1);

    @TempDir
    Path dir;

    /** Verifies an hour of mixed traffic against real agents: passages happen, no unsafe barrier command. */
    @Test
    void mixedTrafficNeverEndsWithTheArmOnAVehicle() throws Exception {
        Population pop = Population.generate(21, new PopulationSize(60, 6, 3, 2, 4), START);
        Map<TrafficKind, Integer> w = new EnumMap<>(TrafficKind.class);
        w.put(TrafficKind.RESIDENT, 70);
        w.put(TrafficKind.RESIDENT_NO_CARD, 10);
        w.put(TrafficKind.MISREAD, 5);
        w.put(TrafficKind.POLICY, 5);
        // busy time runs at x10 only, so keep it low: about 12 arrivals, the rest of the hour is skipped
        TrafficMix mix = new TrafficMix(w, 12, false);
        try (Simulator sim = Simulator.create(Sites.northGate(), SimulatorOptions.forTests(START, 21, dir))) {
            SiteConfig agentSite = sim.agentSiteConfig();
            List<GateAgent> agents = new ArrayList<>();
            SimulationReport report;
            try {
                for (LaneConfig lane : agentSite.lanes()) {
                    GateAgent agent = GateAgent.start(agentSite, lane, sim.clock(), new GateAgent.Options(
                            dir.resolve("agents").resolve(lane.id()), null, DeviceMetrics.NOOP, LaneListener.NONE));
                    agent.loadRegistry(pop.registry());
                    agents.add(agent);
                }
                SimFixture.await("agents connected", 10_000, () -> sim.lanes().stream()
                        .allMatch(h -> h.links().values().stream().allMatch(l -> l.connected())));
                RandomTraffic traffic = new RandomTraffic(pop, sim.lanes().stream().map(LaneHardware::lane).toList(),
                        sim.scheduler(), mix, sim.site().zone(), 21);
                traffic.start(START.plus(TRAFFIC));
                long t0 = System.nanoTime();
                sim.startClock();
                SimFixture.await("an hour of traffic", 60_000,
                        () -> sim.clock().instant().isAfter(START.plus(TRAFFIC)) && sim.activity().allIdle());
                long realSeconds = (System.nanoTime() - t0) / 1_000_000_000L;
                report = sim.report();
                System.out.println("one simulated hour took " + realSeconds + " s real\n" + report.toText());
                assertTrue(realSeconds < 60, "idle time skipped: " + realSeconds + " s real");
            } finally {
                agents.forEach(GateAgent::close);
            }
            String text = report.toText();
            long passed = report.lanes().get(0).count(Passage.Outcome.PASSED);
            assertTrue(passed >= 5, "at 12 an hour, most arrivals enter\n" + text);
            assertTrue(report.violations().stream().noneMatch(v -> v.kind() == SafetyViolation.Kind.CLOSE_WHILE_OCCUPIED
                    || v.kind() == SafetyViolation.Kind.ARM_ON_VEHICLE), text);
        }
    }
}
