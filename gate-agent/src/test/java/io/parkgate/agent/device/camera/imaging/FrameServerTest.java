package io.parkgate.agent.device.camera.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.FrameCheck;
import io.parkgate.agent.device.camera.SnapshotStore;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.config.FrameSenders;
import io.parkgate.lpr.PlateReading;
import io.parkgate.lpr.Recognition;
import io.parkgate.plate.PlateColour;
import io.parkgate.testing.Await;
import io.parkgate.wire.SnapshotLink;
import io.vertx.core.Vertx;
import java.awt.geom.Point2D;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame server on a real port with a real HTTP client: every bad POST is answered 4xx with its reason
 * and never reaches the lane; a good one is queued, read, kept and served back.
 */
class FrameServerTest {

    /** A minimal byte string that passes the door check; the fake reader decides what it shows. */
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0,
        (byte) 0xFF, (byte) 0xD9};

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final RecordingLaneEventSink sink = new RecordingLaneEventSink();
    private final AtomicInteger examined = new AtomicInteger();
    private static final String LANE_1_SECRET = "lane-1-command-secret";
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private FrameServer server;
    private ImagingCameraDriver camera;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = FrameServer.start(vertx, "127.0.0.1", 0, "127.0.0.1", Map.of("lane-1", LANE_1_SECRET),
                Clock.systemUTC());
        SnapshotStore snapshots = new SnapshotStore(dir.resolve("lane-1"), clock);
        camera = new ImagingCameraDriver("lane-1", sink, clock, DeviceMetrics.NOOP, snapshots,
                name -> server.snapshotUrl("lane-1", name), () -> jpeg -> {
                    examined.incrementAndGet();
                    return new Recognition(List.of(new PlateReading("粤B12345", PlateColour.BLUE,
                            new double[] {0.9}, 0.93, new Point2D[4])), Optional.empty());
                }, ImagingCameraDriver.QUEUE_CAPACITY);
        camera.start();
        server.register("lane-1", camera, FrameSenders.of(List.of("127.0.0.1")), "http", snapshots);
        server.register("lane-2", null, FrameSenders.of(List.of()), "dir:/srv/frames",
                new SnapshotStore(dir.resolve("lane-2"), clock));
        // a lane whose camera sits on another network: this test's loopback requests are not it
        server.register("lane-3", camera, FrameSenders.of(List.of("10.20.1.11", "fd00::/64")), "http",
                new SnapshotStore(dir.resolve("lane-3"), clock));
    }

    @AfterEach
    void stop() throws Exception {
        camera.close();
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private HttpResponse<String> post(String lane, String type, byte[] body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/lanes/"
                + lane + "/frames")).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                // generous: one of these posts is an 8 MB body, slow on a loaded machine or under libfaketime
                .timeout(Duration.ofSeconds(60));
        if (type != null) {
            r.header("Content-Type", type);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                : "http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> getText(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void assertRefused(HttpResponse<String> r, int status, String says) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains(says), "'" + r.body() + "' says " + says);
    }

    /** Verifies that bad POSTs get a 4xx naming the problem and that none of them reaches the recogniser or the lane.
     * */
    @Test
    void badFramesAreRefusedWithTheirReason() throws Exception {
        assertRefused(post("lane-1", "text/plain", JPEG), 400, "is not image/jpeg");
        assertRefused(post("lane-1", null, JPEG), 400, "image/jpeg");
        assertRefused(post("lane-1", "image/jpeg", new byte[0]), 400, "empty");
        assertRefused(post("lane-1", "image/jpeg", "GIF89a not a jpeg".getBytes(StandardCharsets.US_ASCII)), 400,
                "not a JPEG");
        assertRefused(post("nowhere", "image/jpeg", JPEG), 400, "unknown lane 'nowhere'");
        assertRefused(post("lane-2", "image/jpeg", JPEG), 400, "dir:/srv/frames, not HTTP");
        byte[] huge = new byte[FrameCheck.MAX_FRAME_BYTES + 1];
        System.arraycopy(JPEG, 0, huge, 0, JPEG.length);
        assertRefused(post("lane-1", "image/jpeg", huge), 413, "limit");
        // the lane is still served after all that
        assertEquals(202, post("lane-1", "image/jpeg", JPEG).statusCode());
        Await.until(Duration.ofSeconds(5), "the good frame read", () -> sink.plates.size() == 1);
        assertEquals(1, examined.get(), "only the good frame reached the recogniser");
    }

    /** Verifies that a frame from an address not among the lane's frameSenders is refused before it is looked at. */
    @Test
    void framesFromOtherSendersAreRefused() throws Exception {
        assertRefused(post("lane-3", "image/jpeg", JPEG), 403, "not accepted from 127.0.0.1");
        assertRefused(post("lane-3", "image/jpeg", JPEG), 403, "frameSenders");
        assertEquals(0, examined.get());
        assertTrue(sink.plates.isEmpty());
    }

    /** Verifies that a queued frame becomes one plate read whose snapshot is served back byte for byte, read-only. */
    @Test
    void goodFrameIsReadKeptAndServed() throws Exception {
        HttpResponse<String> r = post("lane-1", "image/jpeg; charset=binary", JPEG);
        assertEquals(202, r.statusCode(), r.body());
        Await.until(Duration.ofSeconds(5), "plate delivered", () -> sink.plates.size() == 1);
        PlateRead read = sink.plates.get(0);
        assertEquals("粤B12345", read.plate());
        assertEquals(93, read.confidence());
        String prefix = "http://127.0.0.1:" + server.port() + "/lanes/lane-1/snapshots/2026-11-22/";
        assertTrue(read.snapshotRef().startsWith(prefix), read.snapshotRef());
        SnapshotLink link = new SnapshotLink(LANE_1_SECRET);
        HttpResponse<byte[]> image = get(link.sign(read.snapshotRef(), Instant.now()));
        assertEquals(200, image.statusCode());
        assertEquals("image/jpeg", image.headers().firstValue("Content-Type").orElse(null));
        assertArrayEquals(JPEG, image.body());
        assertTrue(Files.exists(dir.resolve("lane-1/snapshots").resolve(read.snapshotRef().substring(
                prefix.length() - "2026-11-22/".length()))));
        assertEquals(DeviceState.CONNECTED, camera.state());

        // the photo shows a resident's car: only a link central signed for the console opens it
        assertRefused(getText(read.snapshotRef()), 403, "no signature");
        assertRefused(getText(new SnapshotLink("someone-elses-secret").sign(read.snapshotRef(), Instant.now())), 403,
                "does not match");
        String other = read.snapshotRef().replace(".jpg", "0.jpg");
        assertRefused(getText(link.sign(read.snapshotRef(), Instant.now()).replace(".jpg?", "0.jpg?")), 403,
                "does not match");
        assertRefused(getText(link.sign(read.snapshotRef(), Instant.now().minus(SnapshotLink.LIFETIME))), 403,
                "expired");
        assertEquals(404, get(link.sign(other, Instant.now())).statusCode(), "signed, but no such photo");
        assertEquals(404, get(link.sign(prefix + "..%2F..%2Fsite.yaml", Instant.now())).statusCode());
        assertEquals(403, get("/lanes/lane-1/snapshots/2026-11-22/nothing.jpg").statusCode());
        assertRefused(getText("http://127.0.0.1:" + server.port() + "/lanes/lane-2/snapshots/2026-11-22/x.jpg"), 403,
                "no uplink secret");
        assertEquals(404, get("/lanes/lane-9/snapshots/2026-11-22/x.jpg").statusCode());
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(read.snapshotRef()))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(put.statusCode() >= 400, "snapshots are read-only: " + put.statusCode());
        assertNull(camera.accept(JPEG, "test", null));
    }
}
