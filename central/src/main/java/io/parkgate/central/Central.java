package io.parkgate.central;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.auth.AccountService;
import io.parkgate.central.auth.Passwords;
import io.parkgate.central.auth.UserService;
import io.parkgate.central.change.Change;
import io.parkgate.central.change.Changes;
import io.parkgate.central.cluster.ChangeRelay;
import io.parkgate.central.cluster.Cluster;
import io.parkgate.central.cluster.Leases;
import io.parkgate.central.cluster.PeriodicJobs;
import io.parkgate.central.console.ConsoleRoutes;
import io.parkgate.central.console.LiveFeed;
import io.parkgate.central.console.SiteTime;
import io.parkgate.central.db.Database;
import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.exception.CommandIssuer;
import io.parkgate.central.exception.ExceptionService;
import io.parkgate.central.http.AccountRoutes;
import io.parkgate.central.http.HttpApi;
import io.parkgate.central.http.NoteRoutes;
import io.parkgate.central.http.OperationsRoutes;
import io.parkgate.central.http.RegistryRoutes;
import io.parkgate.central.http.ReportRoutes;
import io.parkgate.central.http.ShiftRoutes;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.lane.LaneService;
import io.parkgate.central.lane.SnapshotLinks;
import io.parkgate.central.mqtt.AgentGateway;
import io.parkgate.central.mqtt.BrokerClient;
import io.parkgate.central.mqtt.EmbeddedBroker;
import io.parkgate.central.mqtt.EventIngest;
import io.parkgate.central.mqtt.LaneAcl;
import io.parkgate.central.mqtt.LongStayWatch;
import io.parkgate.central.mqtt.SpaceCounter;
import io.parkgate.central.mqtt.StayRelay;
import io.parkgate.central.note.NoteService;
import io.parkgate.central.ops.CentralMetrics;
import io.parkgate.central.ops.ManagementHttp;
import io.parkgate.central.passage.PassageService;
import io.parkgate.central.passage.PaymentService;
import io.parkgate.central.passage.Quarantine;
import io.parkgate.central.registry.RegistryService;
import io.parkgate.central.shift.ShiftService;
import io.parkgate.config.BrokerTls;
import io.parkgate.wire.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central, wired: one database, the services, and two doors (HTTP for people, MQTT for agents) that
 * both delegate to the services. {@link #start} blocks for the database and broker (call it off the
 * event loop) and returns once both doors are open.
 */
