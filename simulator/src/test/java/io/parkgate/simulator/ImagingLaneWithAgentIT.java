package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.imaging.FrameServer;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.lpr.PlateReading;
import io.parkgate.lpr.PlateRecognizer;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.plate.PlateColour;
import io.parkgate.simulator.device.ImagingCameraSim;
import io.parkgate.simulator.lane.Behaviour;
import io.parkgate.simulator.lane.Expectation;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.lane.SimulatedVehicle;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.scenario.Scenario;
import io.parkgate.simulator.scenario.ScenarioStep;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.traffic.Population;
import io.parkgate.simulator.traffic.PopulationSize;
import io.parkgate.simulator.traffic.Resident;
import io.parkgate.testing.FreePorts;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An imaging entry lane end to end: the simulator renders a resident's plate as a 1280×720 frame when the
 * vehicle stops on the arming loop and POSTs it to the agent's frame port; the real agent recognises it,
 * the simulated barrier opens, and the frame is kept as the passage's snapshot and served over HTTP.
 */
class ImagingLaneWithAgentIT {

    /** The lane's command secret, as central would sign the console's snapshot links with it. */
    private static final String SNAPSHOT_SECRET = "east-in-command-secret";

    private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");

    @TempDir
    Path dir;

    /** Verifies that a resident whose plate arrives only as an image POSTed to the agent is let in, with the frame kept
     * as evidence. */
    @Test
    void residentsRenderedPlateOpensTheBarrier() throws Exception {
        String sent = run("http");
        assertTrue(sent.contains("HTTP 202"), sent);
    }

    /** Verifies the same through an upload directory: the camera renames the frame in, the agent reads it once and
     * files it. */
    @Test
    void uploadedFrameOpensTheBarrier() throws Exception {
        Path uploads = dir.resolve("uploads");
        String sent = run("\"dir:" + uploads + "\"");
        assertTrue(sent.contains("file east-in-"), sent);
        String name = sent.substring(sent.indexOf("file ") + 5);
        SimFixture.await("frame filed", 5_000, () -> Files.exists(uploads.resolve("processed").resolve(name)));
        assertFalse(Files.exists(uploads.resolve(name)), "read once, moved away");
    }

