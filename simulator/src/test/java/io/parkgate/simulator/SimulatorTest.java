package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.port.LaneDevice;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.TransportUri;
import io.parkgate.protocol.modbus.ModbusRtu;
import io.parkgate.simulator.device.SafetyViolation;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.scenario.Scenario;
import io.parkgate.simulator.scenario.ScenarioParser;
import io.parkgate.simulator.testutil.RtuMaster;
import io.parkgate.simulator.testutil.Sites;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole site's simulated hardware, with nobody (no agent) driving the barriers. */
class SimulatorTest {

    private static final Instant START = Instant.parse("2026-11-23T06:00:00Z");

    @TempDir
    Path dir;

    /** Verifies that every device is served on a free port and the agents' config is rewritten to reach it. */
    @Test
    void servesDevicesAndRewritesTheAgentsConfig() throws Exception {
        try (Simulator sim = Simulator.create(Sites.northGate(), SimulatorOptions.forTests(START, 1, dir))) {
            SiteConfig agents = sim.agentSiteConfig();
            TransportUri io = agents.lane("north-in").orElseThrow().devices().io().transport();
            assertEquals(TransportUri.Kind.TCP, io.kind());
            assertNotEquals(47101, io.port());
            assertEquals(sim.lane("north-in").agentTransport(LaneDevice.IO_CONTROLLER).orElseThrow(), io);
            assertEquals(3, sim.lane("north-out").links().size());
            try (RtuMaster master = new RtuMaster(io.port())) {
                byte[] in = master.transact(ModbusRtu.readDiscreteInputs(1, 0, 4));
                assertTrue(ModbusRtu.bit(in, 3), "arm down");
            }
            NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> sim.lane("south-in"));
            assertTrue(e.getMessage().contains("[north-in, north-out]"), e.getMessage());
        }
    }

    /** Verifies the exceptions scenario with no agent: nothing opens, the rammer is flagged, and the report says so. */
    @Test
    void exceptionsScenarioWithoutAgent() throws Exception {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/scenarios/exceptions.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Simulator sim = Simulator.create(Sites.northGate(), SimulatorOptions.forTests(START, 7, dir))) {
            Scenario scenario = ScenarioParser.parse(yaml, "exceptions.yaml", Set.of("north-in", "north-out"));
            ScenarioRunner run = ScenarioRunner.schedule(sim, scenario);
            assertEquals(scenario.start(), sim.clock().instant(), "skipped to the scenario's start");
            sim.scheduler().advanceBy(Duration.ofMinutes(30)); // held vehicles wait out their patience (3 min)
            assertTrue(run.finished());
            SimulationReport report = sim.report();
            LaneSummary in = report.lanes().get(0);
            assertEquals("north-in", in.lane());
            assertEquals(1, in.count(Passage.Outcome.FORCED));
            assertEquals(1, report.violations().stream()
                    .filter(v -> v.kind() == SafetyViolation.Kind.FORCED_PASSAGE).count());
            assertEquals(0, in.commands(io.parkgate.simulator.device.JournalEntry.Command.OPEN));
            // held as expected: unknown, plateless, rammer; not opened: resident, misread, faulty card
            assertEquals(3, report.lanes().stream().mapToInt(LaneSummary::expectationsMet).sum());
            assertEquals(3, report.failedExpectations().size());
            assertTrue(sim.events().ofType(SimEvent.Type.CARD_SENT).stream()
                    .anyMatch(e -> e.detail().startsWith("BAD_CHECKSUM")));
            String text = report.toText();
            assertTrue(text.contains("Lane north-in (IN)"), text);
            assertTrue(text.contains("FORCED_PASSAGE"), text);
            assertTrue(text.contains("豫C66L21"), text);
        }
    }

    /** Verifies that a speed the agents' real-time polling cannot follow is refused, not run and misjudged. */
    @Test
    void refusesASpeedItCannotJudge() {
        double limit = Simulator.maxSpeed(Sites.northGate());
        SimulatorOptions tooFast = new SimulatorOptions(START, limit * 2, 1, true, dir, Duration.ofSeconds(2),
                "127.0.0.1");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Simulator.create(Sites.northGate(), tooFast));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("too fast"), e.getMessage());
    }
}
