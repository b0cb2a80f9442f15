package io.parkgate.agent.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.imaging.FrameServer;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.store.StoreException;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.agent.uplink.UplinkException;
import io.parkgate.cli.CommandLines;
import io.parkgate.config.BrokerTls;
import io.parkgate.config.CameraKind;
import io.parkgate.config.ConfigException;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SecretsException;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate agent service of one lane (docs/deploy.md):
 * <pre>
 * parkgate-agent [run] --site SITE.yaml --lane ID [--data DIR] [--secrets FILE] [--no-central]
 *     [--broker-ca FILE] [--broker-cert FILE --broker-key FILE]
 *     [--metrics-host HOST] [--metrics-port N] [--frame-host HOST]
 * parkgate-agent seed --site SITE.yaml --lane ID --residents FILE.csv [--data DIR]
 * </pre>
 * Secrets (the lane's MQTT password and command secret) come from the secrets file, readable by the
 * service user only, or the environment: never from the command line, which {@code ps} shows to everyone.
 * Exit status: 2 configuration or usage error, 3 secrets or credentials refused, 4 the lane's store or outbox
 * cannot be opened (each one line naming the file, key or host and what to do). An agent whose lane has a
 * registry keeps deciding while central is away.
 */
public final class AgentMain {

    static {
        // Before the first logger: timestamps and levels on every line (docs/deploy.md "Logs").
        io.parkgate.config.ServiceLogs.configure();
    }

    private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);
    static final int DEFAULT_METRICS_PORT = 9470;
    static final int EXIT_CONFIG = 2;
    static final int EXIT_SECRETS = 3;
    /** The lane's own files: a restart cannot mend a damaged database, a person must look at it. */
    static final int EXIT_STORE = 4;

    private AgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AgentCommandLine.LaneOptions o;
        try {
            o = AgentCommandLine.parse(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
        } catch (CommandLines.Exit e) {
            System.exit(e.status());
            return;
        }
        try {
            if (o instanceof AgentCommandLine.Run run) {
                run(run);
            } else {
                seed((AgentCommandLine.Seed) o);
            }
        } catch (ConfigException e) {
            fail(EXIT_CONFIG, e.getMessage());
        } catch (SecretsException e) {
            fail(EXIT_SECRETS, e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(EXIT_CONFIG, e.getMessage());
        } catch (StoreException | UplinkException e) {
            // Never decide without the lane's register: it holds the open stays and what central has not confirmed.
            fail(EXIT_STORE, e.getMessage() + "; the lane does not start on it. Move the file and its -wal and -shm"
                    + " files aside (keep them: what central has not confirmed is recovered from them with sqlite3's"
                    + " .recover) and start the agent again: it makes a new one and takes the registry from central");
        }
    }

    private static void run(AgentCommandLine.Run o) throws InterruptedException {
        SiteConfig site = SiteConfigLoader.load(o.site);
        LaneConfig lane = lane(site, o.lane);
        Path laneDir = o.data != null ? o.data : site.agents().dataDir(lane.id());
        UplinkConfig uplink = null;
        if (!o.noCentral) {
            SecretsFile secrets = o.secrets != null ? SecretsFile.load(o.secrets, System::getenv)
                    : SecretsFile.environmentOnly(System::getenv);
            BrokerTls tls = o.brokerCa != null || o.brokerCert != null
                    ? new BrokerTls(o.brokerCa, o.brokerCert, o.brokerKey) : null;
            uplink = AgentService.uplink(site, lane, laneDir, secrets, tls);
        }
        int metricsPort = o.metricsPort;
        String metricsHost = o.metricsHost;

        Vertx vertx = Vertx.vertx();
        boolean imaging = lane.devices().camera() != null && (lane.devices().camera().kind() == CameraKind.IMAGING
                || lane.devices().camera().kind().pushes()); // vendor cameras push to the same frame server
        FrameServer frames = imaging && site.agents().framePort() > 0
                ? FrameServer.start(vertx, "0.0.0.0", site.agents().framePort(),
                        o.frameHost != null ? o.frameHost : localHostName(),
                        uplink == null ? Map.of() : Map.of(lane.id(), uplink.commandSecret()), Clock.systemUTC())
                : null;
        LOG.info("lane {}: {}", lane.id(), CompilerThreads.idle().describe());
        LOG.info("lane {}: {}", lane.id(), JitThresholds.describe());
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Lane ids repeat between compounds (every one has its in-1): the site tells their series apart.
        meters.config().commonTags("site", site.siteId());
        GateAgent agent = GateAgent.start(site, lane, Clock.system(site.zone()),
                new GateAgent.Options(laneDir, uplink, DeviceMetrics.NOOP, LaneListener.NONE, frames, meters,
                        LaneWarmUp.CARS, System::nanoTime));
        AgentHttp http = metricsPort == 0 ? null
                : AgentHttp.start(vertx, metricsHost, metricsPort, meters, () -> List.of(agent));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("lane {}: stopping", lane.id());
            if (http != null) {
                http.close();
            }
            agent.close();
            if (frames != null) {
                frames.close();
            }
            vertx.close();
            LOG.info("lane {}: stopped", lane.id());
            stopped.countDown();
        }, "agent-shutdown"));
        if (agent.uplink() != null) {
            checkCentral(agent, uplink);
        } else if (agent.registryVersion() == 0 && agent.registryVehicleCount() == 0) {
            LOG.warn("lane {}: runs without central and has no registry; seed it with 'parkgate-agent seed'",
                    lane.id());
        }
        System.out.println("READY " + lane.id() + (http == null ? "" : " metrics " + metricsHost + ":" + http.port()));
        stopped.await();
    }

    /**
     * The first connection decides whether the service can run: refused credentials with no registry yet
     * mean the lane could never learn its residents, so the service stops with the reason. With a registry,
     * or when central is only unreachable, the lane decides on and says so.
     */
    private static void checkCentral(GateAgent agent, UplinkConfig uplink) throws InterruptedException {
        agent.uplink().awaitFirstAttempt(Duration.ofSeconds(20));
        boolean hasRegistry = agent.registryVersion() > 0 || agent.registryVehicleCount() > 0;
        String refused = agent.uplink().credentialsRefused();
        if (refused != null && !hasRegistry) {
            agent.close();
            fail(EXIT_SECRETS, "lane " + uplink.laneId() + ": " + refused + "; check mqtt.password in its secrets "
                    + "file against the broker's password file");
        }
        if (agent.uplinkState() != io.parkgate.agent.port.DeviceState.CONNECTED && !hasRegistry) {
            LOG.warn("lane {}: central ({}) not reachable yet and no registry: deciding by the lane's offline rules "
                    + "until the registry arrives", uplink.laneId(), String.join(", ", uplink.brokerUrls()));
        }
    }

    /** Seeds a lane that has no central yet from the card centre's resident CSV; refuses a file with errors. */
    private static void seed(AgentCommandLine.Seed o) {
        SiteConfig site = SiteConfigLoader.load(o.site);
        LaneConfig lane = lane(site, o.lane);
        Path csv = o.residents;
        Path laneDir = o.data != null ? o.data : site.agents().dataDir(lane.id());
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read residents file " + csv + ": " + e.getMessage());
        }
        ResidentCsv.Result r = ResidentCsv.parse(csv.toString(), lines, site.zone());
        if (!r.ok()) {
            r.problems().forEach(System.err::println);
            fail(EXIT_CONFIG, csv + ": " + r.problems().size() + " problem(s); nothing was seeded");
        }
        try (AgentStore store = AgentStore.openIn(LaneDataDir.prepare(laneDir, lane.id()), lane.id(),
                Clock.system(site.zone()))) {
            if (store.loadRegistry().version() > 0) {
                fail(EXIT_CONFIG, "lane " + lane.id() + " already has registry v" + store.loadRegistry().version()
                        + " from central; seeding would replace it (it updates from central instead)");
            }
            store.replaceRegistry(r.registry());
        }
        System.out.println("seeded lane " + lane.id() + " in " + laneDir + " with " + r.registry().vehicles().size()
                + " residents from " + csv);
        System.exit(0);
    }

    private static LaneConfig lane(SiteConfig site, String id) {
        return site.lane(id).orElseThrow(() -> new IllegalArgumentException(site.source() + ": no lane '" + id
                + "'; lanes are " + site.lanes().stream().map(LaneConfig::id).toList()));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static void fail(int status, String message) {
        System.err.println("parkgate-agent: " + message);
        System.exit(status);
    }
}
