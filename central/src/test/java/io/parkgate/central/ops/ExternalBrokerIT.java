package io.parkgate.central.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parkgate.agent.app.AgentService;
import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.config.BrokerTls;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.testing.FreePorts;
import io.parkgate.testing.MosquittoExtension;
import io.parkgate.testing.TestMosquitto;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central and a lane's agent against a real Mosquitto over TLS (server and client certificates made by
 * openssl), with the password and ACL files written by {@code lanes credentials}: nothing hand-edited.
 */
@ExtendWith(VertxExtension.class)
class ExternalBrokerIT {

    @TempDir
    Path dir;

    @RegisterExtension
    final MosquittoExtension mosquitto = MosquittoExtension.startedByTheTest();

    @Test
    void centralAndAgentOverTlsWithGeneratedCredentials(Vertx vertx) throws Exception {
        int port = FreePorts.take();
        SiteConfig site = SiteConfigLoader.load(writeSite(port));
        Path creds = dir.resolve("creds");
        LaneCredentials.write(site, "central", creds);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(creds.resolve("agents/north-in.secrets"))));
        Tls tls = Tls.make(dir.resolve("tls"));
        // TLS on the broker's one listener; the lanes' generated password file and ACL, nothing hand-edited.
        mosquitto.start(TestMosquitto.with().port(port).passwordFile(creds.resolve("mosquitto/passwd"))
                .aclFile(creds.resolve("mosquitto/acl")).line("cafile " + tls.ca).line("certfile " + tls.serverCert)
                .line("keyfile " + tls.serverKey).line("require_certificate true"));
        BrokerTls centralTls = new BrokerTls(tls.ca, tls.clientCert, tls.clientKey);

        SecretsFile central = SecretsFile.load(creds.resolve("central.secrets"), k -> null);
        Map<String, CentralConfig.LaneSecrets> lanes = new HashMap<>();
        for (LaneConfig l : site.lanes()) {
            lanes.put(l.id(), new CentralConfig.LaneSecrets(central.required(LaneCredentials.laneMqttPassword(l.id()),
                    null), central.required(LaneCredentials.laneCommandSecret(l.id()), null)));
        }
        CentralConfig cfg = CentralConfig.fromSite(site, dir.resolve("central"), lanes, null,
                new CentralConfig.Credentials("central", central.required(LaneCredentials.CENTRAL_MQTT_PASSWORD, null)))
                .withPorts(0, 0);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Central c = Central.start(vertx, cfg, Clock.systemUTC(),
                new Central.Service(meters, "127.0.0.1", 0, centralTls))) {
            c.registry().upsert(new Principal("t", "t", Role.MANAGER), new RegistrySnapshot(0,
                    List.of(new Owner("o1", "张三", "1-1-101", "138")),
                    List.of(new Vehicle("粤B12345", "o1", PlateColour.BLUE, VehicleClass.SMALL)), List.of(),
                    List.of(new Pass("p1", "粤B12345", Pass.Type.PERMANENT, Instant.EPOCH, null)), List.of(),
                    List.of(), List.of())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

            // The agent of north-in, built as the agent service builds it, reaches central over TLS.
            LaneConfig lane = site.lane("north-in").orElseThrow();
            Path laneDir = site.agents().dataDir(lane.id());
            GateAgent agent = GateAgent.start(site, lane, Clock.systemUTC(), new GateAgent.Options(laneDir,
                    AgentService.uplink(site, lane, laneDir, SecretsFile.load(creds.resolve("agents/north-in.secrets"),
                            k -> null), new BrokerTls(tls.ca, tls.clientCert, tls.clientKey)),
                    DeviceMetrics.NOOP, LaneListener.NONE, null, meters));
            try (agent) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (agent.registryVehicleCount() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(100); // awaiting the snapshot over the real broker
                }
                assertEquals(1, agent.registryVehicleCount(), "registry reached the agent");

                // One lane's credentials cannot publish as another: Mosquitto drops it, central's user never sees it.
                String root = "parkgate/" + site.siteId() + "/lane/";
                BlockingQueue<String> seen = new LinkedBlockingQueue<>();
                MqttClient watcher = client(port, "watch", "central", central.required("central.mqtt.password",
                        null), tls);
                watcher.subscribe("parkgate/" + site.siteId() + "/#", 1, (t, m) -> seen.add(t));
                SecretsFile inSecrets = SecretsFile.load(creds.resolve("agents/north-in.secrets"), k -> null);
                MqttClient in = client(port, "intruder", "north-in", inSecrets.required("mqtt.password", null), tls);
                in.publish(root + "north-out/event", "{}".getBytes(StandardCharsets.UTF_8), 1, false);
                in.publish(root + "north-in/event", "{}".getBytes(StandardCharsets.UTF_8), 1, false);
                String first = seen.poll(20, TimeUnit.SECONDS);
                while (first != null && !first.endsWith("/event")) {
                    first = seen.poll(20, TimeUnit.SECONDS); // status messages of the agent may come first
                }
                assertEquals(root + "north-in/event", first, "only its own lane's publication got through");
                in.disconnect();
                watcher.disconnect();

                // A wrong password is refused at once with a reason, not retried for ever.
                MqttException refused = assertThrows(MqttException.class,
                        () -> client(port, "wrong", "north-in", "not-the-password", tls));
                assertTrue(refused.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                        || refused.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED, refused.toString());

                // The agent service with a wrong password and no registry yet stops with one line and status 3;
                // with a secrets file others may read it does not start at all.
                Path bad = dir.resolve("bad.secrets");
                Files.writeString(bad, "mqtt.password=not-the-password\ncommand.secret="
                        + inSecrets.required("command.secret", null) + "\n");
                Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rw-------"));
                String[] refusedRun = agentMain(site, bad, tls);
                assertEquals(3, refusedRun.length == 2 ? Integer.parseInt(refusedRun[0]) : -1, String.join("\n",
                        refusedRun));
                assertTrue(refusedRun[1].contains("refused user 'north-out'")
                        && refusedRun[1].contains("mqtt.password"), refusedRun[1]);
                Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rw-r--r--"));
                String[] shared = agentMain(site, bad, tls);
                assertEquals("3", shared[0], shared[1]);
                assertTrue(shared[1].contains("chmod 600"), shared[1]);

                // Central's management port serves its meters and the agent's; every query of the Grafana
                // dashboard names a meter that is there.
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.httpPort()
                        + "/api/me")).timeout(java.time.Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + c.managementPort() + "/metrics"))
                        .timeout(java.time.Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, scrape.statusCode());
                assertTrue(scrape.body().contains("parking_central_broker_connected 1.0"), scrape.body());
                assertTrue(scrape.body().contains("parking_registry_vehicles{lane=\"north-in\"} 1.0"), scrape.body());
                Map<String, List<String>> panels = Dashboard.meters();
                assertTrue(panels.size() >= 15, "dashboard panels: " + panels.keySet());
                for (Map.Entry<String, List<String>> panel : panels.entrySet()) {
                    assertTrue(!panel.getValue().isEmpty(), "panel '" + panel.getKey() + "' queries no parking meter");
                    for (String meter : panel.getValue()) {
                        assertTrue(java.util.regex.Pattern.compile("(?m)^" + meter + "[{ ]").matcher(scrape.body())
                                .find(),
                                "panel '" + panel.getKey() + "' queries " + meter + ", which central and the agent do "
                                        + "not expose");
                    }
                }
                // Unauthenticated: answered by the /api/ guard route, counted under that template.
                assertTrue(scrape.body().contains(
                        "parking_http_requests_seconds_count{method=\"GET\",route=\"/api/\",status=\"401\"} 1"),
                        scrape.body());
            }
        }
    }

    /** Runs the agent service for north-out as its own process; returns its exit status and output. */
    private String[] agentMain(SiteConfig site, Path secrets, Tls tls) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.parkgate.agent.app.AgentMain", "run", "--site",
                site.source().toString(), "--lane", "north-out", "--secrets", secrets.toString(), "--broker-ca",
                tls.ca.toString(), "--broker-cert", tls.clientCert.toString(), "--broker-key", tls.clientKey.toString(),
                "--metrics-port", "0", "--data", dir.resolve("bad-agent").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    private static MqttClient client(int port, String id, String user, String password, Tls tls) throws Exception {
        MqttClient c = new MqttClient("ssl://127.0.0.1:" + port, id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setSocketFactory(new BrokerTls(tls.ca, tls.clientCert, tls.clientKey).socketFactory());
        c.connect(o);
        return c;
    }

    private Path writeSite(int port) throws Exception {
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, """
                site: { id: gardens, name: 花园小区 }
                agents: { dataDir: %s }
                central: { mqttUrl: "ssl://127.0.0.1:%d", httpPort: 0 }
                tariff:
                  visitorFreeTime: 2h
                  small: { freeTime: 15min, capPer24h: 3000, day: { from: "07:00", to: "19:00", \
                  firstPeriod: { length: 1h, price: 500 }, laterPeriods: { length: 1h, price: 300 } }, \
                  night: { flat: 1000 } }
                  large: { freeTime: 15min, capPer24h: 6000, day: { from: "07:00", to: "19:00", \
                  firstPeriod: { length: 1h, price: 1000 }, laterPeriods: { length: 1h, price: 600 } }, \
                  night: { flat: 2000 } }
                lanes:
                  - { id: north-in, name: 北门入口, direction: IN, post: north-gate, \
                  devices: { io: { transport: "tcp://127.0.0.1:9" }, cardReader: { transport: "tcp://127.0.0.1:7" } } }
                  - { id: north-out, name: 北门出口, direction: OUT, post: north-gate, \
                  devices: { io: { transport: "tcp://127.0.0.1:13" }, \
                  cardReader: { transport: "tcp://127.0.0.1:17" } } }
                """.formatted(dir.resolve("agents"), port), StandardCharsets.UTF_8);
        return site;
    }


    /** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
    record Tls(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
        static Tls make(Path d) throws Exception {
            Files.createDirectories(d);
            run(d, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test-ca",
                    "-keyout", "ca.key", "-out", "ca.pem");
            for (String name : new String[] {"server", "client"}) {
                run(d, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + (name.equals("server")
                        ? "127.0.0.1" : "parkgate-client"), "-keyout", name + ".key", "-out", name + ".csr");
                Files.writeString(d.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1\n");
                run(d, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                        "-CAcreateserial", "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
            }
            return new Tls(d.resolve("ca.pem"), d.resolve("server.pem"), d.resolve("server.key"),
                    d.resolve("client.pem"), d.resolve("client.key"));
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
