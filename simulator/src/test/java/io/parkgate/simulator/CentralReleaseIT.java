package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.Central;
import io.parkgate.plate.PlateColour;
import io.parkgate.simulator.lane.Behaviour;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.lane.SimulatedVehicle;
import io.parkgate.simulator.scenario.Scenario;
import io.parkgate.simulator.scenario.ScenarioStep;
import io.parkgate.simulator.testutil.CarParkFixture;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.traffic.Population;
import io.parkgate.simulator.traffic.PopulationSize;
import io.parkgate.simulator.traffic.Resident;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain for a held vehicle, on real wires: a car presents a resident's card with another plate at
 * a simulated lane, the real agent holds it, central opens an exception, a supervisor claims and resolves it
 * through the HTTP API, central sends the signed release over MQTT, the agent verifies it and the simulated
 * barrier opens; and an attendant may not resolve.
 */
class CentralReleaseIT {

    private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Verifies that a card/plate mismatch is held, resolved by a supervisor through the API, and the barrier opens. */
    @Test
    void mismatchHeldResolvedThroughTheApiAndReleased() throws Exception {
        Population pop = Population.generate(5, new PopulationSize(30, 2, 1, 1, 1), START);
        Resident resident = pop.residents().stream()
                .filter(r -> r.passStatus() == Resident.PassStatus.VALID && r.card() != null).findFirst().orElseThrow();
        try (CarParkFixture park = new CarParkFixture(dir, START, 5, pop, url -> url)) {
            Simulator sim = park.sim;
            Central central = park.central;
            {
                String manager = login(central, "boss", "boss-password");
                // Central sees each lane online, with its devices' states and the barrier, from the agent's status.
                SimFixture.await("lane status at central", 20_000, () -> {
                    JsonArray lanes = new JsonArray(get(central, "/api/lanes", manager).body());
                    String text = lanes.encode();
                    return lanes.size() == 2 && text.contains("\"online\":true") && text.contains("IO_CONTROLLER")
                            && text.contains("CONNECTED") && text.contains("CLOSED");
                });
                String supervisor = createUser(central, manager, "li", "SUPERVISOR");
                String attendant = createUser(central, manager, "wang", "ATTENDANT");

                SimulatedVehicle impostor = new SimulatedVehicle("impostor", "湘A99999", PlateColour.BLUE,
                        resident.card().number(), Behaviour.NORMAL, Duration.ofMinutes(30));
                Scenario scenario = new Scenario("release", null, List.of(new ScenarioStep(Duration.ZERO, "north-in",
                        impostor, null, null, null, "mismatch")));
                sim.startClock();
                ScenarioRunner run = ScenarioRunner.schedule(sim, scenario);

                JsonObject[] held = new JsonObject[1];
                SimFixture.await("exception at central", 30_000, () -> {
                    JsonArray open = new JsonArray(get(central, "/api/exceptions", supervisor).body());
                    for (int i = 0; i < open.size(); i++) {
                        if ("湘A99999".equals(open.getJsonObject(i).getString("plate"))) {
                            held[0] = open.getJsonObject(i);
                            return true;
                        }
                    }
                    return false;
                });
                String id = held[0].getString("id");
                assertEquals("north-in", held[0].getString("laneId"));
                assertEquals(0, sim.report().lanes().get(0).count(Passage.Outcome.PASSED), "held, not let through");

                JsonObject resolution = new JsonObject().put("licenceNo", "430102199001011234")
                        .put("idCardNo", "430102199001011234").put("statement", "借用业主的卡，核实身份后放行")
                        .put("signatureRef", "data:image/png;base64,iVBORw0KGgo=").put("feeFen", 0)
                        .put("feeAction", "WAIVE").put("waiveReason", "入场不收费").put("outcome", "核实后放行")
                        .put("release", true);
                assertEquals(403, post(central, "/api/exceptions/" + id + "/resolve", attendant, resolution)
                        .statusCode(), "an attendant may not resolve");
                assertEquals(200, post(central, "/api/exceptions/" + id + "/claim", supervisor, new JsonObject())
                        .statusCode());
                HttpResponse<String> done = post(central, "/api/exceptions/" + id + "/resolve", supervisor,
                        resolution);
                assertEquals(200, done.statusCode(), done.body());

                assertTrue(run.awaitFinished(60, TimeUnit.SECONDS), "vehicle finished\n" + sim.report().toText());
                LaneSummary in = sim.report().lanes().get(0);
                assertEquals(1, in.count(Passage.Outcome.PASSED), "released and passed\n" + sim.report().toText());
                assertTrue(sim.report().violations().isEmpty(), sim.report().toText());
            }
        }
    }

