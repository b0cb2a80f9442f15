package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.it.Api;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.central.it.TestAgent;
import io.parkgate.tariff.TariffSchedule;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 items 6 and 9: every field is checked at the door with a clear 400, money is bounded, and
 * nothing unchecked is stored (the registry still holds only the good record afterwards).
 */
@ExtendWith(VertxExtension.class)
class FieldValidationIT {

    @TempDir
    Path dir;

    @Test
    void getWithAFormBodyIs400NotA500(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + f.central.httpPort() + "/api/passages"))
                    .header("Authorization", "Bearer " + f.managerToken)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .method("GET", HttpRequest.BodyPublishers.ofString("a=b&c=d")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertTrue(r.statusCode() == 400 || r.statusCode() == 415, r.statusCode() + " " + r.body());
        }
    }

    @Test
    void auditLimitIsBounded(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            for (String limit : new String[] {"-1", "0", "abc", "5001", "99999999999"}) {
                Api.Response r = f.api.call("GET", "/api/audit?limit=" + limit, f.managerToken, null);
                assertEquals(400, r.status(), "limit=" + limit + ": " + r.body());
            }
            assertEquals(200, f.api.call("GET", "/api/audit?limit=5", f.managerToken, null).status());
        }
    }

    /**
     * The register is read through four routes: the console's list and its CSV, and the two spreadsheets. Each
     * checks the same filters with the same 400 naming the bad one (the spreadsheets once took any text, and refused a
     * bad limit without naming it).
     */
    @Test
    void theRegistersFiltersAreCheckedAlikeOnEveryRoute(Vertx vertx) throws Exception {
        String thirteenChars = "%E4%BA%AC".repeat(13); // 京 ×13: no plate is that long
        String[][] bad = {
            {"limit=0", "'limit'"}, {"limit=100001", "'limit'"}, {"limit=abc", "'limit'"},
            {"plate=" + thirteenChars, "'plate'"}, {"plate=%01A", "'plate'"}, {"lane=" + "x".repeat(65), "'lane'"},
            {"decision=%E2%80%AEPASS", "'decision'"}, {"type=NOPE", "'type'"}, {"from=yesterday", "'from'"}};
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            for (String route : new String[] {"/api/passages", "/api/passages.csv", "/api/register.csv",
                "/api/register.xlsx"}) {
                for (String[] b : bad) {
                    Api.Response r = f.api.call("GET", route + "?" + b[0], f.managerToken, null);
                    assertEquals(400, r.status(), route + "?" + b[0] + ": " + r.body());
                    assertTrue(r.body().contains(b[1]), route + "?" + b[0] + ": " + r.body());
                }
                Api.Response good = f.api.call("GET", route + "?limit=100000&plate=%E4%BA%ACA&lane=north-in"
                        + "&decision=RESIDENT_PASS&type=ENTRY&from=2026-01-01T00:00:00Z", f.managerToken, null);
                assertEquals(200, good.status(), route + ": " + good.body());
            }
        }
    }

    /** Every query parameter that names a lane, post, attendant or event is bounded and free of control characters. */
    @Test
    void namesInQueryParametersAreBounded(Vertx vertx) throws Exception {
        String long65 = "p".repeat(65);
        String[][] bad = {
            {"/api/notes?laneId=" + long65, "'laneId'"}, {"/api/notes?post=%01", "'post'"},
            {"/api/notes?passage=" + long65, "'passage'"}, {"/api/notes?limit=2001", "'limit'"},
            {"/api/shifts/current?post=%E2%80%AEgate", "'post'"},
            {"/api/handovers?state=PENDING&toAttendant=" + long65, "'toAttendant'"},
            {"/api/handovers?state=UNSIGNED&post=" + long65, "'post'"}};
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            for (String[] b : bad) {
                Api.Response r = f.api.call("GET", b[0], f.managerToken, null);
                assertEquals(400, r.status(), b[0] + ": " + r.body());
                assertTrue(r.body().contains(b[1]), b[0] + ": " + r.body());
            }
            assertEquals(200, f.api.call("GET", "/api/notes?laneId=" + "p".repeat(64) + "&post=&limit=2000",
                    f.managerToken, null).status());
            assertEquals(200, f.api.call("GET", "/api/handovers?state=PENDING&post=+&toAttendant=wang",
                    f.managerToken, null).status());
            Api.Response blank = f.api.call("GET", "/api/passages?plate=&lane=+&decision=", f.managerToken, null);
            assertEquals(200, blank.status(), blank.body());
        }
    }

    @Test
    void registryRefusesWhatALaneCouldNotActOn(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            Instant now = Instant.now();
            JsonObject[] bad = {
                vehicle("粤B1'; DROP TABLE vehicles;--"),
                vehicle("<script>alert(1)</script>"),
                vehicle("粤B12\u00003"),
                vehicle("粤B\u202E12345"),
                new JsonObject().put("cards", new JsonArray().add(new JsonObject().put("number", "../../etc")
                        .put("status", "ACTIVE"))),
                new JsonObject().put("passes", new JsonArray().add(new JsonObject().put("id", "p1").put("plate",
                        "粤B12345")
                        .put("type", "MONTHLY").put("validFrom", now.toString())
                        .put("validUntil", now.minus(Duration.ofDays(1)).toString()))),
                new JsonObject().put("visitors", new JsonArray().add(new JsonObject().put("plate", "粤B12345")
                        .put("validFrom", now.toString()).put("validUntil", "9999-12-31T00:00:00Z"))),
                new JsonObject().put("owners", new JsonArray().add(new JsonObject().put("id", "o1")
                        .put("name", "x".repeat(60_000)))),
                new JsonObject().put("owners", new JsonArray().add(new JsonObject().put("id", "o1")
                        .put("name", "王\u202Eabc"))),
            };
            for (JsonObject body : bad) {
                Api.Response r = f.api.call("PUT", "/api/registry", f.managerToken, body);
                assertEquals(400, r.status(), body.encode().substring(0, Math.min(120, body.encode().length()))
                        + " -> " + r.body());
                assertTrue(r.json().getString("message").contains("field '"), r.body());
            }
            f.api.ok("PUT", "/api/registry", f.managerToken, vehicle("粤B12345"));
            JsonObject reg = f.api.ok("GET", "/api/registry", f.managerToken, null).json();
            assertEquals(1, reg.getJsonArray("vehicles").size(), reg.encode());
            assertEquals(0, reg.getJsonArray("owners").size());
            assertEquals(0, reg.getJsonArray("cards").size());
            assertEquals(400, f.api.call("DELETE", "/api/registry/card/..%2F..%2Fetc", f.managerToken, null).status());
        }
    }

    /**
     * Verifies that the registry check names every record an upsert would refuse, by list and place, with the
     * reason, writes nothing, and is open only to those who may write those records.
     */
    @Test
    void theRegistryCheckNamesEveryRecordCentralWouldRefuseAndWritesNothing(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            long before = f.api.ok("GET", "/api/registry", f.managerToken, null).json().getLong("version");
            JsonObject body = new JsonObject()
                    .put("owners", new JsonArray().add(new JsonObject().put("id", "R-3-1201").put("name", "张伟"))
                            .add(new JsonObject().put("id", "R-3-1202").put("name", "王\u202Eabc")))
                    .put("vehicles", new JsonArray().add(new JsonObject().put("plate", "粤B10001"))
                            .add(new JsonObject().put("plate", "粤BI2345"))
                            .add(new JsonObject().put("plate", "粤B12345学")))
                    .put("cards", new JsonArray().add(new JsonObject().put("number", "../../etc")
                            .put("status", "ACTIVE")));
            JsonArray problems = f.api.ok("POST", "/api/registry/check", f.managerToken, body).json()
                    .getJsonArray("problems");
            assertEquals(4, problems.size(), problems.encode());
            assertProblem(problems.getJsonObject(0), "owners", 1, "field 'owners[1].name'");
            assertProblem(problems.getJsonObject(1), "vehicles", 1, "号牌不使用I和O");
            assertProblem(problems.getJsonObject(2), "vehicles", 2, "field 'vehicles[2].plate'");
            assertProblem(problems.getJsonObject(3), "cards", 0, "field 'cards[0].number'");
            assertEquals(0, f.api.ok("POST", "/api/registry/check", f.managerToken, vehicle("粤B10001")).json()
                    .getJsonArray("problems").size());
            assertEquals(before, f.api.ok("GET", "/api/registry", f.managerToken, null).json().getLong("version"),
                    "the check wrote something");

            String attendant = f.user("att1", "ATTENDANT");
            assertEquals(403, f.api.call("POST", "/api/registry/check", attendant, body).status());
            assertEquals(400, f.api.call("POST", "/api/registry/check", f.managerToken,
                    new JsonObject().put("vehicles", "not a list")).status());
        }
    }

    private static void assertProblem(JsonObject p, String records, int index, String says) {
        assertEquals(records, p.getString("records"), p.encode());
        assertEquals(index, p.getInteger("index"), p.encode());
        assertTrue(p.getString("message").contains(says), p.encode());
    }

    @Test
    void moneyIsBoundedAndTheHandoverStillWorks(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String wang = f.user("wang", "ATTENDANT");
            f.user("li", "ATTENDANT");
            JsonObject shift = f.api.ok("POST", "/api/shifts", wang, new JsonObject().put("post", CentralFixture.POST))
                    .json();
            for (long amount : new long[] {Long.MAX_VALUE, 10_000_001L, -1}) {
                Api.Response r = f.api.call("POST", "/api/prepayments", wang, new JsonObject().put("plate", "粤B00001")
                        .put("amountFen", amount).put("method", "CASH").put("post", CentralFixture.POST));
                assertEquals(400, r.status(), amount + ": " + r.body());
            }
            Api.Response r = f.api.call("POST", "/api/shifts/" + shift.getString("id") + "/handover", wang,
                    new JsonObject().put("toAttendant", "li").put("cashFen", Long.MAX_VALUE));
            assertEquals(400, r.status(), r.body());
            r = f.api.call("POST", "/api/shifts/" + shift.getString("id") + "/handover", wang,
                    new JsonObject().put("toAttendant", "li").put("cashFen", 1.5));
            assertEquals(400, r.status(), r.body());
            f.api.ok("POST", "/api/shifts/" + shift.getString("id") + "/handover", wang,
                    new JsonObject().put("toAttendant", "li").put("cashFen", 0));
        }
    }

    /** Verifies that the bound is the site file's tariff.maxAmountFen, at the HTTP door and on lane events. */
    @Test
    void theMoneyBoundIsTheSitesOwn(Vertx vertx) throws Exception {
        TariffSchedule small = new TariffSchedule(CentralFixture.TARIFF.classes(),
                CentralFixture.TARIFF.visitorFreeTime(), 50_000);
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"), c -> c.withTariff(small));
             TestAgent lane = f.agent(CentralFixture.OUT, dir.resolve("agent"))) {
            String wang = f.user("wang", "ATTENDANT");
            f.user("li", "ATTENDANT");
            JsonObject shift = f.api.ok("POST", "/api/shifts", wang, new JsonObject().put("post", CentralFixture.POST))
                    .json();
            Api.Response r = f.api.call("POST", "/api/shifts/" + shift.getString("id") + "/handover", wang,
                    new JsonObject().put("toAttendant", "li").put("cashFen", 50_001));
            assertEquals(400, r.status(), r.body());
            assertTrue(r.body().contains("0..50000") && r.body().contains("tariff.maxAmountFen"), r.body());

            String over = java.util.UUID.randomUUID().toString();
            lane.uplink.publish(new io.parkgate.wire.LaneEvent(over, CentralFixture.OUT,
                    io.parkgate.wire.EventType.EXIT,
                    java.time.Instant.now(), "粤B00002", "粤B00002", null, 95, null, "TEMPORARY", "临时车", 50_001L,
                    io.parkgate.wire.PaymentMethod.CASH, null, null, null));
            io.parkgate.testing.Await.until(java.time.Duration.ofSeconds(10), "the event quarantined", () ->
                    f.api.ok("GET", "/api/quarantine", f.managerToken, null).array().encode().contains(over));
            JsonObject q = f.api.ok("GET", "/api/quarantine", f.managerToken, null).array().getJsonObject(0);
            assertTrue(q.getString("reason").contains("tariff.maxAmountFen"), q.encode());

            f.api.ok("POST", "/api/shifts/" + shift.getString("id") + "/handover", wang,
                    new JsonObject().put("toAttendant", "li").put("cashFen", 50_000));
        }
    }

    private static JsonObject vehicle(String plate) {
        return new JsonObject().put("vehicles", new JsonArray().add(new JsonObject().put("plate", plate)));
    }
}
