package io.parkgate.simulator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.config.SecretsFile;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.testing.FreePorts;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.RegistryCodec;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The car park as it is deployed, every part its own OS process started from the built distributions:
 * Mosquitto over TLS with the password and ACL files {@code parkgate-central lanes credentials} wrote,
 * central, one agent per lane, and the simulator driving the lanes' devices over TCP (and posting the imaging
 * lane's camera frames to its agent over HTTP, for the agent to read the plates itself). Residents are
 * registered at central over HTTP only; they must reach each agent over MQTT, the lanes must open for
 * them, and central must store each passage once, as both Prometheus endpoints count it.
 */
class DistributionIT {

    /** An entry and an exit with smart cameras, and an entry whose agent reads plates from camera frames. */
    private static final List<String> LANES = List.of("north-in", "north-out", "east-in");
    private static final String IMAGING = "east-in";
    private static final Path CENTRAL_DIST = dist(Path.of("..", "central", "target"), "parkgate-central");
    private static final Path AGENT_DIST = dist(Path.of("..", "gate-agent", "target"), "parkgate-agent");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void residentsRegisteredAtCentralPassTheLanesAndEachPassageIsStoredOnce() throws Exception {
        int mqtt = FreePorts.take();
        int httpPort = FreePorts.take();
        int management = FreePorts.take();
        Path site = writeSite(mqtt, httpPort);
        Path creds = dir.resolve("secrets");

        Process credentials = start("credentials", CENTRAL_DIST.resolve("bin/parkgate-central").toString(), "lanes",
                "credentials", "--config", site.toString(), "--out", creds.toString());
        assertTrue(credentials.waitFor(60, TimeUnit.SECONDS) && credentials.exitValue() == 0, log("credentials"));

        Path tls = Tls.make(dir.resolve("tls"));
        startMosquitto(mqtt, creds, tls);

        String[] centralCommand = {CENTRAL_DIST.resolve("bin/parkgate-central").toString(), "serve",
                "--config", site.toString(), "--data", dir.resolve("central").toString(), "--secrets",
                creds.resolve("central.secrets").toString(), "--manager", "admin", "--broker-ca",
                tls.resolve("ca.pem").toString(), "--management-port", Integer.toString(management)};
        Process central = start("central", centralCommand);
        awaitLog("central", central, "READY central", 90);

        String managerPassword = SecretsFile.load(creds.resolve("central.secrets"), k -> null)
                .required("manager.password", null);
        String token = login(httpPort, managerPassword);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/registry")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(RegistryCodec.toJson(residents()).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());

        List<Integer> metricsPorts = new ArrayList<>();
        List<String[]> agentCommands = new ArrayList<>();
        List<Process> agents = new ArrayList<>();
        for (String lane : LANES) {
            int port = FreePorts.take();
            metricsPorts.add(port);
            String[] command = {AGENT_DIST.resolve("bin/parkgate-agent").toString(), "run", "--site",
                    site.toString(), "--lane", lane, "--secrets", creds.resolve("agents").resolve(lane + ".secrets")
                            .toString(), "--broker-ca", tls.resolve("ca.pem").toString(), "--metrics-port",
                    Integer.toString(port), "--data", dir.resolve("agents").resolve(lane).toString()};
            agentCommands.add(command);
            // the imaging lane's agent logs JSON lines, as a log collector would have them
            Process agent = lane.equals(IMAGING) ? start(lane, java.util.Map.of("PARKGATE_LOG_FORMAT", "json"), command)
                    : start(lane, command);
            awaitLog(lane, agent, "READY " + lane, 90);
            // the launcher's JVM options file is in force
            assertTrue(log(lane).contains("JIT thresholds lowered (Tier4InvocationThreshold=100)"), log(lane));
            // and it warmed up before its devices started (on an empty registry: central has not sent it yet)
            assertTrue(log(lane).contains("warmed up on 300 made-up cars"), log(lane));
            agents.add(agent);
        }
        for (int i = 0; i < LANES.size(); i++) {
            String lane = LANES.get(i);
            int port = metricsPorts.get(i);
            await(lane + " has central's registry", 60, () -> metric(port, "parking_registry_vehicles",
                    "lane=\"" + lane + "\"") == 3);
            // Its clock was checked against central's (same machine: no offset), and it says so as a number.
            Pattern offset = Pattern.compile("(?m)^parking_clock_offset_seconds\\{[^}]*lane=\"" + lane
                    + "\"[^}]*\\} (\\S+)$");
            try {
                await(lane + "'s clock checked against central's", 60, () -> {
                    Matcher m = offset.matcher(scrape(port));
                    return m.find() && Math.abs(Double.parseDouble(m.group(1))) <= 2;
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": " + scrape(port).lines().filter(l -> l.contains("clock"))
                        .toList() + "\n--- " + lane + ":\n" + tail(log(lane)) + "\n--- central:\n"
                        + tail(log("central")), e);
            }
        }
        try (var files = Files.list(dir.resolve("agents/north-in"))) {
            assertTrue(files.anyMatch(p -> p.endsWith("lane.db")), "lane.db directly in the lane's data directory");
        }

        // One lane's credentials cannot publish as another lane: the forged event never reaches central.
        LaneEvent forged = LaneEvent.of("forged-by-north-in", "north-out", EventType.EXIT, Instant.now(), "粤B66666",
                "RESIDENT_PASS", "forged");
        Process pub = start("mosquitto_pub", "mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(mqtt),
                "--cafile", tls.resolve("ca.pem").toString(), "-u", "north-in", "-P",
                SecretsFile.load(creds.resolve("agents/north-in.secrets"), k -> null).required("mqtt.password", null),
                "-q", "1", "-t", "parkgate/lakeside/lane/north-out/event",
                "-m", new String(MessageCodec.encode(forged), StandardCharsets.UTF_8));
        assertTrue(pub.waitFor(30, TimeUnit.SECONDS), log("mosquitto_pub"));

        Process simulator = start("simulator", javaBin(), "-cp", System.getProperty("java.class.path"),
                "io.parkgate.simulator.SimulatorMain", "--site", site.toString(), "--scenario",
                writeScenario().toString(), "--speed", "1", "--wait-for-agents", "60s");
        int inMetrics = metricsPorts.get(0);
        int outMetrics = metricsPorts.get(1);
        int imagingMetrics = metricsPorts.get(2);

        // kill -9 of the entry lane's agent after its first passage; the restarted agent carries on.
        await("first entry opened", 90, () -> metric(inMetrics, "parking_lane_opens_total", "lane=\"north-in\"") >= 1);
        kill9(agents.get(0));
        Process restarted = start("north-in-2", agentCommands.get(0));
        awaitLog("north-in-2", restarted, "READY north-in", 60);

        // The unknown vehicle at the exit is held; a supervisor releases it over HTTP and the barrier opens.
        String exceptionId = awaitException(httpPort, token);
        post(httpPort, token, "/api/exceptions/" + exceptionId + "/claim", new JsonObject());
        JsonObject resolved = post(httpPort, token, "/api/exceptions/" + exceptionId + "/resolve", new JsonObject()
                .put("licenceNo", "440301199001011234").put("idCardNo", "440301199001011234")
                .put("statement", "访客，未登记").put("signatureRef", "sig/1.png").put("feeFen", 0)
                .put("feeAction", "WAIVE").put("waiveReason", "测试放行").put("outcome", "核实放行").put("release", true));
        assertTrue(resolved.getString("commandId") != null, resolved.encode());
        try {
            await("the released vehicle's barrier opened", 60,
                    () -> metric(outMetrics, "parking_lane_opens_total", "lane=\"north-out\"") >= 1);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- north-out:\n" + tail(log("north-out"))
                    + "\n--- central:\n" + tail(log("central")) + "\n--- mosquitto:\n" + tail(log("mosquitto")), e);
        }

        // kill -9 of central once the entries are done: the exit lane decides on alone, its events wait.
        await("the other two entries opened after the restart", 90,
                () -> metric(inMetrics, "parking_lane_opens_total", "lane=\"north-in\"") >= 2);
        kill9(central);
        await("three exits opened while central was down", 120,
                () -> metric(outMetrics, "parking_lane_opens_total", "lane=\"north-out\"") >= 4);
        assertTrue(metric(outMetrics, "parking_uplink_outbox_depth", "lane=\"north-out\"") >= 3,
                "the exits wait in the outbox");
        Process central2 = start("central-2", centralCommand);
        awaitLog("central-2", central2, "READY central", 90);


        assertTrue(simulator.waitFor(150, TimeUnit.SECONDS), "simulator finished: " + log("simulator")
                + "\n--- north-out:\n" + tail(log("north-out")) + "\n--- central-2:\n" + tail(log("central-2"))
                + "\n--- mosquitto:\n" + tail(log("mosquitto")));
        assertEquals(0, simulator.exitValue(), "every expectation met, the release included: " + log("simulator"));

        // The exit lane (never restarted) counted exactly the traffic it saw; central caught up with it.
        assertEquals(4, metric(outMetrics, "parking_lane_opens_total", "lane=\"north-out\""),
                "3 residents + 1 released");
        assertEquals(3, metric(outMetrics, "parking_lane_decisions_total",
                "code=\"RESIDENT_PASS\",lane=\"north-out\""));
        // The imaging lane read both visitors' plates from the frames and let them in.
        assertEquals(2, metric(imagingMetrics, "parking_lane_opens_total", "lane=\"east-in\""), log(IMAGING));
        assertTrue(metric(imagingMetrics, "parking_lpr_duration_seconds_count",
                "lane=\"east-in\",result=\"READ\"") >= 2,
                "the agent's own recognition read the plates");
        assertEquals(2, metric(imagingMetrics, "parking_lane_open_latency_seconds_count", "lane=\"east-in\""),
                "frame → OPEN timed for each");
        await("the imaging lane's outbox drained", 60,
                () -> metric(imagingMetrics, "parking_uplink_outbox_depth", "lane=\"east-in\"") == 0);
        await("the exit lane's outbox drained", 60,
                () -> metric(outMetrics, "parking_uplink_outbox_depth", "lane=\"north-out\"") == 0);
        await("the restarted entry lane's outbox drained", 60,
                () -> metric(inMetrics, "parking_uplink_outbox_depth", "lane=\"north-in\"") == 0);
        assertEquals(0, metric(inMetrics, "parking_uplink_outbox_depth", "lane=\"north-in\",site=\"lakeside\""),
                "an agent's meters carry its site");
        assertTrue(metric(management, "parking_central_events_committed_total", "site=\"lakeside\",type=\"EXIT\"")
                        >= 3,
                "the exits held back while central was down were ingested after its restart");
        assertEquals(200, get(management, "/ready").statusCode());

        // A clean stop logs no warning.
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            if (p.isAlive()) {
                p.destroy();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped on SIGTERM");
            }
        }
        for (String name : List.of("central-2", "north-in-2", "north-out")) {
            String text = log(name);
            int stopping = text.indexOf("stopping");
            assertTrue(stopping > 0 && text.contains(" stopped"), name + " logs its stop:\n" + text);
            String shutdown = text.substring(stopping);
            assertFalse(shutdown.contains("[WARN]") || shutdown.contains("[ERROR]"),
                    name + " logged a warning while stopping:\n" + shutdown);
            assertTrue(Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}").matcher(text).find(),
                    name + " lines carry date and time:\n" + text);
        }
        assertJsonLines(log(IMAGING));
        assertEveryEventStoredOnce();
    }

    /** The imaging agent ran with PARKGATE_LOG_FORMAT=json: every log line is a JSON object, its stop has no WARN. */
    private static void assertJsonLines(String text) {
        List<JsonObject> lines = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("READY ")) {
                continue; // the start-up handshake on standard output stays plain
            }
            try {
                lines.add(new JsonObject(line));
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON line: " + line + "\n" + text, e);
            }
        }
        assertTrue(lines.stream().allMatch(j -> j.getString("time").matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}.+")),
                "every line has its time:\n" + text);
        assertTrue(lines.stream().anyMatch(j -> j.getString("logger").equals("lane." + IMAGING)),
                "the lane's story:\n" + text);
        int stopping = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (stopping < 0 && lines.get(i).getString("message").contains("stopping")) {
                stopping = i;
            }
        }
        assertTrue(stopping >= 0, "logs its stop:\n" + text);
        for (JsonObject j : lines.subList(stopping, lines.size())) {
            assertFalse(j.getString("level").equals("WARN") || j.getString("level").equals("ERROR"),
                    "a warning while stopping: " + j.encode());
        }
    }

    /** Every event either lane journalled is in central's register exactly once; the forged one is not. */
    private void assertEveryEventStoredOnce() throws Exception {
        java.util.Set<String> journalled = new java.util.HashSet<>();
        for (String lane : LANES) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                    + dir.resolve("agents").resolve(lane).resolve("outbox.db"));
                 java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT event_id FROM outbox")) {
                while (rs.next()) {
                    journalled.add(rs.getString(1));
                }
            }
        }
        List<String> stored = new ArrayList<>();
        java.util.Map<String, Integer> byType = new java.util.HashMap<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("central").resolve("central.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT event_id, type FROM lane_events")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
                byType.merge(rs.getString(2), 1, Integer::sum);
            }
        }
        assertEquals(stored.size(), new java.util.HashSet<>(stored).size(), "each event stored once");
        assertTrue(stored.containsAll(journalled), "every journalled event reached central");
        assertFalse(stored.contains("forged-by-north-in"), "one lane published as another");
        assertEquals(5, byType.get("ENTRY"), "3 residents at north-in, 2 visitors at east-in: " + byType);
        assertTrue(byType.getOrDefault("EXIT", 0) >= 3, "the resident exits: " + byType);
    }

    private String awaitException(int port, String token) throws Exception {
        String[] id = new String[1];
        await("central raised the held vehicle's exception", 120, () -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/exceptions")).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                // The entry lane's kill -9 mid-passage raises its own exceptions: pick the held vehicle's.
                for (Object o : new io.vertx.core.json.JsonArray(r.body())) {
                    JsonObject x = (JsonObject) o;
                    if ("north-out".equals(x.getString("laneId")) && "粤B99999".equals(x.getString("plate"))) {
                        id[0] = x.getString("id");
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        return id[0];
    }

    private JsonObject post(int port, String token, String path, JsonObject body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return new JsonObject(r.body());
    }

    private static String tail(String text) {
        String[] lines = text.lines().filter(l -> !l.contains("WAITING_FOR_RETRY")).toArray(String[]::new);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
    }

    private static void kill9(Process p) throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "killed");
    }

    private static RegistrySnapshot residents() {
        List<Owner> owners = new ArrayList<>();
        List<Vehicle> vehicles = new ArrayList<>();
        List<Card> cards = new ArrayList<>();
        List<Pass> passes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String plate = "粤B1000" + i;
            owners.add(new Owner("o" + i, "业主" + i, "1-1-10" + i, "1380000000" + i));
            vehicles.add(new Vehicle(plate, "o" + i, PlateColour.BLUE, VehicleClass.SMALL));
            cards.add(new Card("0E00A35C2" + i, "o" + i, plate, Card.Status.ACTIVE));
            // Valid around today, whatever today is: central refuses passes ending ten years ahead or more.
            Instant today = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            passes.add(new Pass("p" + i, plate, Pass.Type.ANNUAL, today.minus(java.time.Duration.ofDays(400)),
                    today.plus(java.time.Duration.ofDays(400))));
        }
        return new RegistrySnapshot(0, owners, vehicles, cards, passes, List.of(), List.of(), List.of());
    }

    private Path writeScenario() throws IOException {
        StringBuilder y = new StringBuilder("name: deploy smoke\nvehicles:\n");
        for (int i = 1; i <= 3; i++) {
            y.append("  r").append(i).append(": { plate: 粤B1000").append(i).append(", card: \"0E00A35C2").append(i)
                    .append("\" }\n");
        }
        y.append("steps:\n");
        // 12 s apart: time for the entry lane's agent to be killed and restarted between the first two
        y.append("  - { after: 1s, lane: north-in, arrive: r1, expect: opens, within: 10s }\n");
        // no entry record: held until a supervisor releases it over central's HTTP API
        y.append("  - { after: 4s, lane: north-out, arrive: { plate: 粤B99999, patience: 5min },"
                + " expect: opens, within: 120s }\n");
        y.append("  - { after: 8s, lane: north-in, arrive: r2, expect: opens, within: 10s }\n");
        y.append("  - { after: 12s, lane: north-in, arrive: r3, expect: opens, within: 10s }\n");
        // visitors at the imaging lane: no card, the agent must read the plate from the frames
        y.append("  - { after: 2s, lane: east-in, arrive: { plate: 粤B20001 }, expect: opens, within: 20s }\n");
        y.append("  - { after: 2s, lane: east-in, arrive: { plate: 粤B20002 }, expect: opens, within: 20s }\n");
        for (int i = 1; i <= 3; i++) {
            // central is killed before these: the exit lane decides alone
            y.append("  - { after: ").append(i == 1 ? "26s" : "8s").append(", lane: north-out, arrive: r").append(i)
                    .append(", expect: opens, within: 10s }\n");
        }
        Path f = dir.resolve("scenario.yaml");
        Files.writeString(f, y.toString(), StandardCharsets.UTF_8);
        return f;
    }

    private Path writeSite(int mqtt, int httpPort) throws IOException {
        String imaging = Files.readString(Path.of("..", "config", "examples", "compound-imaging.yaml"),
                StandardCharsets.UTF_8);
        String text = Files.readString(Path.of("..", "config", "examples", "compound-2-lanes.yaml"),
                StandardCharsets.UTF_8).stripTrailing() + "\n\n" + imaging.substring(imaging.indexOf(
                        "  - id: east-in"));
        Matcher m = Pattern.compile("tcp://127\\.0\\.0\\.1:(47\\d{3})").matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, "tcp://127.0.0.1:" + FreePorts.take());
        }
        m.appendTail(b);
        text = b.toString()
                .replaceFirst("mqttPort: 47001[^\n]*", "mqttUrl: \"ssl://127.0.0.1:" + mqtt + "\"")
                .replaceFirst("httpPort: 47080", "httpPort: " + httpPort)
                .replaceFirst("dataDir: var/agents", "dataDir: " + dir.resolve("agents"))
                .replaceFirst("framePort: 0[^\n]*", "framePort: " + FreePorts.take());
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, text, StandardCharsets.UTF_8);
        return site;
    }

    private void startMosquitto(int port, Path creds, Path tls) throws Exception {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n", "user " + System.getProperty("user.name"), "persistence false",
                "log_dest stdout", "log_type all", "listener " + port + " 127.0.0.1", "cafile " + tls.resolve("ca.pem"),
                "certfile " + tls.resolve("server.pem"), "keyfile " + tls.resolve("server.key"),
                "allow_anonymous false", "password_file " + creds.resolve("mosquitto/passwd"),
                "acl_file " + creds.resolve("mosquitto/acl"), ""));
        Process p = start("mosquitto", "mosquitto", "-c", conf.toString());
        await("mosquitto listening", 20, () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        assertTrue(p.isAlive(), log("mosquitto"));
    }

    private String login(int port, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin")
                        .put("password", password).encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("token");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The agent's Prometheus page, or "" when it does not answer. */
    private String scrape(int port) {
        try {
            return get(port, "/metrics").body();
        } catch (Exception e) {
            return "";
        }
    }

    /** A sample's value from a Prometheus scrape; -1 when the port does not answer or the sample is absent. */
    /**
     * The value of the first series of {@code name} whose labels include each of {@code labels} ({@code k="v"},
     * comma-separated; null: any), or -1.
     */
    private double metric(int port, String name, String labels) {
        try {
            String body = get(port, "/metrics").body();
            List<String> wanted = labels == null ? List.of() : List.of(labels.split(","));
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(body);
            while (m.find()) {
                List<String> have = m.group(1) == null ? List.of() : List.of(m.group(1).split(","));
                if (have.containsAll(wanted)) {
                    return Double.parseDouble(m.group(2));
                }
            }
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private Process start(String name, String... command) throws IOException {
        return start(name, java.util.Map.of(), command);
    }

    private Process start(String name, java.util.Map<String, String> environment, String... command)
            throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        b.environment().putAll(environment);
        Process p = b.start();
        processes.add(p);
        return p;
    }

    private void awaitLog(String name, Process p, String line, int seconds) throws Exception {
        await(name + " prints '" + line + "'", seconds, () -> {
            assertTrue(p.isAlive(), name + " exited " + log(name));
            return log(name).contains(line);
        });
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(200); // polling another process's state
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }


    private static Path dist(Path target, String name) {
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().endsWith("-dist") && Files.isDirectory(p))
                    .map(p -> p.resolve(name)).findFirst().orElseThrow(() -> new IllegalStateException(
                            "no distribution in " + target + ": build it with mvn package first"));
        } catch (IOException e) {
            throw new IllegalStateException("no distribution in " + target + ": build it with mvn package first", e);
        }
    }

    /** A CA and a server certificate for 127.0.0.1, made with openssl; returns their directory. */
    static final class Tls {
        static Path make(Path d) throws Exception {
            Files.createDirectories(d);
            run(d, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test-ca",
                    "-keyout", "ca.key", "-out", "ca.pem");
            run(d, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout",
                    "server.key", "-out", "server.csr");
            Files.writeString(d.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
            run(d, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.pem");
            return d;
        }

        private static void run(Path d, String... cmd) throws Exception {
            Process p = new ProcessBuilder(cmd).directory(d.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError(String.join(" ", cmd) + ": " + out);
            }
        }
    }
}
