package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SiteConfig;
import io.parkgate.plate.PlateColour;
import io.parkgate.simulator.device.JournalEntry;
import io.parkgate.simulator.device.SafetyViolation;
import io.parkgate.simulator.lane.Behaviour;
import io.parkgate.simulator.lane.Expectation;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.lane.SimulatedVehicle;
import io.parkgate.simulator.scenario.Scenario;
import io.parkgate.simulator.scenario.ScenarioStep;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.testutil.Sites;
import io.parkgate.simulator.traffic.Population;
import io.parkgate.simulator.traffic.PopulationSize;
import io.parkgate.simulator.traffic.Resident;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gate agent, one per lane, in the same JVM on the simulator's clock, driving the simulated
 * hardware over TCP: a resident is let in, a blacklisted vehicle is held, a blacklisted rammer is
 * flagged, an exit without entry record is held, and the agent never closes the arm over a vehicle.
 */
class SimulatorWithAgentIT {

    private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** Verifies a short scripted run against real agents: expectations met, rammer flagged, no unsafe CLOSE. */
    @Test
    void realAgentsDriveTheSimulatedGate() throws Exception {
        Population pop = Population.generate(3, new PopulationSize(40, 3, 2, 1, 2), START);
        Resident resident = pop.residents().stream()
                .filter(r -> r.passStatus() == Resident.PassStatus.VALID && r.card() != null).findFirst().orElseThrow();
        String blacklisted = pop.registry().blacklist().get(0).plate();
        // an unknown vehicle would be let in (temporaries pay at the exit): the rammer is one that is held
        String rammer = pop.registry().blacklist().get(1).plate();
        try (Simulator sim = Simulator.create(Sites.northGate(), SimulatorOptions.forTests(START, 11, dir))) {
            SiteConfig agentSite = sim.agentSiteConfig();
            List<GateAgent> agents = new ArrayList<>();
            try {
                for (LaneConfig lane : agentSite.lanes()) {
                    GateAgent agent = GateAgent.start(agentSite, lane, sim.clock(), new GateAgent.Options(
                            dir.resolve("agents").resolve(lane.id()), null, DeviceMetrics.NOOP, LaneListener.NONE));
                    agent.loadRegistry(pop.registry());
                    agents.add(agent);
                }
                SimFixture.await("agents connected", 10_000, () -> sim.lanes().stream()
                        .allMatch(h -> h.links().values().stream().allMatch(l -> l.connected())));
                SimulatedVehicle car = new SimulatedVehicle("resident", resident.vehicle().plate(),
                        resident.vehicle().colour(), resident.card().number(), Behaviour.NORMAL, PATIENCE);
                Duration within = Duration.ofSeconds(20);
                Scenario scenario = new Scenario("agents", null, List.of(
                        step(Duration.ZERO, "north-in", car, Expectation.Outcome.OPENS, within),
                        step(Duration.ofMinutes(2), "north-in", new SimulatedVehicle("bl", blacklisted,
                                PlateColour.BLUE, null, Behaviour.NORMAL, Duration.ofSeconds(40)),
                                Expectation.Outcome.HELD, within),
                        step(Duration.ofMinutes(4), "north-in", new SimulatedVehicle("ram", rammer,
                                PlateColour.BLUE, null, Behaviour.FORCE, PATIENCE), null, null),
                        // without central the exit agent has no entry record: what it does is the agent's rule,
                        // so no expectation here, only safety
                        step(Duration.ofHours(3), "north-out", new SimulatedVehicle("resident-out",
                                car.plate(), car.colour(), car.card(), Behaviour.NORMAL, Duration.ofSeconds(40)),
                                null, null)));
                sim.startClock();
                ScenarioRunner run = ScenarioRunner.schedule(sim, scenario);
                assertTrue(run.awaitFinished(90, TimeUnit.SECONDS), "scenario finished\n" + sim.report().toText());
            } finally {
                agents.forEach(GateAgent::close);
            }
            SimulationReport report = sim.report();
            String text = report.toText();
            assertEquals(List.of(), report.failedExpectations(), text);
            LaneSummary in = report.lanes().get(0);
            assertEquals(1, in.count(Passage.Outcome.FORCED), text);
            assertTrue(report.violations().stream().anyMatch(v -> v.kind() == SafetyViolation.Kind.FORCED_PASSAGE),
                    text);
            assertTrue(report.violations().stream().noneMatch(v -> v.kind() == SafetyViolation.Kind.CLOSE_WHILE_OCCUPIED
                    || v.kind() == SafetyViolation.Kind.ARM_ON_VEHICLE), text);
            assertTrue(in.commands(JournalEntry.Command.CLOSE) >= 1, "the agent closed after the resident\n" + text);
            assertEquals(1, in.count(Passage.Outcome.PASSED), text);
            assertEquals(1, report.lanes().get(1).passages().size(), text);
            assertTrue(sim.clock().instant().isAfter(START.plus(Duration.ofHours(3))), "idle hours skipped");
        }
    }