    /** Runs one resident through an imaging entry lane fed as {@code source} says; returns what the camera logged. */
    private String run(String source) throws Exception {
        Population pop = Population.generate(7, new PopulationSize(40, 3, 2, 1, 2), START);
        Resident resident = readableResident(pop);
        int framePort = FreePorts.take();
        SiteConfig site = SiteConfigLoader.parse("""
                site: { id: lakeside, name: 湖畔花园停车场 }
                agents: { dataDir: var/agents, framePort: %d }
                tariff:
                  small:
                    laterPeriods: { length: 1h, price: 300 }
                lanes:
                  - id: east-in
                    name: 东门入口
                    direction: IN
                    post: east
                    devices:
                      io: { transport: "tcp://127.0.0.1:47301" }
                      camera: { kind: IMAGING, imagingSource: %s }
                    rules:
                      # at ×10 the simulator's own rendering (~0.2 s real) costs 2 s of simulated time
                      identificationWindow: 8s
                """.formatted(framePort, source.equals("http") ? "http, frameSenders: [127.0.0.1]" : source),
                Path.of("imaging-lane.yaml"));
        List<LaneAction.CommitPassage> passages = new CopyOnWriteArrayList<>();
        LaneListener listener = new LaneListener() {
            @Override
            public void actions(LaneSnapshot snapshot, List<LaneAction> actions) {
                actions.stream().filter(a -> a instanceof LaneAction.CommitPassage)
                        .forEach(a -> passages.add((LaneAction.CommitPassage) a));
            }
        };
        Vertx vertx = Vertx.vertx();
        Path laneData = dir.resolve("agents").resolve("east-in");
        try (Simulator sim = Simulator.create(site, SimulatorOptions.forTests(START, 11, dir));
             FrameServer frames = FrameServer.start(vertx, "127.0.0.1", framePort, "127.0.0.1",
                     java.util.Map.of("east-in", SNAPSHOT_SECRET), java.time.Clock.systemUTC())) {
            SiteConfig agentSite = sim.agentSiteConfig();
            GateAgent agent = GateAgent.start(agentSite, agentSite.lanes().get(0), sim.clock(),
                    new GateAgent.Options(laneData, null, DeviceMetrics.NOOP, listener, frames));
            try {
                agent.loadRegistry(pop.registry());
                SimFixture.await("agent connected, camera warmed up", 20_000, () -> sim.lanes().stream()
                        .allMatch(h -> h.links().values().stream().allMatch(l -> l.connected())
                                && h.imaging().warmedUp()));
                // no card: the plate in the picture is all the lane has to go on
                SimulatedVehicle car = new SimulatedVehicle("resident", resident.vehicle().plate(),
                        resident.vehicle().colour(), null, Behaviour.NORMAL, Duration.ofSeconds(60));
                Scenario scenario = new Scenario("imaging", null, List.of(new ScenarioStep(Duration.ZERO, "east-in",
                        car, new Expectation(Expectation.Outcome.OPENS, Duration.ofSeconds(20)), null, null, "test")));
                sim.startClock();
                ScenarioRunner run = ScenarioRunner.schedule(sim, scenario);
                assertTrue(run.awaitFinished(90, TimeUnit.SECONDS), "scenario finished\n" + sim.report().toText());
                SimulationReport report = sim.report();
                String text = report.toText();
                assertEquals(List.of(), report.failedExpectations(), text);
                assertEquals(1, report.lanes().get(0).count(Passage.Outcome.PASSED), text);
                List<SimEvent> sent = sim.events().ofType(SimEvent.Type.PLATE_SENT);
                assertEquals(1, sent.size(), text);

                assertEquals(1, passages.size(), passages.toString());
                assertEquals(resident.vehicle().plate(), passages.get(0).visit().plateText());
                String ref = passages.get(0).visit().plate().snapshotRef();
                assertNotNull(ref, "the passage carries the frame as its snapshot");
                String prefix = "http://127.0.0.1:" + framePort + "/lanes/east-in/snapshots/";
                assertTrue(ref.startsWith(prefix), ref);
                Path kept = laneData.resolve("snapshots").resolve(ref.substring(prefix.length()));
                assertTrue(Files.isRegularFile(kept), kept + " exists");
                HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        new io.parkgate.wire.SnapshotLink(SNAPSHOT_SECRET).sign(ref, Instant.now())))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, served.statusCode());
                assertEquals("image/jpeg", served.headers().firstValue("Content-Type").orElse(null));
                assertArrayEquals(Files.readAllBytes(kept), served.body());
                return sent.get(0).detail();
            } finally {
                agent.close();
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A resident with a valid pass whose plate today's recogniser reads exactly in every one of several
     * frames rendered the simulator's way: the test is about the lane, not about the recogniser's
     * accuracy (measured in docs/benchmarks.md), so it must not hang on the recogniser changing.
     */
    private static Resident readableResident(Population pop) {
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(3);
        PlateRecognizer recognizer = PlateRecognizer.load();
        Random placements = new Random(3);
        List<String> tried = new ArrayList<>();
        for (Resident r : pop.residents()) {
            if (r.passStatus() != Resident.PassStatus.VALID || r.vehicle().colour() != PlateColour.BLUE) {
                continue;
            }
            boolean everyTime = true;
            for (int i = 0; i < 4 && everyTime; i++) {
                byte[] jpeg = renderer.renderFrame(r.vehicle().plate(), r.vehicle().colour(),
                        ImagingCameraSim.placement(placements, false, false)).jpeg();
                List<PlateReading> read = recognizer.recognise(jpeg);
                everyTime = !read.isEmpty() && read.get(0).text().equals(r.vehicle().plate())
                        && read.get(0).confidence() >= 0.8;
            }
            if (everyTime) {
                return r;
            }
            tried.add(r.vehicle().plate());
            if (tried.size() == 12) {
                break;
            }
        }
        throw new AssertionError("the recogniser did not read any of these residents' plates reliably: " + tried);
    }

}
