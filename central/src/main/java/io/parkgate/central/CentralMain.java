package io.parkgate.central;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.ops.LaneCredentials;
import io.parkgate.config.BrokerTls;
import io.parkgate.config.ConfigException;
import io.parkgate.config.Direction;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SecretsException;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central as a service (docs/deploy.md); wiring only:
 * <pre>
 * parkgate-central [serve] --config SITE.yaml --data DIR --secrets FILE [--manager USER]
 *     [--management-host HOST] [--management-port N] [--broker-ca FILE] [--broker-cert FILE --broker-key FILE]
 * parkgate-central [serve] --site ID --data DIR --secrets FILE [--lane id:post:IN|OUT]... [--http-port N]
 *     [--mqtt-port N] [--broker URL] [--mqtt-user U] [--manager USER] [--management-port N]
 * parkgate-central lanes credentials --config SITE.yaml --out DIR [--mqtt-user U]
 * </pre>
 * Every secret (central's MQTT password, each lane's MQTT password and command secret, the first
 * manager's password, a PostgreSQL database's password) comes from the secrets file, readable by the
 * service user only, or the environment ({@code PARKGATE_CENTRAL_MQTT_PASSWORD}, {@code PARKGATE_MANAGER_PASSWORD},
 * {@code PARKGATE_DATABASE_PASSWORD}); never from the
 * command line, which {@code ps} shows to every user. Exit status 2: configuration; 3: secrets or the
 * broker refusing central's login; each with one line naming the file, key or host.
 */
public final class CentralMain {

    static {
        // Before the first logger: timestamps and levels on every line (docs/deploy.md "Logs").
        io.parkgate.config.ServiceLogs.configure();
    }

    private static final Logger LOG = LoggerFactory.getLogger(CentralMain.class);
    static final int DEFAULT_MANAGEMENT_PORT = 9471;

