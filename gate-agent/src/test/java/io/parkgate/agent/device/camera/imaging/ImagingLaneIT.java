package io.parkgate.agent.device.camera.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.FrameCheck;
import io.parkgate.agent.it.DeviceEndpoint;
import io.parkgate.agent.it.LaneRig;
import io.parkgate.agent.it.RecordingIoController;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.agent.lane.LaneStateMachine;
import io.parkgate.agent.store.PassageRecord;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.lpr.LaneRegion;
import io.parkgate.lpr.PlateReading;
import io.parkgate.lpr.PlateRecognizer;
import io.parkgate.lpr.synth.Placement;
import io.parkgate.lpr.synth.SyntheticFrame;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import io.parkgate.lpr.synth.TwoVehicles;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.testing.Await;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Rect;

/**
 * The real gate agent of an imaging lane: its I/O controller over TCP, its camera's frames POSTed to the
 * real frame server and read by the real recogniser. Bad frames are refused and move nothing; a
 * resident's rendered plate opens the barrier and its frame is kept and served as the passage's evidence.
 */
class ImagingLaneIT {

    /** The lane's command secret, as central would sign the console's snapshot links with it. */
    private static final String SNAPSHOT_SECRET = "lane-1-command-secret";

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<LaneAction.CommitPassage> passages = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private FrameServer frames;
    private GateAgent agent;
    private final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    private RecordingIoController io;
    private DeviceEndpoint ioEnd;

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (io != null) {
            io.close();
        }
        if (ioEnd != null) {
            ioEnd.close();
        }
        if (frames != null) {
            frames.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    /** Verifies that bad frames get a clear 4xx and touch neither lane nor barrier, and that a resident's frame opens
     * it. */
    @Test
    void badFramesMoveNothingAndAResidentsFrameOpens() throws Exception {
        Resident resident = readableResident();
        startLane();
        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(post("lane-1", "text/plain", resident.jpeg));
        refused.add(post("lane-1", "image/jpeg", new byte[0]));
        refused.add(post("lane-1", "image/png", resident.jpeg));
        refused.add(post("lane-1", "image/jpeg", "<html>not a frame</html>".getBytes(StandardCharsets.UTF_8)));
        refused.add(post("lane-2", "image/jpeg", resident.jpeg));
        byte[] huge = Arrays.copyOf(resident.jpeg, FrameCheck.MAX_FRAME_BYTES + 1024);
        refused.add(post("lane-1", "image/jpeg", huge));
        List<Integer> statuses = refused.stream().map(HttpResponse::statusCode).toList();
        assertEquals(List.of(400, 400, 400, 400, 400, 413), statuses, refused.stream().map(HttpResponse::body)
                .toList().toString());
        assertTrue(refused.get(3).body().contains("not a JPEG"), refused.get(3).body());
        assertTrue(refused.get(4).body().contains("unknown lane 'lane-2'"), refused.get(4).body());
        // looks like a JPEG at the door, but is not one: queued, found unusable by the recogniser
        byte[] truncated = Arrays.copyOf(resident.jpeg, 300);
        assertEquals(202, post("lane-1", "image/jpeg", truncated).statusCode());
        Await.until(PATIENCE, "unusable frame examined", () -> agent.imagingCamera().driver().examinedFrames() == 1);
        assertEquals(1, lpr("UNUSABLE"), "recognition time counted by result");

        LaneSnapshot idle = snapshot();
        assertEquals(LaneStateMachine.Phase.IDLE, idle.phase());
        assertNull(idle.visit(), "no vehicle made up from bad frames");
        assertEquals(0, agent.imagingCamera().driver().deliveredReads());
        assertTrue(opens().isEmpty(), "no OPEN for bad frames");

        inputs(true, false, false, true);
        HttpResponse<String> ok = post("lane-1", "image/jpeg", resident.jpeg);
        assertEquals(202, ok.statusCode(), ok.body());
        Await.until(PATIENCE, "OPEN written", () -> !opens().isEmpty());
        assertEquals(1, opens().size());
        assertTrue(lpr("READ") >= 1, "the resident's frame was read");
        Await.until(PATIENCE, "OPEN latency recorded", () -> meters.find("parking.lane.open.latency").timer() != null
                && meters.find("parking.lane.open.latency").timer().count() == 1);
        List<PassageRecord> register = LaneRig.register(agent.store(), 1, PATIENCE);
        assertEquals(List.of(resident.plate), register.stream().map(PassageRecord::plate).toList());

        Await.until(PATIENCE, "passage observed", () -> passages.size() == 1);
        String ref = passages.get(0).visit().plate().snapshotRef();
        assertNotNull(ref, "the passage carries its snapshot");
        assertTrue(ref.startsWith("http://127.0.0.1:" + frames.port() + "/lanes/lane-1/snapshots/"), ref);
        assertEquals(ref, register.get(0).snapshotRef(), "the lane's own register keeps the evidence too");
        String name = ref.substring(ref.indexOf("/snapshots/") + "/snapshots/".length());
        Path kept = dir.resolve("agents/lane-1/snapshots").resolve(name);
        assertTrue(Files.isRegularFile(kept), kept.toString());
        HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(URI.create(
                new io.parkgate.wire.SnapshotLink(SNAPSHOT_SECRET).sign(ref, Instant.now()))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, served.statusCode());
        assertTrue(Arrays.equals(resident.jpeg, served.body()), "the very frame is served back");
    }

    /** Verifies that an armed-police car's white WJ plate, read from its frame, is let in free by policy without being
     * registered. */
    @Test
    void armedPoliceFrameIsLetInByPolicy() throws Exception {
        List<String> plates = List.of("WJ粤12345", "WJ京0416X", "WJ12345", "WJ川35021", "WJ苏20718");
        Resident armedPolice = readable(plates, PlateColour.WHITE);
        startLane();
        inputs(true, false, false, true);
        HttpResponse<String> ok = post("lane-1", "image/jpeg", armedPolice.jpeg);
        assertEquals(202, ok.statusCode(), ok.body());
        Await.until(PATIENCE, "OPEN written", () -> !opens().isEmpty());
        List<PassageRecord> register = LaneRig.register(agent.store(), 1, PATIENCE);
        assertEquals(1, register.size());
        PassageRecord row = register.get(0);
        assertEquals(armedPolice.plate, row.plate());
        assertEquals(DecisionCode.POLICY_EXEMPT, row.code());
        assertEquals(PayerCategory.EXEMPT, row.payer());
        assertTrue(row.reason().contains("武警"), row.reason());
        assertNotNull(row.snapshotRef(), "the frame is kept as the passage's evidence");
    }

    /**
     * Verifies that an imaging lane with a configured region decides on the car standing in it: in a picture of a
     * resident's car up left (the lane's region) and a stranger's larger, nearer plate in the middle (which the
     * recogniser ranks first for the whole frame), the lane opens for the resident and records his plate.
     */
    @Test
    void theLaneRegionPicksTheCarOnTheLoop() throws Exception {
        String region = "0,0,0.4,0.5";
        TwoCars picture = residentInRegionStrangerNearer(LaneRegion.parse(region));
        startLane(region);
        inputs(true, false, false, true);
        HttpResponse<String> ok = post("lane-1", "image/jpeg", picture.jpeg);
        assertEquals(202, ok.statusCode(), ok.body());
        Await.until(PATIENCE, "OPEN written", () -> !opens().isEmpty());
        Await.until(PATIENCE, "passage recorded", () -> !agent.store().passagesBetween(Instant.EPOCH,
                Instant.now().plusSeconds(60)).isEmpty());
        List<PassageRecord> register = agent.store().passagesBetween(Instant.EPOCH, Instant.now().plusSeconds(60));
        assertEquals(List.of(picture.resident), register.stream().map(PassageRecord::plate).toList(),
                "the stranger " + picture.stranger + " was nearer, the resident stood in the lane's region");
        assertEquals(DecisionCode.RESIDENT_PASS, register.get(0).code());
    }

    /** A picture of two cars: the resident's plate and the stranger's, nearer and larger. */
    private record TwoCars(String resident, String stranger, byte[] jpeg) {
    }

    /**
     * A registry plate drawn small up left and a stranger's drawn large in the middle, such that the recogniser
     * reads the stranger first on the whole frame and the resident first in {@code region} (the lane test is about
     * the lane using its region, not about the recogniser's accuracy: the first of 21 plates it reads so).
     */
    private static TwoCars residentInRegionStrangerNearer(LaneRegion region) {
        String stranger = "皖B26817";
        PlateRecognizer recognizer = PlateRecognizer.load();
        List<String> plates = new ArrayList<>(List.of(LaneRig.RESIDENT_PLATE));
        for (int i = 1; i <= 20; i++) {
            plates.add(LaneRig.plate(i));
        }
        List<String> tried = new ArrayList<>();
        for (String resident : plates) {
            SyntheticFrame near = new SyntheticPlateRenderer(21).renderFrame(stranger, PlateColour.BLUE,
                    new Placement(660, 560, 200, 2, 0, false, 0, 0.5, 2));
            SyntheticFrame far = new SyntheticPlateRenderer(22).renderFrame(resident, PlateColour.BLUE,
                    new Placement(260, 180, 130, -2, 0, false, 0, 0.5, 2));
            byte[] jpeg = TwoVehicles.picture(near, far, new Rect(120, 100, 280, 160), 95);
            List<PlateReading> whole = recognizer.examine(jpeg).readings();
            List<PlateReading> lane = recognizer.examine(jpeg, region).readings();
            if (!whole.isEmpty() && whole.get(0).text().equals(stranger) && !lane.isEmpty()
                    && lane.get(0).text().equals(resident) && lane.get(0).confidence() >= 0.8) {
                return new TwoCars(resident, stranger, jpeg);
            }
            tried.add(resident + "→" + (whole.isEmpty() ? "nothing" : whole.get(0).text()) + "/"
                    + (lane.isEmpty() ? "nothing" : lane.get(0).text()));
        }
        throw new AssertionError("no two-car picture read as wanted: " + tried);
    }

    /** A plate whose rendered frame today's recogniser reads exactly, and that frame. */
    private record Resident(String plate, byte[] jpeg) {
    }

    /**
     * The lane test is about the plumbing, not the recogniser's accuracy (measured elsewhere): take the first
     * registry plate whose clean rendered frame it reads exactly. Fails only if it reads none of 21.
     */
    private static Resident readableResident() {
        List<String> plates = new ArrayList<>(List.of(LaneRig.RESIDENT_PLATE));
        for (int i = 1; i <= 20; i++) {
            plates.add(LaneRig.plate(i));
        }
        return readable(plates, PlateColour.BLUE);
    }

    /** The first of the plates whose clean rendered frame of that colour the recogniser reads exactly and confidently.
     * */
    private static Resident readable(List<String> plates, PlateColour colour) {
        SyntheticPlateRenderer renderer = new SyntheticPlateRenderer(5);
        PlateRecognizer recognizer = PlateRecognizer.load();
        List<String> tried = new ArrayList<>();
        for (String plate : plates) {
            SyntheticFrame frame = renderer.renderFrame(plate, colour,
                    new Placement(640, 560, 220, 2, 0.03, false, 0, 0.4, 2));
            List<PlateReading> read = recognizer.recognise(frame.jpeg());
            if (!read.isEmpty() && read.get(0).text().equals(plate) && read.get(0).confidence() >= 0.8) {
                return new Resident(plate, frame.jpeg());
            }
            tried.add(plate + "→" + (read.isEmpty() ? "nothing" : read.get(0).text()));
        }
        throw new AssertionError("the recogniser read none of the rendered plates: " + tried);
    }

    private void startLane() throws Exception {
        startLane(null);
    }

    /** @param region the camera's lane region, or null for the whole frame */
    private void startLane(String region) throws Exception {
        ioEnd = DeviceEndpoint.tcp();
        Path site = LaneRig.writeOneLaneSite(dir, ", framePort: 65001", "identificationWindow: 3s", """
                      io: { transport: "%s", poll: 20ms }
                      camera: { kind: IMAGING, imagingSource: http, minConfidence: 80, frameSenders: [127.0.0.1]%s }
                """.formatted(ioEnd.transportUri(), region == null ? "" : ", region: \"" + region + "\""));
        SiteConfig config = SiteConfigLoader.load(site);
        LaneRig.seed(config, "lane-1", LaneRig.registry(20), clock);
        vertx = Vertx.vertx();
        // the port in the file only satisfies the loader; the test's server takes a free one
        frames = FrameServer.start(vertx, "127.0.0.1", 0, "127.0.0.1", Map.of("lane-1", SNAPSHOT_SECRET),
                java.time.Clock.systemUTC());
        LaneListener listener = new LaneListener() {
            @Override
            public void actions(LaneSnapshot snapshot, List<LaneAction> actions) {
                actions.stream().filter(a -> a instanceof LaneAction.CommitPassage)
                        .forEach(a -> passages.add((LaneAction.CommitPassage) a));
            }
        };
        agent = GateAgent.start(config, config.lane("lane-1").orElseThrow(), clock, new GateAgent.Options(
                config.agents().dataDir("lane-1"), null, DeviceMetrics.NOOP, listener, frames, meters));
        io = new RecordingIoController(1, ioEnd.in(), ioEnd.out());
        inputs(false, false, false, true);
    }

    /** How many frames the agent's recognition examined with {@code result}. */
    private long lpr(String result) {
        return meters.get("parking.lpr.duration").tags("lane", "lane-1", "result", result).timer().count();
    }

    private HttpResponse<String> post(String lane, String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frames.port() + "/lanes/" + lane
                        + "/frames")).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private LaneSnapshot snapshot() {
        try {
            return agent.runtime().snapshot().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void inputs(boolean arming, boolean safety, boolean open, boolean closed) {
        io.setInputs(arming, safety, open, closed);
        LaneInputs expected = new LaneInputs(arming, safety, open, closed);
        Await.until(PATIENCE, "agent sees " + expected, () -> snapshot().inputs().equals(expected));
    }

    private List<RecordingIoController.Request> opens() {
        return io.requests(r -> r.isCoilOn(0));
    }
}
