package io.parkgate.central.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.it.Api;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.central.ops.CentralMetrics;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The console's own routes on a running central: pages, the live stream and lane notes, and their refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(VertxExtension.class)
class ConsoleRoutesIT {

    private CentralFixture central;
    private Api api;
    private String attendant;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        central = new CentralFixture(vertx, dir);
        api = central.api;
        attendant = central.user("wang", "ATTENDANT");
    }

    @AfterAll
    void stop() {
        central.close();
    }

    /** Verifies that the pages and both dictionaries are served as UTF-8 from the jar, with nothing external. */
    @Test
    void servesThePagesAndDictionaries() {
        Api.Response page = api.call("GET", "/console/", null, null);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("停车场控制台"), page.body());
        assertTrue(!page.body().contains("http://") && !page.body().contains("https://"), "no external resource");
        assertEquals("登录", new JsonObject(api.call("GET", "/console/i18n/zh-CN.json", null, null).body())
                .getString("login.title"));
        assertEquals("Sign in", new JsonObject(api.call("GET", "/console/i18n/en.json", null, null).body())
                .getString("login.title"));
        assertEquals(404, api.call("GET", "/console/nothing-here.js", null, null).status());
    }

    /**
     * Verifies that central tells a signed-in page its clock (the site's time and zone; the pages never use the
     * browser's), and nobody else.
     */
    @Test
    void tellsThePagesCentralsClock() {
        Api.Response clock = api.call("GET", "/api/clock", attendant, null);
        assertEquals(200, clock.status(), clock.body());
        JsonObject c = clock.json();
        assertEquals("Asia/Shanghai", c.getString("zone"));
        assertEquals(8 * 3600, c.getInteger("offsetSeconds").intValue());
        long apart = Math.abs(java.time.Instant.parse(c.getString("now")).toEpochMilli() - System.currentTimeMillis());
        assertTrue(apart < 60_000, "central runs on the system clock here: " + c.encode());
        assertEquals(401, api.call("GET", "/api/clock", null, null).status());
    }

    /** Verifies that a lane note without a valid kind or lane is refused with what was wrong, and without a token too.
     * */
    @Test
    void refusesBadNotes() {
        Api.Response noToken = api.call("POST", "/console/notes", null, new JsonObject().put("kind", "CALL")
                .put("laneId", CentralFixture.OUT));
        assertEquals(401, noToken.status());
        Api.Response badKind = api.call("POST", "/console/notes", attendant, new JsonObject().put("kind", "PANIC")
                .put("laneId", CentralFixture.OUT));
        assertEquals(400, badKind.status());
        assertTrue(badKind.json().getString("message").contains("PANIC"), badKind.body());
        Api.Response noLane = api.call("POST", "/console/notes", attendant, new JsonObject().put("kind", "CALL"));
        assertEquals(400, noLane.status());
        assertTrue(noLane.json().getString("message").contains("laneId"), noLane.body());
        Api.Response notJson = api.call("POST", "/console/notes", attendant, null);
        assertEquals(400, notJson.status());
        assertEquals(401, api.call("GET", "/console/live?token=nonsense", null, null).status());
    }

    /**
     * Verifies that a supervisor call reaches a connected console over the live stream, after the lane states and
     * with central's clock.
     */
    @Test
    void streamsLaneStatesAndNotes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + central.central.httpPort()
                + "/console/live?token=" + attendant)).build();
        HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            assertTrue(readUntil(in, "event: lanes").contains(CentralFixture.OUT));
            assertEquals("Asia/Shanghai", new JsonObject(readUntil(in, "event: clock")).getString("zone"),
                    "central's clock is on the stream");
            JsonObject answer = api.ok("POST", "/console/notes", attendant, new JsonObject().put("kind", "CALL")
                    .put("laneId", CentralFixture.OUT).put("plate", "粤B77777").put("note", "卡与车牌不符")).json();
            String note = readUntil(in, "event: note");
            JsonObject o = new JsonObject(note);
            assertEquals("CALL", o.getString("kind"));
            assertEquals("粤B77777", o.getString("plate"));
            assertEquals("wang", o.getString("from"));
            // the shape the consoles were built on: the same note in the answer, on the stream and in the list
            assertEquals(List.of("called", "note"), List.copyOf(answer.fieldNames()), answer.encode());
            assertEquals(List.of("id", "at", "laneId", "post", "kind", "plate", "note", "from", "displayName"),
                    List.copyOf(o.fieldNames()).subList(0, 9), note);
            assertEquals(note, answer.getJsonObject("note").encode());
            assertEquals(note, api.ok("GET", "/api/notes?laneId=" + CentralFixture.OUT, attendant, null).array()
                    .getJsonObject(0).encode());
        }
    }

    /**
     * Verifies that a register row and the case it opens reach a connected console as they are stored: the
     * services announce them and the stream forwards them.
     */
    @Test
    void streamsPassagesAndTheQueueAsTheyAreStored() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + central.central.httpPort()
                + "/console/live?token=" + attendant)).build();
        HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            readUntil(in, "event: lanes");
            LaneEvent held = LaneEvent.of("live-held-1", CentralFixture.OUT, EventType.EXCEPTION,
                    java.time.Instant.now(), "粤B66666", "PLATELESS", "无牌车");
            central.central.passages().store(List.of(held)).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals("live-held-1", new JsonObject(readUntil(in, "event: passage", "live-held-1"))
                    .getString("eventId"));
            assertTrue(readUntil(in, "event: exceptions", "X-live-held-1").contains("粤B66666"));
        }
    }

    /**
     * Verifies that a connected console costs the database nothing while nothing changes: the services tell the
     * live feed what changed, the feed does not keep asking. Counted over eight clock events of the stream (a
     * feed that asked on its timer would have run two transactions on each).
     */
    @Test
    void anIdleConsoleCostsTheDatabaseNothing() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + central.central.httpPort()
                + "/console/live?token=" + attendant)).build();
        HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            readUntil(in, "event: exceptions"); // the queue as it is now, read once for the new console
            readUntil(in, "event: clock");
            double before = transactions();
            for (int i = 0; i < 8; i++) {
                readUntil(in, "event: clock");
            }
            double idle = transactions() - before;
            // Central's own timers (escalation check, gauges) may each run one in the meantime.
            assertTrue(idle <= 3, idle + " transactions while nothing changed");
        }
    }

    private double transactions() {
        return central.central.meters().find(CentralMetrics.DB_TRANSACTIONS).functionCounter().count();
    }

    /** Reads SSE lines until the event, returning its data line; fails after a deadline. */
    private static String readUntil(BufferedReader in, String event) throws Exception {
        return readUntil(in, event, "");
    }

    /** Reads SSE lines until the event with data holding the text, returning that data; fails after a deadline. */
    private static String readUntil(BufferedReader in, String event, String text) throws Exception {
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
            try {
                boolean found = false;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals(event)) {
                        found = true;
                    } else if (found && line.startsWith("data: ")) {
                        if (line.contains(text)) {
                            return line.substring(6);
                        }
                        found = false;
                    }
                }
                throw new AssertionError("stream ended before " + event);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        return f.get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
    }
}