    private CentralMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length >= 2 && args[0].equals("lanes") && args[1].equals("credentials")) {
                credentials(options(List.of(args).subList(2, args.length)));
                return;
            }
            List<String> rest = List.of(args);
            if (!rest.isEmpty() && rest.get(0).equals("serve")) {
                rest = rest.subList(1, rest.size());
            }
            serve(options(rest));
        } catch (ConfigException | IllegalArgumentException e) {
            fail(2, e.getMessage());
        } catch (SecretsException e) {
            fail(3, e.getMessage());
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof MqttException m) {
                fail(3, m.getCause() != null ? m.getCause().getMessage() : "broker: " + m.getMessage());
            }
            fail(2, e.getMessage());
        } catch (MqttException e) {
            fail(3, e.getCause() != null ? e.getCause().getMessage() : "broker: " + e.getMessage());
        }
    }

    private static void serve(Options o) throws Exception {
        if (o.data == null) {
            throw new IllegalArgumentException("--data is required");
        }
        if (o.secrets == null) {
            throw new IllegalArgumentException("--secrets FILE is required (generate it with "
                    + "'parkgate-central lanes credentials')");
        }
        SecretsFile secrets = SecretsFile.load(o.secrets, System::getenv);
        String mqttPassword = secrets.optional(LaneCredentials.CENTRAL_MQTT_PASSWORD, "PARKGATE_CENTRAL_MQTT_PASSWORD");
        CentralConfig.Credentials manager = o.manager == null ? null : new CentralConfig.Credentials(o.manager,
                secrets.required(LaneCredentials.MANAGER_PASSWORD, "PARKGATE_MANAGER_PASSWORD"));
        CentralConfig cfg;
        if (o.config != null) {
            cfg = CentralConfig.fromSite(SiteConfigLoader.load(o.config), o.data, secrets, o.manager, o.mqttUser);
        } else {
            if (o.site == null) {
                throw new IllegalArgumentException("--config SITE.yaml (or --site ID with --lane) is required");
            }
            List<LaneDefinition> lanes = new ArrayList<>();
            for (String[] l : o.lanes) {
                CentralConfig.LaneSecrets s = laneSecrets(secrets, l[0]);
                lanes.add(new LaneDefinition(l[0], l[1], Direction.valueOf(l[2]), s.mqttPassword(), s.commandSecret()));
            }
            cfg = CentralConfig.defaults(o.site, o.data, lanes, manager).withPorts(o.httpPort, o.mqttPort);
            if (o.broker != null) {
                if (mqttPassword == null) {
                    throw new SecretsException(o.secrets + ": no '" + LaneCredentials.CENTRAL_MQTT_PASSWORD
                            + "' for the external broker " + o.broker);
                }
                cfg = cfg.withExternalBroker(o.broker, o.mqttUser, mqttPassword);
            }
        }
        BrokerTls tls = o.brokerCa != null || o.brokerCert != null ? new BrokerTls(o.brokerCa, o.brokerCert,
                o.brokerKey) : null;
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.vertx();
        Central central;
        try {
            central = Central.start(vertx, cfg, Clock.systemUTC(),
                    new Central.Service(meters, o.managementHost, o.managementPort, tls));
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("central stopping");
            central.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            LOG.info("central stopped");
            stopped.countDown();
        }, "central-shutdown"));
        System.out.println("READY central http " + central.httpPort()
                + (central.managementPort() < 0 ? "" : " management " + o.managementHost + ":" + central.managementPort()));
        stopped.await();
    }

    private static CentralConfig.LaneSecrets laneSecrets(SecretsFile secrets, String lane) {
        return new CentralConfig.LaneSecrets(secrets.required(LaneCredentials.laneMqttPassword(lane), null),
                secrets.required(LaneCredentials.laneCommandSecret(lane), null));
    }

    private static void credentials(Options o) throws Exception {
        if (o.config == null || o.out == null) {
            throw new IllegalArgumentException("usage: parkgate-central lanes credentials --config SITE.yaml --out DIR");
        }
        SiteConfig site = SiteConfigLoader.load(o.config);
        for (String line : LaneCredentials.write(site, o.mqttUser, o.out)) {
            System.out.println("wrote " + line);
        }
    }

    /** Parsed options; secrets are refused here so they never reach a process listing. */
    private static final class Options {
        String site;
        Path data;
        Path config;
        Path secrets;
        Path out;
        int httpPort = 8080;
        int mqttPort = 1883;
        String broker;
        String mqttUser = "central";
        String manager;
        String managementHost = "127.0.0.1";
        int managementPort = DEFAULT_MANAGEMENT_PORT;
        Path brokerCa;
        Path brokerCert;
        Path brokerKey;
        final List<String[]> lanes = new ArrayList<>();
    }

    private static Options options(List<String> args) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--mqtt-password")) {
                throw new IllegalArgumentException("--mqtt-password is not accepted on the command line (ps shows it "
                        + "to every user): put central.mqtt.password in the file given by --secrets");
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args.get(++i);
            switch (a) {
                case "--site" -> o.site = v;
                case "--data" -> o.data = Path.of(v);
                case "--config" -> o.config = Path.of(v);
                case "--secrets" -> o.secrets = Path.of(v);
                case "--out" -> o.out = Path.of(v);
                case "--http-port" -> o.httpPort = port(a, v);
                case "--mqtt-port" -> o.mqttPort = port(a, v);
                case "--broker" -> o.broker = v;
                case "--mqtt-user" -> o.mqttUser = v;
                case "--management-host" -> o.managementHost = v;
                case "--management-port" -> o.managementPort = v.equals("-1") ? -1 : port(a, v);
                case "--broker-ca" -> o.brokerCa = Path.of(v);
                case "--broker-cert" -> o.brokerCert = Path.of(v);
                case "--broker-key" -> o.brokerKey = Path.of(v);
                case "--manager" -> {
                    if (v.contains(":")) {
                        throw new IllegalArgumentException("--manager takes the user name only; the password is "
                                + "manager.password in the secrets file");
                    }
                    o.manager = v;
                }
                case "--lane" -> {
                    String[] p = v.split(":");
                    if (p.length != 3 || !(p[2].equals("IN") || p[2].equals("OUT"))) {
                        throw new IllegalArgumentException("--lane " + (p.length > 3 ? p[0] + ":..." : v)
                                + ": expected id:post:IN|OUT (secrets go in the --secrets file)");
                    }
                    o.lanes.add(p);
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return o;
    }

    private static int port(String option, String v) {
        try {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a port 0..65535, got '" + v + "'");
        }
    }

    private static void fail(int status, String message) {
        System.err.println("parkgate-central: " + message);
        System.exit(status);
    }
}
