package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SiteConfig;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.simulator.device.SafetyViolation;
import io.parkgate.simulator.scenario.Scenario;
import io.parkgate.simulator.scenario.ScenarioParser;
import io.parkgate.simulator.scenario.ScenarioRegistry;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.testutil.Sites;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped morning-rush scenario against real gate agents seeded with its residents. */
class MorningRushWithAgentsIT {

    @TempDir
    Path dir;

    /** Verifies that every expectation of morning-rush.yaml holds with real agents, and nothing unsafe happens. */
    @Test
    void morningRushHoldsWithRealAgents() throws Exception {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/scenarios/morning-rush.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Scenario scenario = ScenarioParser.parse(yaml, "morning-rush.yaml", Set.of("north-in", "north-out"));
        Instant start = scenario.start().minusSeconds(60);
        RegistrySnapshot registry = ScenarioRegistry.withResidents(RegistrySnapshot.empty(), scenario, start);
        // x4, not x10: the scenario allows 6 s simulated to open, and the agent's real-time latency is
        // multiplied by the speed; on a busy build machine x10 leaves it only ~0.4 s real
        SimulatorOptions options = new SimulatorOptions(start, 4, 8, true, dir, Duration.ofSeconds(2), "127.0.0.1");
        try (Simulator sim = Simulator.create(Sites.northGate(), options)) {
            SiteConfig agentSite = sim.agentSiteConfig();
            List<GateAgent> agents = new ArrayList<>();
            SimulationReport report;
            try {
                for (LaneConfig lane : agentSite.lanes()) {
                    GateAgent agent = GateAgent.start(agentSite, lane, sim.clock(), new GateAgent.Options(
                            dir.resolve("agents").resolve(lane.id()), null, DeviceMetrics.NOOP, LaneListener.NONE));
                    agent.loadRegistry(registry);
                    agents.add(agent);
                }
                SimFixture.await("agents connected", 10_000, () -> sim.lanes().stream()
                        .allMatch(h -> h.links().values().stream().allMatch(l -> l.connected())));
                sim.startClock();
                ScenarioRunner run = ScenarioRunner.schedule(sim, scenario);
                assertTrue(run.awaitFinished(90, TimeUnit.SECONDS), "finished\n" + sim.report().toText());
                report = sim.report();
            } finally {
                agents.forEach(GateAgent::close);
            }
            String text = report.toText();
            System.out.println(text);
            assertEquals(List.of(), report.failedExpectations(), text);
            assertEquals(6, report.lanes().stream().mapToInt(l -> l.expectationsMet()).sum(), text);
            assertTrue(report.violations().stream().noneMatch(v -> v.kind() == SafetyViolation.Kind.CLOSE_WHILE_OCCUPIED
                    || v.kind() == SafetyViolation.Kind.ARM_ON_VEHICLE), text);
        }
    }
}