    /**
     * Verifies the booth's plate correction on real wires: the camera reads another plate than the resident's
     * car carries, the agent holds the card/plate mismatch, the attendant types the plate read at the booth,
     * central sends the signed correction, the agent decides again, and the simulated barrier opens.
     */
    @Test
    void misreadPlateCorrectedAtTheBoothOpens() throws Exception {
        Population pop = Population.generate(5, new PopulationSize(30, 2, 1, 1, 1), START);
        Resident resident = pop.residents().stream()
                .filter(r -> r.passStatus() == Resident.PassStatus.VALID && r.card() != null).findFirst().orElseThrow();
        String plate = resident.vehicle().plate();
        try (CarParkFixture park = new CarParkFixture(dir, START, 5, pop, url -> url)) {
            Simulator sim = park.sim;
            Central central = park.central;
            String manager = login(central, "boss", "boss-password");
            String attendant = createUser(central, manager, "wang", "ATTENDANT");
            // the camera reads 湘A99999 off the resident's car (dirt, glare): card and plate disagree
            SimulatedVehicle car = new SimulatedVehicle("misread", "湘A99999", PlateColour.BLUE,
                    resident.card().number(), Behaviour.NORMAL, Duration.ofMinutes(30));
            sim.startClock();
            ScenarioRunner run = ScenarioRunner.schedule(sim, new Scenario("correct", null, List.of(
                    new ScenarioStep(Duration.ZERO, "north-in", car, null, null, null, "misread"))));
            JsonObject[] held = new JsonObject[1];
            SimFixture.await("exception at central", 30_000, () -> {
                JsonArray open = new JsonArray(get(central, "/api/exceptions", attendant).body());
                for (int i = 0; i < open.size(); i++) {
                    if ("湘A99999".equals(open.getJsonObject(i).getString("plateAsRead"))) {
                        held[0] = open.getJsonObject(i);
                        return true;
                    }
                }
                return false;
            });
            assertEquals(0, sim.report().lanes().get(0).count(Passage.Outcome.PASSED), "held, not let through");

            HttpResponse<String> corrected = post(central, "/api/exceptions/" + held[0].getString("id")
                    + "/correct-plate", attendant, new JsonObject().put("plate", plate));
            assertEquals(200, corrected.statusCode(), corrected.body());

            assertTrue(run.awaitFinished(60, TimeUnit.SECONDS), "vehicle finished\n" + sim.report().toText());
            assertEquals(1, sim.report().lanes().get(0).count(Passage.Outcome.PASSED),
                    "decided again and passed\n" + sim.report().toText());
            assertTrue(sim.report().violations().isEmpty(), sim.report().toText());
            SimFixture.await("the entry at central under the corrected plate", 20_000, () -> new JsonArray(get(central,
                    "/api/passages?plate=" + java.net.URLEncoder.encode(plate, java.nio.charset.StandardCharsets.UTF_8),
                    manager).body()).stream().anyMatch(o -> "ENTRY".equals(((JsonObject) o).getString("type"))));
        }
    }

    private String login(Central central, String user, String password) throws Exception {
        HttpResponse<String> r = post(central, "/api/login", null,
                new JsonObject().put("username", user).put("password", password));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("token");
    }

    private String createUser(Central central, String manager, String name, String role) throws Exception {
        HttpResponse<String> r = post(central, "/api/users", manager, new JsonObject().put("username", name)
                .put("role", role).put("password", name + "-password"));
        assertTrue(r.statusCode() / 100 == 2, r.body());
        return login(central, name, name + "-password");
    }

    private HttpResponse<String> get(Central central, String path, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + central.httpPort() + path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> post(Central central, String path, String token, JsonObject body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + central.httpPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