    /**
     * Verifies that a vehicle arriving after a held one gave up and reversed away is decided on its own: the
     * lane sees the empty loop in between even when the simulator skips the idle time between the two.
     */
    @Test
    void aVehicleAfterAHeldOneThatGaveUpIsDecided() throws Exception {
        Population pop = Population.generate(3, new PopulationSize(40, 3, 2, 1, 2), START);
        List<Resident> residents = pop.residents().stream()
                .filter(r -> r.passStatus() == Resident.PassStatus.VALID).limit(3).toList();
        List<ScenarioStep> steps = new ArrayList<>();
        for (int i = 0; i < residents.size(); i++) {
            Duration at = Duration.ofMinutes(3L * i);
            // held (blacklisted), gives up after 20 s and backs off; the lane then stands empty for 40 s
            steps.add(step(at, "north-in", new SimulatedVehicle("bl" + i, pop.registry().blacklist().get(
                    i % pop.registry().blacklist().size()).plate(),
                    PlateColour.BLUE, null, Behaviour.NORMAL, Duration.ofSeconds(20)), Expectation.Outcome.HELD,
                    Duration.ofSeconds(10)));
            Resident r = residents.get(i);
            steps.add(step(at.plusMinutes(1), "north-in", new SimulatedVehicle("resident" + i, r.vehicle().plate(),
                    r.vehicle().colour(), null, Behaviour.NO_CARD, PATIENCE), Expectation.Outcome.OPENS,
                    Duration.ofSeconds(10)));
        }
        try (Simulator sim = Simulator.create(Sites.northGate(), SimulatorOptions.forTests(START, 5, dir))) {
            SiteConfig agentSite = sim.agentSiteConfig();
            LaneConfig north = agentSite.lanes().get(0);
            try (GateAgent agent = GateAgent.start(agentSite, north, sim.clock(), new GateAgent.Options(
                    dir.resolve("agents").resolve(north.id()), null, DeviceMetrics.NOOP, LaneListener.NONE))) {
                agent.loadRegistry(pop.registry());
                SimFixture.await("agent connected", 10_000, () -> sim.lanes().get(0).links().values().stream()
                        .allMatch(l -> l.connected()));
                sim.startClock();
                ScenarioRunner run = ScenarioRunner.schedule(sim, new Scenario("gave up", null, steps));
                assertTrue(run.awaitFinished(120, TimeUnit.SECONDS), "scenario finished\n" + sim.report().toText());
            }
            SimulationReport report = sim.report();
            assertEquals(List.of(), report.failedExpectations(), report.toText());
            assertEquals(residents.size(), report.lanes().get(0).count(Passage.Outcome.PASSED), report.toText());
        }
    }

    private static ScenarioStep step(Duration at, String lane, SimulatedVehicle v, Expectation.Outcome o,
                                     Duration within) {
        return new ScenarioStep(at, lane, v, o == null ? null : new Expectation(o, within), null, null, "test");
    }
}
