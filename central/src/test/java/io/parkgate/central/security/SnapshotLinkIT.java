package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.it.CentralFixture;
import io.parkgate.central.it.TestAgent;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.SnapshotLink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 9, the snapshot photos: the agents serve a photo only for a link signed with the lane's secret,
 * so central signs every snapshot reference it hands a signed-in console (register, exceptions) — and only a
 * lane's references to its own snapshots, so a lane PC cannot get a link to another lane's photos signed.
 */
@ExtendWith(VertxExtension.class)
class SnapshotLinkIT {

    @TempDir
    Path dir;

    private static final String OWN = "http://lane-pc-out:47090/lanes/north-out/snapshots/2026-11-22/a1.jpg";
    private static final String OTHERS = "http://lane-pc-in:47090/lanes/north-in/snapshots/2026-11-22/b2.jpg";

    /** Verifies that the console receives signed links the lane accepts, and nothing is signed for another lane. */
    @Test
    void theConsoleGetsSignedLinksToTheLanesOwnSnapshots(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"));
             TestAgent out = f.agent(CentralFixture.OUT, dir.resolve("agent"))) {
            String supervisor = f.user("sup1", "SUPERVISOR");
            String held = UUID.randomUUID().toString();
            out.uplink.publish(new LaneEvent(held, CentralFixture.OUT, EventType.EXCEPTION, Instant.now(),
                    "粤B77777", "粤B77777", null, 91, null, "NO_ENTRY_RECORD", "无入场记录", null, null, null, OWN, null));
            out.uplink.publish(new LaneEvent(UUID.randomUUID().toString(), CentralFixture.OUT, EventType.EXIT,
                    Instant.now(), "粤B66666", "粤B66666", null, 93, null, "RESIDENT_PASS", "住户", 0L, null, null,
                    OTHERS, null));
            String id = "X-" + held;
            io.parkgate.testing.Await.until(Duration.ofSeconds(10), "both events at central",
                    () -> f.api.call("GET", "/api/exceptions/" + id, supervisor, null).status() == 200
                            && passages(f, "粤B66666").size() == 1);

            String one = f.api.ok("GET", "/api/exceptions/" + id, supervisor, null).json().getString("snapshotRef");
            assertSignedByOut(one);
            JsonArray all = f.api.ok("GET", "/api/exceptions", supervisor, null).array();
            assertSignedByOut(all.stream().map(o -> (JsonObject) o).filter(x -> x.getString("id").equals(id))
                    .findFirst().orElseThrow().getString("snapshotRef"));
            assertSignedByOut(passages(f, "粤B77777").getJsonObject(0).getString("snapshotRef"));
            // every door that answers with the case signs it: claim and resolve too
            assertSignedByOut(f.api.ok("POST", "/api/exceptions/" + id + "/claim", supervisor, null).json()
                    .getString("snapshotRef"));
            JsonObject resolution = new JsonObject().put("statement", "住户忘带卡，核实后放行").put("feeFen", 0)
                    .put("feeAction", "WAIVE").put("waiveReason", "业主核实，免收").put("outcome", "放行");
            assertSignedByOut(f.api.ok("POST", "/api/exceptions/" + id + "/resolve", supervisor, resolution).json()
                    .getString("snapshotRef"));

            // north-out reported a link to north-in's photo: passed on as it came, which north-in refuses
            assertEquals(OTHERS, passages(f, "粤B66666").getJsonObject(0).getString("snapshotRef"));
        }
    }

    private static JsonArray passages(CentralFixture f, String plate) {
        return f.api.ok("GET", "/api/passages?plate=" + URLEncoder.encode(plate, StandardCharsets.UTF_8),
                f.managerToken, null).array();
    }

    private static void assertSignedByOut(String link) {
        assertTrue(link.startsWith(OWN + "?expires="), link);
        URI u = URI.create(link);
        String expires = u.getQuery().replaceAll(".*expires=(\\d+).*", "$1");
        String sig = u.getQuery().replaceAll(".*sig=([0-9a-f]+).*", "$1");
        assertEquals(SnapshotLink.Check.VALID,
                new SnapshotLink(CentralFixture.SECRET_OUT).check(u.getRawPath(), expires, sig, Instant.now()));
        assertEquals(SnapshotLink.Check.BAD_SIGNATURE,
                new SnapshotLink(CentralFixture.SECRET_IN).check(u.getRawPath(), expires, sig, Instant.now()));
    }
}
