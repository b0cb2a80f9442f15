package io.parkgate.central;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parkgate.central.cluster.Cluster;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.ops.LaneCredentials;
import io.parkgate.cli.CommandLines;
import io.parkgate.config.BrokerTls;
import io.parkgate.config.ConfigException;
import io.parkgate.config.Direction;
import io.parkgate.config.SecretsException;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * parkgate-central [serve] ... --ingest-group GROUP [--instance NAME]   (one of several centrals)
 * parkgate-central [serve] --config A.yaml --secrets A.secrets --config B.yaml --secrets B.secrets ...
 *     (one central for a group of sites; its ports, broker and database are the first site file's)
 * parkgate-central lanes credentials --config SITE.yaml [--config SITE2.yaml ...] --out DIR [--mqtt-user U]
 * parkgate-central broker artemis --config SITE.yaml --secrets FILE [--config SITE2.yaml --secrets FILE2 ...]
 *     --node N --etc DIR [--cluster-ports P,P]
 *     [--mqtt-user U] [--no-journal-sync]
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
        Object command;
        try {
            command = CentralCommandLine.parse(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
        } catch (CommandLines.Exit e) {
            System.exit(e.status());
            return;
        }
        try {
            if (command instanceof CentralCommandLine.Credentials c) {
                credentials(c);
            } else if (command instanceof CentralCommandLine.ArtemisNode a) {
                artemisNode(a);
            } else {
                serve((CentralCommandLine.Serve) command);
            }
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

    private static void serve(CentralCommandLine.Serve o) throws Exception {
        SecretsFile secrets = SecretsFile.load(o.secrets(), System::getenv);
        String mqttPassword = secrets.optional(LaneCredentials.CENTRAL_MQTT_PASSWORD, "PARKGATE_CENTRAL_MQTT_PASSWORD");
        CentralConfig.Credentials manager = o.manager == null ? null : new CentralConfig.Credentials(o.manager,
                secrets.required(LaneCredentials.MANAGER_PASSWORD, "PARKGATE_MANAGER_PASSWORD"));
        CentralConfig cfg;
        if (o.config() != null) {
            cfg = CentralConfig.fromSite(SiteConfigLoader.load(o.config()), o.data, secrets, o.manager, o.mqttUser);
            // A group of sites: each further site file with its own lanes' secrets (docs/scaling.md).
            List<CentralConfig.SiteSettings> more = new ArrayList<>();
            for (int i = 1; i < o.configs.size(); i++) {
                SecretsFile siteSecrets = SecretsFile.load(o.secretsFiles.get(i), System::getenv);
                more.add(CentralConfig.SiteSettings.of(CentralConfig.fromSite(SiteConfigLoader.load(o.configs.get(i)),
                        o.data, siteSecrets, null, o.mqttUser)));
            }
            cfg = cfg.withMoreSites(more);
        } else {
            List<LaneDefinition> lanes = new ArrayList<>();
            for (CentralCommandLine.LaneArg l : o.lanes) {
                CentralConfig.LaneSecrets s = laneSecrets(secrets, l.id());
                lanes.add(new LaneDefinition(l.id(), l.post(), Direction.valueOf(l.direction()), s.mqttPassword(),
                        s.commandSecret()));
            }
            cfg = CentralConfig.defaults(o.site, o.data, lanes, manager).withPorts(o.httpPort, o.mqttPort);
            if (o.broker != null) {
                if (mqttPassword == null) {
                    throw new SecretsException(o.secrets() + ": no '" + LaneCredentials.CENTRAL_MQTT_PASSWORD
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
                    new Central.Service(meters, o.managementHost, o.managementPort, tls),
                    o.ingestGroup == null ? Cluster.single() : Cluster.several(o.ingestGroup, o.instance));
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
                + (central.managementPort() < 0 ? "" : " management " + o.managementHost + ":"
                        + central.managementPort()));
        stopped.await();
    }

    private static CentralConfig.LaneSecrets laneSecrets(SecretsFile secrets, String lane) {
        return new CentralConfig.LaneSecrets(secrets.required(LaneCredentials.laneMqttPassword(lane), null),
                secrets.required(LaneCredentials.laneCommandSecret(lane), null));
    }

    private static void credentials(CentralCommandLine.Credentials o) throws Exception {
        List<SiteConfig> sites = new ArrayList<>();
        for (Path config : o.configs) {
            sites.add(SiteConfigLoader.load(config));
        }
        List<String> written = sites.size() == 1 ? LaneCredentials.write(sites.get(0), o.mqttUser, o.out)
                : LaneCredentials.writeGroup(sites, o.mqttUser, o.out);
        for (String line : written) {
            System.out.println("wrote " + line);
        }
    }

    private static void artemisNode(CentralCommandLine.ArtemisNode o) throws Exception {
        List<SiteConfig> sites = new java.util.ArrayList<>();
        List<SecretsFile> secrets = new java.util.ArrayList<>();
        for (int i = 0; i < o.configs.size(); i++) {
            sites.add(SiteConfigLoader.load(o.configs.get(i)));
            secrets.add(SecretsFile.load(o.secretsFiles.get(i), System::getenv));
        }
        for (String line : io.parkgate.central.ops.ArtemisBrokerFiles.write(sites, secrets, o.mqttUser,
                io.parkgate.central.ops.ArtemisBrokerFiles.nodes(sites.get(0), o.clusterPorts), o.node,
                !o.noJournalSync, o.etc)) {
            System.out.println("wrote " + line);
        }
    }

    private static void fail(int status, String message) {
        System.err.println("parkgate-central: " + message);
        System.exit(status);
    }
}
