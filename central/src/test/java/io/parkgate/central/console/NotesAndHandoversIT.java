package io.parkgate.central.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.it.Api;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lane notes kept by central (stored, audited, queryable, attached to the plate's passage, on the shift's
 * handover form) and the handovers waiting for their incoming attendant, on a running central.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(VertxExtension.class)
class NotesAndHandoversIT {

    private CentralFixture central;
    private Api api;
    private String wang;
    private LaneSide in;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        central = new CentralFixture(vertx, dir);
        api = central.api;
        wang = central.user("wang", "ATTENDANT");
        central.user("zhao", "ATTENDANT");
        in = new LaneSide(central.central.brokerUrl(), CentralFixture.SITE, CentralFixture.IN,
                CentralFixture.PASSWORD_IN);
    }

    @AfterAll
    void stop() throws Exception {
        in.close();
        central.close();
    }

    /**
     * Verifies that a damage note is stored with who and when, attached to the entry of its plate, found by
     * lane, post, time and passage, audited, and listed on the handover form of the named shift, whose form
     * then waits for its incoming attendant until accepted (who goes on the next shift of the day).
     */
    @Test
    void damageNoteIsKeptAttachedAndOnTheHandover() {
        assertEquals(400, api.call("POST", "/api/shifts", wang, new JsonObject().put("post", CentralFixture.POST)
                .put("shift", "SIESTA")).status(), "an unknown shift is refused");
        JsonObject shift = api.ok("POST", "/api/shifts", wang, new JsonObject().put("post", CentralFixture.POST)
                .put("shift", "EARLY")).json();
        assertEquals("EARLY", shift.getString("name"));
        String entry = publishEntry("粤B31415");
        Await.until(Duration.ofSeconds(10), "the entry stored", () -> api.ok("GET", "/api/passages?plate="
                + enc("粤B31415"), wang, null).body().contains(entry));

        JsonObject stored = api.ok("POST", "/console/notes", wang, new JsonObject().put("kind", "DAMAGE")
                .put("laneId", CentralFixture.IN).put("plate", "粤B31415").put("note", "左后门凹陷，已告知司机"))
                .json().getJsonObject("note");
        assertEquals(entry, stored.getString("passageEventId"), stored.encode());
        assertEquals("wang", stored.getString("from"));
        assertEquals(CentralFixture.POST, stored.getString("post"));
        api.ok("POST", "/console/notes", wang, new JsonObject().put("kind", "GOODS_CHECK")
                .put("laneId", CentralFixture.IN).put("note", "未发现危险品"));

        JsonArray byLane = api.ok("GET", "/api/notes?laneId=" + CentralFixture.IN, wang, null).array();
        assertEquals(2, byLane.size(), byLane.encode());
        assertEquals("GOODS_CHECK", byLane.getJsonObject(0).getString("kind"), "newest first");
        assertEquals(2, api.ok("GET", "/api/notes?post=" + CentralFixture.POST, wang, null).array().size());
        assertEquals(0, api.ok("GET", "/api/notes?laneId=" + CentralFixture.OUT, wang, null).array().size());
        assertEquals(0, api.ok("GET", "/api/notes?from=" + Instant.now().plusSeconds(3600), wang, null).array()
                .size());
        JsonArray byPassage = api.ok("GET", "/api/notes?passage=" + entry, wang, null).array();
        assertEquals(1, byPassage.size());
        assertEquals("左后门凹陷，已告知司机", byPassage.getJsonObject(0).getString("note"));
        String audit = api.ok("GET", "/api/audit?action=LANE_NOTE", central.managerToken, null).body();
        assertTrue(audit.contains("左后门凹陷"), audit);

        JsonObject form = api.ok("POST", "/api/shifts/" + shift.getString("id") + "/handover", wang,
                new JsonObject().put("toAttendant", "zhao").put("cashFen", 0)).json();
        JsonArray notes = form.getJsonArray("notes");
        assertEquals(2, notes.size(), form.encode());
        assertEquals("DAMAGE", notes.getJsonObject(0).getString("kind"), "oldest first on the form");

        JsonArray pending = api.ok("GET", "/api/handovers?state=PENDING&post=" + CentralFixture.POST, wang, null)
                .array();
        assertEquals(1, pending.size(), pending.encode());
        assertEquals(form.getString("formNo"), pending.getJsonObject(0).getString("formNo"));
        assertEquals(1, api.ok("GET", "/api/handovers?state=PENDING&toAttendant=zhao", wang, null).array().size());
        assertEquals(0, api.ok("GET", "/api/handovers?state=PENDING&toAttendant=wang", wang, null).array().size());
        String zhao = api.login("zhao", "zhao-password");
        JsonObject accepted = api.ok("POST", "/api/handovers/" + form.getString("id") + "/accept", zhao, null).json();
        assertEquals(0, api.ok("GET", "/api/handovers?state=PENDING&post=" + CentralFixture.POST, zhao, null)
                .array().size(), "accepted: no longer waiting");
        assertEquals("EARLY", form.getString("shiftName"));
        // The receiver works the shift of the time of day they accepted (not simply the one after 早班).
        String expected = io.parkgate.central.shift.ShiftName.startingAround(java.time.Instant.parse(
                accepted.getString("acceptedAt")).atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalTime()).name();
        assertEquals(expected, accepted.getString("nextShiftName"));
        assertEquals(expected, api.ok("GET", "/api/shifts/current?post=" + CentralFixture.POST, zhao, null).json()
                .getString("name"), "the incoming attendant is on the shift of the acceptance's time of day");
    }

    /** Verifies that notes on an unknown lane and bad note or handover queries are refused saying what was wrong. */
    @Test
    void badNotesAndQueriesAreRefused() {
        Api.Response lane = api.call("POST", "/console/notes", wang, new JsonObject().put("kind", "CALL")
                .put("laneId", "south-9"));
        assertEquals(400, lane.status());
        assertTrue(lane.body().contains("south-9") && lane.body().contains(CentralFixture.IN), lane.body());
        Api.Response from = api.call("GET", "/api/notes?from=yesterday", wang, null);
        assertEquals(400, from.status());
        assertTrue(from.body().contains("'from'"), from.body());
        Api.Response limit = api.call("GET", "/api/notes?limit=0", wang, null);
        assertEquals(400, limit.status());
        assertTrue(limit.body().contains("'limit'"), limit.body());
        Api.Response state = api.call("GET", "/api/handovers?state=DONE", wang, null);
        assertEquals(400, state.status());
        assertTrue(state.body().contains("PENDING"), state.body());
        assertEquals(401, api.call("GET", "/api/notes", null, null).status());
        assertFalse(api.ok("GET", "/api/notes", wang, null).body().contains("south-9"), "nothing stored");
    }

    private String publishEntry(String plate) {
        try {
            return in.event(EventType.ENTRY, plate, 95, null, "TEMPORARY", "临时车辆", null, null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