public final class Central implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Central.class);
    /** A vehicle inside longer than this is reported as possibly abandoned (DOMAIN.md exception rule 3). */
    static final Duration LONG_STAY = Duration.ofDays(7);
    private static final Duration LONG_STAY_SCAN = Duration.ofHours(1);
    /** The periodic jobs that change records: once across several centrals ({@link #jobs()}). */
    public static final String ESCALATION = "escalation";
    public static final String LONG_STAY_SCAN_JOB = "long-stay-scan";

    private final Database db;
    private final EmbeddedBroker broker;
    private final BrokerClient client;
    private final EventIngest ingest;
    private final AgentGateway gateway;
    private final HttpServer http;
    /** Every periodic job central runs (escalation, checkpoint, gauges, long stays, free spaces). */
    private final PeriodicJobs jobs;
    /** The other centrals' changes, when there are several; null when this one is alone. */
    private final ChangeRelay relay;
    private final RegistryService registry;
    private final PassageService passages;
    private final LongStayWatch longStays;
    private final ManagementHttp management;
    private final PrometheusMeterRegistry meters;

    private Central(Database db, EmbeddedBroker broker, BrokerClient client, EventIngest ingest,
                    AgentGateway gateway, HttpServer http, PeriodicJobs jobs, ChangeRelay relay,
                    RegistryService registry, PassageService passages,
                    LongStayWatch longStays, ManagementHttp management,
                    PrometheusMeterRegistry meters) {
        this.jobs = jobs;
        this.relay = relay;
        this.management = management;
        this.meters = meters;
        this.longStays = longStays;
        this.db = db;
        this.broker = broker;
        this.client = client;
        this.ingest = ingest;
        this.gateway = gateway;
        this.http = http;
        this.registry = registry;
        this.passages = passages;
    }

    /**
     * What the service adds around central: its meter registry, the management port that serves it
     * ({@code port} &lt; 0: none; 0: any free port) and TLS to an external broker.
     */
    public record Service(PrometheusMeterRegistry meters, String managementHost, int managementPort,
                          BrokerTls brokerTls) {

        /** Meters kept (tests may read them) but not served; no TLS. */
        public static Service none() {
            return new Service(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "127.0.0.1", -1, null);
        }
    }

    public static Central start(Vertx vertx, CentralConfig cfg, Clock clock) throws Exception {
        return start(vertx, cfg, clock, Service.none());
    }

    public static Central start(Vertx vertx, CentralConfig cfg, Clock clock, Service service) throws Exception {
        return start(vertx, cfg, clock, service, Cluster.single());
    }

    /**
     * Central as one of several on one PostgreSQL database and an external broker ({@code cluster.several()}):
     * lane events and hellos come through the broker's shared subscription, work meant to run once runs under a
     * lease, and the console's live feed also shows what the others stored (docs/scaling.md).
     */
    public static Central start(Vertx vertx, CentralConfig cfg, Clock clock, Service service, Cluster cluster)
            throws Exception {
        if (cluster.several()) {
            if (cfg.brokerUrls().isEmpty()) {
                throw new IllegalArgumentException("several centrals need an external broker with shared "
                        + "subscriptions (central.mqttUrl); the embedded broker serves one central");
            }
            if (!(cfg.database() instanceof DatabaseTarget.Postgres)) {
                throw new IllegalArgumentException("several centrals share one PostgreSQL database "
                        + "(central.database); " + cfg.database() + " is not one");
            }
        }
        CentralMetrics metrics = new CentralMetrics(service.meters(), clock);
        Database db = Database.open(cfg.database());
        // Tokens and login throttling run on real time: the site clock may be simulated and race ahead (demo, tests).
        UserService users = new UserService(db, Clock.systemUTC(), cluster.several());
        FirstManager.ensure(users, cfg, System.out);
        // What central knows at start is read here, before the services are built on it.
        // What the services commit is announced here; the console's live feed forwards it (no polling).
        Changes changes = new Changes();
        LaneService lanes = await(LaneService.load(db, clock, changes));
        for (LaneDefinition d : cfg.lanes()) {
            await(lanes.provision("system", d));
        }
        RegistryService registry = await(RegistryService.load(db, clock));
        PassageService passages = new PassageService(db, clock, changes);
        Topics topics = new Topics(cfg.siteId());

        EmbeddedBroker broker = null;
        List<String> urls = cfg.brokerUrls();
        String password = cfg.centralMqttPassword();
        if (urls.isEmpty()) {
            password = password == null ? Passwords.token() : password;
            broker = EmbeddedBroker.start(cfg.mqttHost(), cfg.mqttPort(), lanes, cfg.centralMqttUser(), password,
                    "central-" + cfg.siteId(),
                    new LaneAcl(topics, cfg.centralMqttUser()));
            urls = List.of(broker.url());
        }
        // In dependency order: the broker client first (everything below publishes through it), the gateway
        // last; the client hands the gateway its messages when started.
        // Several centrals on one broker need client ids of their own (the broker drops a client whose id reconnects).
        String clientId = "central-" + cfg.siteId() + (cluster.several() ? "-" + cluster.instance() : "");
        BrokerClient client = new BrokerClient(urls, clientId, cfg.centralMqttUser(), password,
                AgentGateway.filters(topics, cluster.ingestGroup()), service.brokerTls() == null ? null
                        : service.brokerTls().socketFactory());
        Quarantine quarantine = new Quarantine(db, clock);
        EventIngest ingest = new EventIngest(passages, a -> AgentGateway.sendAck(topics, client, a), cfg.ingestBatch(),
                quarantine);
        PaymentService payments = new PaymentService(db, clock, cfg.prepaidGrace(),
                cfg.tariff() == null ? null : new io.parkgate.tariff.TariffEngine(cfg.tariff(), cfg.zone()),
                        cfg.zone());
        // Every amount taken at once is bounded by the site file (tariff.maxAmountFen), at the HTTP and MQTT doors.
        long maxFen = cfg.tariff() == null ? io.parkgate.tariff.TariffSchedule.DEFAULT_MAX_AMOUNT_FEN
                : cfg.tariff().maxAmountFen();
        AgentGateway gateway = new AgentGateway(topics, lanes, registry, ingest, payments, quarantine, clock, maxFen,
                client);
        CommandIssuer commands = new CommandIssuer(lanes, clock, cfg.commandValidity(), gateway::sendCommand);
        ExceptionService exceptions = new ExceptionService(db, clock, cfg.escalateAfter(), commands, changes);
        ShiftService shifts = new ShiftService(db, clock, lanes, cfg.zone());

        metrics.watch(ingest, client);
        metrics.watch(db);
        StayRelay stays = new StayRelay(topics, passages, clock,
                (topic, payload) -> client.publish(topic, payload, false));
        ingest.onCommitted(stays::committed);
        gateway.onHello(stays::sendOpenStays);
        SpaceCounter spaces = new SpaceCounter(topics, passages, clock, cfg.spaces(),
                (topic, payload) -> client.publish(topic, payload, true));
        ingest.onCommitted(spaces::committed);
        gateway.onHello(lane -> spaces.publishIfChanged()); // a count the broker's absence kept back
        LongStayWatch longStays = new LongStayWatch(passages, ingest, clock, LONG_STAY);
        ingest.start();
        client.start(gateway::onMessage);
        spaces.load();

        // Snapshot links expire on real time, as the lane PCs that check them count it.
        SnapshotLinks snapshotLinks = new SnapshotLinks(lanes, Clock.systemUTC());
        HttpApi api = new HttpApi(users, new AuditLog(db), new RegistryRoutes(registry),
                new OperationsRoutes(passages, payments, exceptions, lanes, quarantine, snapshotLinks, maxFen),
                new ShiftRoutes(shifts, maxFen));
        // The web console (docs/console.md) is served by the same HTTP server, after the API routes.
        Router router = api.router(vertx);
        metrics.instrument(router);
        NoteService notes = new NoteService(db, clock, lanes, changes);
        new NoteRoutes(notes).mount(router);
        new AccountRoutes(new AccountService(db, clock, users)).mount(router);
        new ReportRoutes(passages, cfg.zone()).mount(router);
        SiteTime siteTime = new SiteTime(clock, cfg.zone());
        LiveFeed live = new LiveFeed(vertx, siteTime, passages, exceptions, lanes, snapshotLinks,
                Duration.ofMillis(500));
        changes.listen(live::changed);
        new ConsoleRoutes(users, live, notes, siteTime).mount(router);
        // HTTP/1.1 on plain http, as browsers use it: no h2c upgrade (the JDK client's upgrade path can hang).
        HttpServer http = await(vertx.createHttpServer(new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)).requestHandler(router).listen(cfg.httpPort(), cfg.httpHost()));
        // Alone, a central simply runs its jobs; one of several runs the record-changing ones under a lease.
        PeriodicJobs jobs = new PeriodicJobs(vertx, cluster.several()
                ? new Leases(db, Clock.systemUTC(), cluster.instance()) : null);
        long checkEvery = Math.max(1000, Math.min(60_000, cfg.escalateAfter().toMillis() / 4));
        jobs.once(ESCALATION, Duration.ofMillis(checkEvery), exceptions::escalateOverdue);
        jobs.each(Duration.ofMinutes(5), db::checkpoint);
        metrics.refreshExceptions(exceptions);
        jobs.each(Duration.ofSeconds(10), () -> metrics.refreshExceptions(exceptions));
        ChangeRelay relay = null;
        if (cluster.several()) {
            // The free-space count and the live feed follow what the other centrals store too.
            relay = new ChangeRelay(db, (DatabaseTarget.Postgres) cfg.database(), cluster.instance(), passages,
                    registry, live::changed, spaces::committed, () -> {
                        spaces.reload();
                        live.changed(new Change.ExceptionsChanged());
                    }).start();
            changes.listen(relay::announced);
            ChangeRelay r = relay;
            registry.onChange(d -> r.registryChanged(d.toVersion()));
            registry.onBulkChange(r::registryChanged);
            registry.onForcedResync(v -> r.forcedResync(registry.forcedUntil()));
        }
        ManagementHttp management = service.managementPort() < 0 ? null
                : ManagementHttp.start(vertx, service.managementHost(), service.managementPort(), service.meters(),
                        () -> new io.vertx.core.json.JsonObject().put("ready", client.connected())
                                .put("database", "OPEN").put("broker", client.connected() ? "CONNECTED" : "DOWN"));
        LOG.info("central for site {} up: HTTP {}, MQTT {}; {}", cfg.siteId(), http.actualPort(),
                String.join(", ", urls), cluster);
        jobs.once(LONG_STAY_SCAN_JOB, LONG_STAY_SCAN, longStays::scan);
        jobs.each(LONG_STAY_SCAN, spaces::reload); // puts right resends
        return new Central(db, broker, client, ingest, gateway, http, jobs, relay,
                registry, passages, longStays, management, service.meters());
    }

    /** The management port ({@code /metrics}, {@code /health}, {@code /ready}), or -1 when not served. */
    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    /** Central's meters. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    public int httpPort() {
        return http.actualPort();
    }

    /** The broker agents connect to (embedded or external). */
    public String brokerUrl() {
        return broker != null ? broker.url() : null;
    }

    /** Central's periodic jobs; tests run one at will ({@link PeriodicJobs#runNow}). */
    public PeriodicJobs jobs() {
        return jobs;
    }

    /** The long-stay check, run hourly; tests run it at will. */
    public LongStayWatch longStays() {
        return longStays;
    }

    public EventIngest ingest() {
        return ingest;
    }

    public RegistryService registry() {
        return registry;
    }

    public PassageService passages() {
        return passages;
    }

    @Override
    public void close() {
        jobs.close(); // none may run against a closed database; leases are given up for the others
        if (relay != null) {
            relay.close();
        }
        if (management != null) {
            management.close();
        }
        await(http.close());
        client.close();
        ingest.close();
        gateway.close();
        if (broker != null) {
            broker.close();
        }
        db.close();
    }

    /** Waits for start-up and shutdown work (never on an event loop); a failure is rethrown as it was. */
    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
