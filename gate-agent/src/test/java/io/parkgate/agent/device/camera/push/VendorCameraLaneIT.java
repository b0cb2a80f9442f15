package io.parkgate.agent.device.camera.push;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parkgate.agent.app.AgentHttp;
import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.PushOutcome;
import io.parkgate.agent.device.camera.imaging.FrameServer;
import io.parkgate.agent.it.DeviceEndpoint;
import io.parkgate.agent.it.LaneRig;
import io.parkgate.agent.it.RecordingIoController;
import io.parkgate.agent.lane.Authorisation;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.agent.lane.LaneStateMachine;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.store.PassageRecord;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.display.DisplayFrame;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.protocol.vendor.DahuaCodec;
import io.parkgate.protocol.vendor.DigestAuth;
import io.parkgate.protocol.vendor.PushProblem;
import io.parkgate.protocol.vendor.VendorSamples;
import io.parkgate.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gate agent with a vendor camera: its I/O controller over TCP, the camera's recorded pushes over
 * real HTTP to the real frame server. Checks the lane's decision, the barrier and the reply bytes; bad
 * pushes get the vendor's reply, a log line and a counter, and never an OPEN.
 */
class VendorCameraLaneIT {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String ZHENSHI_ACK =
            "{\"Response_AlarmInfoPlate\":{\"info\":\"no\",\"channelNum\":0,\"content\":\"retransfer_stop\"}}";

    @TempDir
    Path dir;

    private final Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<LaneDevice, DeviceState> states = new ConcurrentHashMap<>();
    private Vertx vertx;
    private FrameServer frames;
    private GateAgent agent;
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

