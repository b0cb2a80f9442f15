package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.PushOutcome;
import io.parkgate.agent.device.camera.imaging.FrameServer;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.vendor.PushProblem;
import io.parkgate.simulator.device.DisplayModuleSim;
import io.parkgate.simulator.lane.Behaviour;
import io.parkgate.simulator.lane.Expectation;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.lane.SimulatedVehicle;
import io.parkgate.simulator.scenario.Scenario;
import io.parkgate.simulator.scenario.ScenarioStep;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.traffic.Population;
import io.parkgate.simulator.traffic.PopulationSize;
import io.parkgate.simulator.traffic.Resident;
import io.parkgate.testing.FreePorts;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vendor cameras end to end: the simulator's Zhenshi, Hikvision and Dahua cameras push to the real
 * agents' frame server as their vendors do (with the Zhenshi camera's stored records re-pushed twice and
 * heartbeats), the barriers open for residents, and the display modules record what the drivers saw and
 * heard, on the Zhenshi camera's serial channel and on a display's own serial server. At west-in the arm hangs
 * on the Zhenshi camera's relay: the agent's {@code info:"ok"} opens it.
 */
class VendorCamerasWithAgentIT {

    private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");

    @TempDir
    Path dir;

    /** Verifies that residents pass at all three camera kinds and the displays show and say the decision. */
    @Test
    @SuppressWarnings("try") // closeAgents is there to close the agents before the simulator
    void residentsPassAndTheDisplaysTellThem() throws Exception {
        Population pop = Population.generate(7, new PopulationSize(40, 3, 2, 1, 2), START);
        List<Resident> residents = pop.residents().stream()
                .filter(r -> r.passStatus() == Resident.PassStatus.VALID).limit(3).toList();
        int framePort = FreePorts.take();
        SiteConfig site = SiteConfigLoader.parse("""
                site: { id: lakeside, name: 湖畔花园停车场, timeZone: Asia/Shanghai }
                agents: { dataDir: var/agents, framePort: %d }
                tariff:
                  small:
                    laterPeriods: { length: 1h, price: 300 }
                lanes:
                  - id: north-in
                    name: 北门入口
                    direction: IN
                    post: north
                    devices:
                      io: { transport: "tcp://127.0.0.1:47301" }
                      camera: { kind: ZHENSHI, frameSenders: [127.0.0.1] }
                      display: { kind: CAMERA_SERIAL, spaces: 300 }
                  - id: north-out
                    name: 北门出口
                    direction: OUT
                    post: north
                    devices:
                      io: { transport: "tcp://127.0.0.1:47311" }
                      camera: { kind: HIKVISION, frameSenders: [127.0.0.1] }
                      display: { kind: SERIAL, transport: "tcp://127.0.0.1:47314" }
                  - id: east-in
                    name: 东门入口
                    direction: IN
                    post: east
                    devices:
                      io: { transport: "tcp://127.0.0.1:47321" }
                      camera: { kind: DAHUA, frameSenders: [127.0.0.1], username: itc, password: secret }
                  - id: west-in
                    name: 西门入口
                    direction: IN
                    post: west
                    devices:
                      io: { transport: "tcp://127.0.0.1:47331" }
                      camera: { kind: ZHENSHI, frameSenders: [127.0.0.1], barrier: CAMERA_RELAY }
                """.formatted(framePort), Path.of("vendor-cameras.yaml"));
        Vertx vertx = Vertx.vertx();
        List<GateAgent> agents = new ArrayList<>();
        try (Simulator sim = Simulator.create(site, SimulatorOptions.forTests(START, 11, dir));
             FrameServer frames = FrameServer.start(vertx, "127.0.0.1", framePort, "127.0.0.1", java.util.Map.of(),
                     java.time.Clock.systemUTC());
             AutoCloseable closeAgents = () -> closeAll(agents)) {
            SiteConfig agentSite = sim.agentSiteConfig();
            for (LaneConfig lane : agentSite.lanes()) {
                GateAgent agent = GateAgent.start(agentSite, lane, sim.clock(), new GateAgent.Options(
                        dir.resolve("agents").resolve(lane.id()), null, DeviceMetrics.NOOP, LaneListener.NONE, frames));
                agent.loadRegistry(pop.registry());
                agents.add(agent);
            }
            sim.startCameras();
            SimFixture.await("agents connected", 20_000, () -> sim.lanes().stream()
                    .allMatch(h -> h.links().values().stream().allMatch(l -> l.connected())));
            GateAgent northIn = agents.get(0);
            SimFixture.await("stored records re-pushed", 20_000, () -> northIn.pushedCamera().counters()
                    .outcomes(PushOutcome.LATE) == 2 && northIn.pushedCamera().counters()
                    .problems(PushProblem.DUPLICATE) == 2);

            SimulatedVehicle a = vehicle(residents.get(0));
            SimulatedVehicle b = vehicle(residents.get(1));
            SimulatedVehicle c = vehicle(residents.get(2));
            Expectation opens = new Expectation(Expectation.Outcome.OPENS, Duration.ofSeconds(15));
            Scenario scenario = new Scenario("vendor cameras", null, List.of(
                    new ScenarioStep(Duration.ZERO, "north-in", a, opens, null, null, "a in"),
                    new ScenarioStep(Duration.ofSeconds(5), "east-in", b, opens, null, null, "b in"),
                    new ScenarioStep(Duration.ofSeconds(10), "west-in", c, opens, null, null,
                            "c in, the arm on the camera's relay"),
                    new ScenarioStep(Duration.ofMinutes(30), "north-out", a, opens, null, null, "a out")), List.of());
            sim.startClock();
            ScenarioRunner run = ScenarioRunner.schedule(sim, scenario);
            assertTrue(run.awaitFinished(120, TimeUnit.SECONDS), "scenario finished\n" + sim.report().toText());
            SimulationReport report = sim.report();
            String text = report.toText();
            assertEquals(List.of(), report.failedExpectations(), text);
            for (io.parkgate.simulator.LaneSummary lane : report.lanes()) {
                assertEquals(1, lane.count(Passage.Outcome.PASSED), text);
            }
            assertEquals(List.of(), report.violations(), text);
            // west-in's arm rose on the camera's relay (the agent's info ok), never on the I/O controller's coil
            assertTrue(sim.lane("west-in").io().journal().stream().anyMatch(j -> j.command()
                    == io.parkgate.simulator.device.JournalEntry.Command.OPEN
                    && j.detail().contains("camera's relay")), text);
            assertTrue(sim.lane("west-in").io().journal().stream().noneMatch(j -> j.command()
                    == io.parkgate.simulator.device.JournalEntry.Command.OPEN && j.detail().startsWith("pulse")),
                    text);

            String plate = a.visiblePlate();
            DisplayModuleSim entry = sim.lane("north-in").display();
            SimFixture.await("entry display told", 10_000, () -> entry.shown().stream()
                    .anyMatch(s -> s.lines().get(0).equals(plate)));
            DisplayModuleSim.Shown welcome = entry.shown().stream().filter(s -> s.lines().get(0).equals(plate))
                    .findFirst().orElseThrow();
            assertEquals(List.of(plate, "月租车", "欢迎光临"), welcome.lines().subList(0, 3), entry.shown().toString());
            assertTrue(welcome.voice().startsWith(plate + " 月租车 欢迎光临 剩余"), welcome.voice());
            SimFixture.await("free spaces shown", 10_000, () -> entry.shown().stream()
                    .anyMatch(s -> s.lines().get(1).startsWith("余位 ")));
            DisplayModuleSim exit = sim.lane("north-out").display();
            SimFixture.await("exit display told", 10_000, () -> exit.shown().stream()
                    .anyMatch(s -> plate.equals(s.lines().get(0)) && (plate + " 一路顺风").equals(s.voice())));
            assertEquals(0, entry.rejected() + exit.rejected(), "every display frame read");

            List<String> late = Files.readAllLines(dir.resolve("agents/north-in/late-plates.jsonl"));
            assertEquals(2, late.size(), late.toString());
            assertTrue(late.get(0).contains("\"粤B0D731\""), late.get(0));
            Map<String, Long> delivered = Map.of(
                    "north-in", northIn.pushedCamera().counters().outcomes(PushOutcome.DELIVERED),
                    "east-in", agents.get(2).pushedCamera().counters().outcomes(PushOutcome.DELIVERED));
            assertEquals(Map.of("north-in", 1L, "east-in", 1L), delivered);
            assertEquals(0, agents.get(2).pushedCamera().counters().problems(PushProblem.UNAUTHENTICATED));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void closeAll(List<GateAgent> agents) {
        agents.forEach(GateAgent::close);
        agents.clear();
    }

    private static SimulatedVehicle vehicle(Resident r) {
        return new SimulatedVehicle("resident", r.vehicle().plate(), r.vehicle().colour() == null ? PlateColour.BLUE
                : r.vehicle().colour(), null, Behaviour.NORMAL, Duration.ofSeconds(60));
    }

}
