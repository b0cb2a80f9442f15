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
import io.parkgate.central.db.CentralKey;
import io.parkgate.central.db.Database;
import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.exception.CommandIssuer;
import io.parkgate.central.exception.ExceptionService;
import io.parkgate.central.group.SiteRecords;
import io.parkgate.central.http.AccountRoutes;
import io.parkgate.central.http.HttpApi;
import io.parkgate.central.http.NoteRoutes;
import io.parkgate.central.http.OperationsRoutes;
import io.parkgate.central.http.RegistryRoutes;
import io.parkgate.central.http.ReportRoutes;
import io.parkgate.central.http.ShiftRoutes;
import io.parkgate.central.http.SiteServices;
import io.parkgate.central.http.Sites;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.lane.LaneService;
import io.parkgate.central.lane.SnapshotLinks;
import io.parkgate.central.mqtt.AgentGateway;
import io.parkgate.central.mqtt.BrokerClient;
import io.parkgate.central.mqtt.EmbeddedBroker;
import io.parkgate.central.mqtt.EventIngest;
import io.parkgate.central.mqtt.LaneAcl;
import io.parkgate.central.mqtt.LongStayWatch;
import io.parkgate.central.mqtt.SessionGate;
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
    /** A vehicle inside longer than this is reported as possibly abandoned (docs/domain.md exception rule 3). */
    static final Duration LONG_STAY = Duration.ofDays(7);
    private static final Duration LONG_STAY_SCAN = Duration.ofHours(1);
    /** The periodic jobs that change records: once across several centrals ({@link #jobs()}). */
    public static final String ESCALATION = "escalation";
    public static final String LONG_STAY_SCAN_JOB = "long-stay-scan";

    private final Database db;
    private final EmbeddedBroker broker;
    private final BrokerClient client;
    /** Each site's services and parts, the first site file's first. */
    private final List<SitePart> sites;
    private final HttpServer http;
    /** Every periodic job central runs (escalation, checkpoint, gauges, long stays, free spaces). */
    private final PeriodicJobs jobs;
    /** The other centrals' changes, per site, when there are several; empty when this one is alone. */
    private final List<ChangeRelay> relays;
    private final ManagementHttp management;
    private final PrometheusMeterRegistry meters;

    private Central(Database db, EmbeddedBroker broker, BrokerClient client, List<SitePart> sites, HttpServer http,
                    PeriodicJobs jobs, List<ChangeRelay> relays, ManagementHttp management,
                    PrometheusMeterRegistry meters) {
        this.db = db;
        this.broker = broker;
        this.client = client;
        this.sites = List.copyOf(sites);
        this.http = http;
        this.jobs = jobs;
        this.relays = List.copyOf(relays);
        this.management = management;
        this.meters = meters;
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
        // Records written before sites were kept belong to the first site file's site.
        Database db = Database.open(cfg.database(), cfg.siteId());
        // Tokens and login throttling run on real time: the site clock may be simulated and race ahead (demo, tests).
        UserService users = new UserService(db, Clock.systemUTC(), cluster.several());
        FirstManager.ensure(users, cfg, System.out);
        // What central knows of each site at start is read here, before the services are built on it. What a
        // site's services commit is announced on its own Changes; the site's live feed forwards it (no polling).
        List<CentralConfig.SiteSettings> served = cfg.sites();
        java.util.Map<String, LaneService> lanesOf = new java.util.LinkedHashMap<>();
        java.util.Map<String, Changes> changesOf = new java.util.HashMap<>();
        List<Topics> topicsOfSites = new java.util.ArrayList<>();
        for (CentralConfig.SiteSettings s : served) {
            Changes changes = new Changes();
            LaneService lanes = await(LaneService.load(db, s.siteId(), clock, changes));
            for (LaneDefinition d : s.lanes()) {
                await(lanes.provision("system", d));
            }
            lanesOf.put(s.siteId(), lanes);
            changesOf.put(s.siteId(), changes);
            topicsOfSites.add(new Topics(s.siteId()));
        }
        // A lane logs in as <lane>@<site>, or by its lane id alone where no other site has a lane of that id.
        LaneAcl acl = new LaneAcl(topicsOfSites, cfg.centralMqttUser(), laneId -> lanesOf.entrySet().stream()
                .filter(e -> e.getValue().lane(laneId).isPresent()).map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet()));

        EmbeddedBroker broker = null;
        List<String> urls = cfg.brokerUrls();
        String password = cfg.centralMqttPassword();
        if (urls.isEmpty()) {
            password = password == null ? Passwords.token() : password;
            broker = EmbeddedBroker.start(cfg.mqttHost(), cfg.mqttPort(), (user, pw) -> acl.lane(user)
                            .map(l -> lanesOf.get(l.site()).checkMqttPassword(l.laneId(), pw)).orElse(false),
                    cfg.centralMqttUser(), password, "central-" + cfg.siteId(), acl);
            urls = List.of(broker.url());
        }
        // In dependency order: the broker client first (everything below publishes through it), the gateways
        // last; the client hands each site's gateway its messages when started.
        // Several centrals on one broker need client ids of their own (the broker drops a client whose id reconnects).
        String clientId = "central-" + cfg.siteId() + (cluster.several() ? "-" + cluster.instance() : "");
        List<String> filters = new java.util.ArrayList<>();
        topicsOfSites.forEach(t -> filters.addAll(List.of(AgentGateway.filters(t, cluster.ingestGroup()))));
        BrokerClient client = new BrokerClient(urls, clientId, cfg.centralMqttUser(), password,
                filters.toArray(String[]::new), service.brokerTls() == null ? null
                        : service.brokerTls().socketFactory(),
                broker == null ? SessionGate.NONE : broker.sessionGate());
        // Snapshot links expire on real time, as the lane PCs that check them count it.
        Clock realTime = Clock.systemUTC();
        CentralKey key = await(CentralKey.load(db));
        List<SitePart> parts = new java.util.ArrayList<>();
        for (CentralConfig.SiteSettings s : served) {
            String site = s.siteId();
            Changes changes = changesOf.get(site);
            LaneService lanes = lanesOf.get(site);
            Topics topics = new Topics(site);
            RegistryService registry = await(RegistryService.load(db, site, clock));
            PassageService passages = new PassageService(db, site, clock, changes);
            Quarantine quarantine = new Quarantine(db, site, clock);
            EventIngest ingest = new EventIngest(passages, a -> AgentGateway.sendAck(topics, client, a),
                    cfg.ingestBatch(), quarantine);
            PaymentService payments = new PaymentService(db, site, clock, cfg.prepaidGrace(),
                    s.tariff() == null ? null : new io.parkgate.tariff.TariffEngine(s.tariff(), s.zone()), s.zone());
            // Every amount taken at once is bounded by the site file (tariff.maxAmountFen), at the HTTP and MQTT doors.
            long maxFen = s.tariff() == null ? io.parkgate.tariff.TariffSchedule.DEFAULT_MAX_AMOUNT_FEN
                    : s.tariff().maxAmountFen();
            AgentGateway gateway = new AgentGateway(topics, lanes, registry, ingest, payments, quarantine, clock,
                    maxFen, client);
            CommandIssuer commands = new CommandIssuer(lanes, clock, cfg.commandValidity(), gateway::sendCommand);
            ExceptionService exceptions = new ExceptionService(db, site, clock, cfg.escalateAfter(), commands,
                    changes);
            ShiftService shifts = new ShiftService(db, site, clock, lanes, s.zone());
            StayRelay stays = new StayRelay(topics, passages, clock,
                    (topic, payload) -> client.publish(topic, payload, false));
            ingest.onCommitted(stays::committed);
            gateway.onHello(stays::sendOpenStays);
            SpaceCounter spaces = new SpaceCounter(topics, passages, clock, s.spaces(),
                    (topic, payload) -> client.publish(topic, payload, true));
            ingest.onCommitted(spaces::committed);
            gateway.onHello(lane -> spaces.publishIfChanged()); // a count the broker's absence kept back
            LongStayWatch longStays = new LongStayWatch(passages, ingest, key, clock, LONG_STAY);
            NoteService notes = new NoteService(db, site, clock, lanes, changes);
            SnapshotLinks snapshotLinks = new SnapshotLinks(lanes, realTime);
            SiteServices services = new SiteServices(site, s.zone(), maxFen, lanes, passages, payments, exceptions,
                    shifts, notes, quarantine, registry, snapshotLinks);
            parts.add(new SitePart(services, changes, ingest, gateway, spaces, longStays));
        }
        java.util.Map<String, EventIngest> ingestsBySite = new java.util.LinkedHashMap<>();
        parts.forEach(p -> ingestsBySite.put(p.services().site(), p.ingest()));
        metrics.watch(ingestsBySite, client);
        metrics.watch(db);
        parts.forEach(p -> p.ingest().start());
        java.util.Map<String, AgentGateway> gateways = new java.util.HashMap<>();
        parts.forEach(p -> gateways.put(p.services().site(), p.gateway()));
        client.start((topic, payload) -> {
            // parkgate/<site>/...: each site's gateway reads its own topics only.
            String[] levels = topic.split("/", 3);
            AgentGateway g = levels.length == 3 ? gateways.get(levels[1]) : null;
            if (g == null) {
                LOG.warn("message on unexpected topic {} ignored", topic);
                return;
            }
            g.onMessage(topic, payload);
        });
        parts.forEach(p -> p.spaces().load());

        Sites sites = new Sites(parts.stream().map(SitePart::services).toList(), new SiteRecords(db));
        HttpApi api = new HttpApi(users, new AuditLog(db), sites, new RegistryRoutes(sites),
                new OperationsRoutes(sites), new ShiftRoutes(sites));
        // The web console (docs/console.md) is served by the same HTTP server, after the API routes.
        Router router = api.router(vertx);
        metrics.instrument(router);
        new NoteRoutes(sites).mount(router);
        new AccountRoutes(new AccountService(db, clock, users), sites).mount(router);
        new ReportRoutes(sites).mount(router);
        java.util.Map<String, LiveFeed> feeds = new java.util.HashMap<>();
        for (SitePart p : parts) {
            SiteServices x = p.services();
            LiveFeed live = new LiveFeed(vertx, new SiteTime(clock, x.zone()), x.passages(), x.exceptions(),
                    x.lanes(), x.links(), Duration.ofMillis(500));
            p.changes().listen(live::changed);
            feeds.put(x.site(), live);
        }
        new ConsoleRoutes(users, feeds, sites, clock).mount(router);
        // HTTP/1.1 on plain http, as browsers use it: no h2c upgrade (the JDK client's upgrade path can hang).
        HttpServer http = await(vertx.createHttpServer(new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)).requestHandler(router).listen(cfg.httpPort(), cfg.httpHost()));
        // Alone, a central simply runs its jobs; one of several runs the record-changing ones under a lease.
        PeriodicJobs jobs = new PeriodicJobs(vertx, cluster.several()
                ? new Leases(db, Clock.systemUTC(), cluster.instance()) : null);
        long checkEvery = Math.max(1000, Math.min(60_000, cfg.escalateAfter().toMillis() / 4));
        for (SitePart p : parts) {
            jobs.once(jobName(ESCALATION, p, parts), Duration.ofMillis(checkEvery),
                    p.services().exceptions()::escalateOverdue);
        }
        jobs.each(Duration.ofMinutes(5), db::checkpoint);
        java.util.Map<String, ExceptionService> exceptionsBySite = new java.util.LinkedHashMap<>();
        parts.forEach(p -> exceptionsBySite.put(p.services().site(), p.services().exceptions()));
        metrics.refreshExceptions(exceptionsBySite);
        jobs.each(Duration.ofSeconds(10), () -> metrics.refreshExceptions(exceptionsBySite));
        List<ChangeRelay> relays = new java.util.ArrayList<>();
        if (cluster.several()) {
            for (SitePart p : parts) {
                // The free-space count and the live feed follow what the other centrals store too.
                RegistryService registry = p.services().registry();
                LiveFeed live = feeds.get(p.services().site());
                ChangeRelay relay = new ChangeRelay(db, (DatabaseTarget.Postgres) cfg.database(), cluster.instance(),
                        p.services().site(), p.services().passages(), registry, live::changed, p.spaces()::committed,
                        () -> {
                            p.spaces().reload();
                            live.changed(new Change.ExceptionsChanged());
                        }).start();
                p.changes().listen(relay::announced);
                registry.onChange(d -> relay.registryChanged(d.toVersion()));
                registry.onBulkChange(relay::registryChanged);
                registry.onForcedResync(v -> relay.forcedResync(registry.forcedUntil()));
                relays.add(relay);
            }
        }
        ManagementHttp management = service.managementPort() < 0 ? null
                : ManagementHttp.start(vertx, service.managementHost(), service.managementPort(), service.meters(),
                        () -> new io.vertx.core.json.JsonObject().put("ready", client.connected())
                                .put("database", "OPEN").put("broker", client.connected() ? "CONNECTED" : "DOWN"));
        LOG.info("central for site{} {} up: HTTP {}, MQTT {}; {}", parts.size() > 1 ? "s" : "",
                parts.stream().map(p -> p.services().site()).toList(), http.actualPort(), String.join(", ", urls),
                cluster);
        for (SitePart p : parts) {
            jobs.once(jobName(LONG_STAY_SCAN_JOB, p, parts), LONG_STAY_SCAN, p.longStays()::scan);
            jobs.each(LONG_STAY_SCAN, p.spaces()::reload); // puts right resends
        }
        return new Central(db, broker, client, parts, http, jobs, relays, management, service.meters());
    }

    /** The parts of one site central runs besides its services. */
    private record SitePart(SiteServices services, Changes changes, EventIngest ingest, AgentGateway gateway,
                            SpaceCounter spaces, LongStayWatch longStays) {
    }

    /** A job of the first site keeps its plain name; the others' are named {@code <job>:<site>}. */
    private static String jobName(String job, SitePart p, List<SitePart> all) {
        return p.services().site().equals(all.get(0).services().site()) ? job : job + ":" + p.services().site();
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

    /** The long-stay check of the first site, run hourly; tests run it at will. */
    public LongStayWatch longStays() {
        return sites.get(0).longStays();
    }

    /** The first site's ingest. */
    public EventIngest ingest() {
        return sites.get(0).ingest();
    }

    /** The first site's registry. */
    public RegistryService registry() {
        return sites.get(0).services().registry();
    }

    /** The first site's register. */
    public PassageService passages() {
        return sites.get(0).services().passages();
    }

    /** A site's services (tests, the demo); NOT_FOUND for a site not served. */
    public SiteServices site(String site) {
        return sites.stream().map(SitePart::services).filter(x -> x.site().equals(site)).findFirst()
                .orElseThrow(() -> io.parkgate.central.error.CentralException.notFound("site " + site));
    }

    @Override
    public void close() {
        jobs.close(); // none may run against a closed database; leases are given up for the others
        relays.forEach(ChangeRelay::close);
        if (management != null) {
            management.close();
        }
        await(http.close());
        client.close();
        sites.forEach(p -> p.ingest().close());
        sites.forEach(p -> p.gateway().close());
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