    /**
     * Verifies the Zhenshi lane end to end: malformed, wrong type, 20 MB, lingering, offline and heartbeat pushes
     * are answered with retransfer_stop and open nothing; the resident's push opens, and its reply carries the
     * display's text in serialData; a storm of 100 copies of it is acknowledged and opens nothing more.
     */
    @Test
    void zhenshiLane() throws Exception {
        startLane("""
                      camera: { kind: ZHENSHI, frameSenders: [127.0.0.1], minConfidence: 80 }
                      display: { kind: CAMERA_SERIAL, serialChannel: 0, address: 1, spaces: 100 }
                """);
        String url = "/lanes/lane-1/push/zhenshi";
        List<HttpResponse<byte[]>> bad = new ArrayList<>();
        bad.add(post(url, "application/json", "{\"AlarmInfoPlate\":{\"result\":".getBytes(UTF_8)));
        bad.add(post(url, "image/jpeg", VendorSamples.bytes("zhenshi-plate.json")));
        bad.add(post(url, "application/json", new byte[20 * 1024 * 1024]));
        bad.add(post(url, "application/json", VendorSamples.bytes("zhenshi-lingering.json")));
        bad.add(post(url, "application/json", VendorSamples.bytes("zhenshi-offline.json")));
        bad.add(post(url, "application/x-www-form-urlencoded", VendorSamples.bytes("zhenshi-heartbeat.form")));
        for (HttpResponse<byte[]> r : bad) {
            assertEquals(200, r.statusCode());
            JsonObject reply = new JsonObject(new String(r.body(), UTF_8)).getJsonObject(
                    "Response_AlarmInfoPlate");
            assertEquals("no", reply.getString("info"), "the camera's own relay never fires");
            assertEquals("retransfer_stop", reply.getString("content"), "the camera must not retry");
        }
        PushCounters c = agent.pushedCamera().counters();
        assertEquals(1, c.problems(PushProblem.MALFORMED_JSON));
        assertEquals(1, c.problems(PushProblem.WRONG_CONTENT_TYPE));
        assertEquals(1, c.problems(PushProblem.TOO_LARGE));
        assertEquals(1, c.outcomes(PushOutcome.NOT_AN_ARRIVAL));
        assertEquals(1, c.outcomes(PushOutcome.LATE));
        assertEquals(1, c.outcomes(PushOutcome.HEARTBEAT));
        List<String> late = Files.readAllLines(dir.resolve("agents/lane-1/late-plates.jsonl"));
        assertEquals(1, late.size());
        JsonObject lateEvent = new JsonObject(late.get(0));
        assertEquals("粤B67890", lateEvent.getString("plate"));
        assertEquals("2026-12-03T22:15:30Z", lateEvent.getString("capturedAt"), "recorded with the camera's own time");
        Await.until(PATIENCE, "camera online", () -> states.get(LaneDevice.CAMERA) == DeviceState.CONNECTED);
        LaneSnapshot idle = snapshot();
        assertEquals(LaneStateMachine.Phase.IDLE, idle.phase());
        assertNull(idle.visit(), "no vehicle made up from pushes that are not arrivals");
        assertTrue(opens().isEmpty(), "no OPEN from unreadable or non-arrival pushes");
        try (var spool = Files.list(dir.resolve("agents/lane-1/camera-spool"))) {
            assertTrue(spool.findAny().isEmpty(), "spool emptied");
        }

        inputs(true, false, false, true);
        HttpResponse<byte[]> ok = post(url, "application/json", VendorSamples.bytes("zhenshi-plate.json"));
        assertEquals(200, ok.statusCode());
        Await.until(PATIENCE, "OPEN written", () -> !opens().isEmpty());
        List<PassageRecord> register = LaneRig.register(agent.store(), 1, PATIENCE);
        assertEquals(List.of(LaneRig.RESIDENT_PLATE), register.stream().map(PassageRecord::plate).toList());
        assertNotNull(register.get(0).snapshotRef(), "the pushed scene picture is the passage's evidence");
        JsonObject reply = new JsonObject(new String(ok.body(), UTF_8))
                .getJsonObject("Response_AlarmInfoPlate");
        assertEquals("no", reply.getString("info"));
        assertEquals("retransfer_stop", reply.getString("content"));
        JsonArray serial = reply.getJsonArray("serialData");
        assertNotNull(serial, "the display text rides in the reply: " + reply);
        List<DisplayFrame.Frame> shown = new ArrayList<>();
        for (int i = 0; i < serial.size(); i++) {
            JsonObject chunk = serial.getJsonObject(i);
            assertEquals(0, chunk.getInteger("serialChannel"));
            byte[] data = Base64.getDecoder().decode(chunk.getString("data"));
            assertEquals(data.length, chunk.getInteger("dataLen"));
            shown.addAll(frames(data));
        }
        List<String> texts = shown.stream().filter(f -> f.command() != DisplayFrame.FREE_SPACES)
                .map(DisplayFrame.Frame::text).toList();
        assertTrue(texts.containsAll(List.of("粤B12345", "月租车", "欢迎光临")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("粤B12345 月租车 欢迎光临 剩余")), "voice: " + texts);

        List<HttpResponse<byte[]>> storm = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            storm.add(post(url, "application/json", VendorSamples.bytes("zhenshi-plate.json")));
        }
        assertTrue(storm.stream().allMatch(r -> r.statusCode() == 200));
        assertEquals(100, c.problems(PushProblem.DUPLICATE));
        assertEquals(1, c.outcomes(PushOutcome.DELIVERED));
        assertEquals(1, opens().size(), "one OPEN for one vehicle, however often its record is pushed");
    }

    /**
     * Verifies a lane whose barrier hangs on the Zhenshi camera's relay: pushes that are not arrivals answer
     * info no; the resident's push answers info ok and the I/O controller's open relay is not used; a manual
     * open goes out in the reply to the next heartbeat; duplicates answer info no.
     */
    @Test
    void zhenshiRelayOpensTheBarrier() throws Exception {
        startLane("""
                      camera: { kind: ZHENSHI, frameSenders: [127.0.0.1], barrier: CAMERA_RELAY }
                """);
        String url = "/lanes/lane-1/push/zhenshi";
        HttpResponse<byte[]> lingering = post(url, "application/json", VendorSamples.bytes("zhenshi-lingering.json"));
        assertEquals(ZHENSHI_ACK, new String(lingering.body(), UTF_8), "the exact reply bytes");
        inputs(true, false, false, true);
        assertEquals("ok", info(post(url, "application/json", VendorSamples.bytes("zhenshi-plate.json"))));
        Await.until(PATIENCE, "passage journalled", () -> !agent.store().passagesBetween(Instant.EPOCH,
                Instant.now().plusSeconds(60)).isEmpty());
        assertEquals("no", info(post(url, "application/json", VendorSamples.bytes("zhenshi-plate.json"))));
        assertTrue(opens().isEmpty(), "the I/O controller's open relay is not the barrier's here");

        var manual = agent.runtime().manualOpen(new Authorisation(Authorisation.Kind.MANUAL, "值班员", "测试手动抬杆", 0));
        assertEquals(true, manual.toCompletableFuture().get(5, TimeUnit.SECONDS), "manual open accepted");
        // the OPEN waits for the camera's next push or heartbeat
        assertEquals("ok", info(post(url, "application/x-www-form-urlencoded", VendorSamples.bytes(
                "zhenshi-heartbeat.form"))));
        assertEquals("no", info(post(url, "application/x-www-form-urlencoded", VendorSamples.bytes(
                "zhenshi-heartbeat.form"))),
                "sent once");
        assertTrue(opens().isEmpty());
    }

    private static String info(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode());
        return new JsonObject(new String(r.body(), UTF_8)).getJsonObject("Response_AlarmInfoPlate")
                .getString("info");
    }

    /**
     * Verifies that the push counts reach Prometheus: the agent's /metrics, scraped over HTTP, has each outcome and
     * problem per lane and vendor (refused, malformed, duplicate, late, delivered), and no plate anywhere in it.
     */
    @Test
    void pushCountsScrapedFromMetrics() throws Exception {
        PrometheusMeterRegistry meters =
                new PrometheusMeterRegistry(
                        PrometheusConfig.DEFAULT);
        startLane("""
                      camera: { kind: ZHENSHI, frameSenders: [127.0.0.1], minConfidence: 80 }
                """, meters);
        try (AgentHttp metrics = AgentHttp.start(vertx, "127.0.0.1", 0,
                meters, () -> List.of(agent))) {
            String before = scrape(metrics.port());
            assertTrue(before.contains("parking_camera_pushes_total{lane=\"lane-1\",outcome=\"DELIVERED\","
                    + "vendor=\"ZHENSHI\"} 0.0"), "meters exist at 0 before the first push:\n" + before);

            String url = "/lanes/lane-1/push/zhenshi";
            post(url, "application/json", "{\"AlarmInfoPlate\":{\"result\":".getBytes(UTF_8));
            post(url, "image/jpeg", VendorSamples.bytes("zhenshi-plate.json"));
            post(url, "application/json", VendorSamples.bytes("zhenshi-offline.json"));
            post(url, "application/json", VendorSamples.bytes("zhenshi-offline.json"));
            inputs(true, false, false, true);
            post(url, "application/json", VendorSamples.bytes("zhenshi-plate.json"));
            for (int i = 0; i < 3; i++) {
                post(url, "application/json", VendorSamples.bytes("zhenshi-plate.json"));
            }
            Await.until(PATIENCE, "OPEN written", () -> !opens().isEmpty());

            String after = scrape(metrics.port());
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put(
                    "parking_camera_pushes_total{lane=\"lane-1\",outcome=\"DELIVERED\",vendor=\"ZHENSHI\"}", "1.0");
            expected.put("parking_camera_pushes_total{lane=\"lane-1\",outcome=\"LATE\",vendor=\"ZHENSHI\"}", "1.0");
            expected.put(
                    "parking_camera_push_problems_total{lane=\"lane-1\",problem=\"MALFORMED_JSON\",vendor=\"ZHENSHI\"}",
                    "1.0");
            expected.put("parking_camera_push_problems_total{lane=\"lane-1\",problem=\"WRONG_CONTENT_TYPE\","
                    + "vendor=\"ZHENSHI\"}", "1.0");
            expected.put("parking_camera_push_problems_total{lane=\"lane-1\",problem=\"DUPLICATE\",vendor=\"ZHENSHI\"}",
                    "4.0"); // the offline record's second push and three copies of the arrival
            expected.put("parking_camera_push_problems_total{lane=\"lane-1\",problem=\"SENDER_REFUSED\","
                    + "vendor=\"ZHENSHI\"}", "0.0");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertTrue(after.contains(e.getKey() + " " + e.getValue()), e + " in\n" + after);
            }
            assertFalse(after.contains("粤") || after.contains("B12345") || after.contains("B67890"),
                    "no plate in a meter");
            PushCounters c = agent.pushedCamera().counters();
            assertEquals(4, c.problems(PushProblem.DUPLICATE), "the lane's own counts agree: " + c);
        }
    }

    private String scrape(int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** Verifies that a push from an address not in frameSenders is refused with 403, counted, and opens nothing. */
    @Test
    void senderNotInListIsRefused() throws Exception {
        startLane("""
                      camera: { kind: ZHENSHI, frameSenders: [192.0.2.10], minConfidence: 80 }
                """);
        inputs(true, false, false, true);
        HttpResponse<byte[]> r = post("/lanes/lane-1/push/zhenshi", "application/json", VendorSamples.bytes(
                "zhenshi-plate.json"));
        assertEquals(403, r.statusCode());
        assertTrue(new String(r.body(), UTF_8).contains("frameSenders"));
        assertEquals(1, agent.pushedCamera().counters().problems(PushProblem.SENDER_REFUSED));
        assertEquals(0, agent.pushedCamera().counters().outcomes(PushOutcome.DELIVERED));
        assertNull(snapshot().visit().plate(),
                "the car on the loop waits unidentified: the refused push gave no plate");
        assertTrue(opens().isEmpty());
    }

    /**
     * Verifies the Hikvision lane: malformed XML, a reverse and the heartbeat alert are answered 200 and open
     * nothing; the ANPR multipart push opens for the resident and is answered 200.
     */
    @Test
    void hikvisionLane() throws Exception {
        startLane("""
                      camera: { kind: HIKVISION, frameSenders: [127.0.0.0/8] }
                """);
        String url = "/lanes/lane-1/push/hikvision";
        assertEquals(200, post(url, "application/xml", "<EventNotificationAlert><eventType>ANPR".getBytes(UTF_8))
                .statusCode());
        assertEquals(200, post(url, VendorSamples.hikvisionContentType(), VendorSamples.hikvisionMultipart(
                "hikvision-anpr-reverse.xml",
                true)).statusCode());
        assertEquals(200, post(url, "application/xml", VendorSamples.bytes("hikvision-heartbeat.xml")).statusCode());
        PushCounters c = agent.pushedCamera().counters();
        assertEquals(1, c.problems(PushProblem.MALFORMED_XML));
        assertEquals(1, c.outcomes(PushOutcome.NOT_AN_ARRIVAL));
        assertEquals(1, c.outcomes(PushOutcome.HEARTBEAT));
        inputs(true, false, false, true);
        assertTrue(opens().isEmpty());

        HttpResponse<byte[]> ok = post(url, VendorSamples.hikvisionContentType(), VendorSamples.hikvisionMultipart(
                "hikvision-anpr.xml", true));
        assertEquals(200, ok.statusCode());
        assertTrue(new String(ok.body(), UTF_8).contains("<statusString>OK</statusString>"));
        Await.until(PATIENCE, "OPEN written", () -> !opens().isEmpty());
        assertEquals(List.of(LaneRig.RESIDENT_PLATE), LaneRig.register(agent.store(), 1, PATIENCE).stream()
                .map(PassageRecord::plate).toList());
    }

    /**
     * Verifies the Dahua lane: no credentials get a digest challenge, wrong ones are counted, a KeepAlive and
     * the TollgateInfo on the camera's fixed path (lane found by sender address) are answered {"Result":true},
     * and the resident opens.
     */
    @Test
    void dahuaLane() throws Exception {
        startLane("""
                      camera: { kind: DAHUA, frameSenders: [127.0.0.1], username: itc, password: "pa55 word" }
                """);
        String url = DahuaCodec.TOLLGATE_PATH;
        HttpResponse<byte[]> challenge = post(url, "application/json", VendorSamples.bytes("dahua-tollgate.json"),
                null);
        assertEquals(401, challenge.statusCode());
        String wwwAuth = challenge.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(wwwAuth.startsWith("Digest "), wwwAuth);
        HttpResponse<byte[]> wrong = post(url, "application/json", VendorSamples.bytes("dahua-tollgate.json"),
                DigestAuth.answer(wwwAuth, "itc", "guess", "POST", url, "c1"));
        assertEquals(401, wrong.statusCode());
        assertEquals(1, agent.pushedCamera().counters().problems(PushProblem.UNAUTHENTICATED));
        HttpResponse<byte[]> alive = post("/NotificationInfo/KeepAlive", "application/json", "{}".getBytes(UTF_8),
                DigestAuth.answer(wwwAuth, "itc", "pa55 word", "POST", "/NotificationInfo/KeepAlive", "c2"));
        assertEquals("{\"Result\":true}", new String(alive.body(), UTF_8));
        assertTrue(opens().isEmpty());

        inputs(true, false, false, true);
        HttpResponse<byte[]> ok = post(url, "application/json", VendorSamples.bytes("dahua-tollgate.json"),
                DigestAuth.answer(wwwAuth, "itc", "pa55 word", "POST", url, "c3"));
        assertEquals(200, ok.statusCode());
        assertEquals("{\"Result\":true}", new String(ok.body(), UTF_8));
        Await.until(PATIENCE, "OPEN written", () -> !opens().isEmpty());
        assertEquals(1, agent.pushedCamera().counters().outcomes(PushOutcome.HEARTBEAT));
    }

    private static List<DisplayFrame.Frame> frames(byte[] data) {
        List<DisplayFrame.Frame> out = new ArrayList<>();
        new DisplayFrame.Decoder(new FrameListener<>() {
            @Override
            public void onFrame(DisplayFrame.Frame frame) {
                out.add(frame);
            }

            @Override
            public void onRejected(RejectReason reason, String detail) {
                throw new AssertionError("bad display frame: " + reason + " " + detail);
            }
        }).accept(data, 0, data.length);
        return out;
    }

    private void startLane(String devices) throws Exception {
        startLane(devices, null);
    }

    private void startLane(String devices, PrometheusMeterRegistry meters)
            throws Exception {
        ioEnd = DeviceEndpoint.tcp();
        Path site = LaneRig.writeOneLaneSite(dir, ", framePort: 65001", "identificationWindow: 3s",
                "      io: { transport: \"" + ioEnd.transportUri() + "\", poll: 20ms }\n" + devices);
        SiteConfig config = SiteConfigLoader.load(site);
        LaneRig.seed(config, "lane-1", LaneRig.registry(20), clock);
        vertx = Vertx.vertx();
        frames = FrameServer.start(vertx, "127.0.0.1", 0, "127.0.0.1", java.util.Map.of(), java.time.Clock.systemUTC());
        LaneListener listener = new LaneListener() {
            @Override
            public void deviceState(LaneDevice device, DeviceState state, String detail) {
                states.put(device, state);
            }
        };
        agent = GateAgent.start(config, config.lane("lane-1").orElseThrow(), clock, new GateAgent.Options(
                config.agents().dataDir("lane-1"), null, DeviceMetrics.NOOP, listener, frames, meters));
        io = new RecordingIoController(1, ioEnd.in(), ioEnd.out());
        inputs(false, false, false, true);
    }

    private HttpResponse<byte[]> post(String path, String type, byte[] body) throws Exception {
        return post(path, type, body, null);
    }

    private HttpResponse<byte[]> post(String path, String type, byte[] body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frames.port() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
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
