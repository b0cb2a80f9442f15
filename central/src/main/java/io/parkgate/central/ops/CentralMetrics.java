package io.parkgate.central.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parkgate.central.db.Database;
import io.parkgate.central.exception.ExceptionCase;
import io.parkgate.central.exception.ExceptionService;
import io.parkgate.central.mqtt.BrokerClient;
import io.parkgate.central.mqtt.EventIngest;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What central counts ({@code parking.central.*}, {@code parking.http.*}): passages ingested by site and type,
 * ingest lag (event on the lane → committed here) by site, exceptions waiting and the oldest one's age by site,
 * HTTP requests by route template and status, failed logins, and the broker link. Tag values are site ids and
 * lane ids (bounded by configuration), enum names or route templates, never a plate or a user name. The HTTP
 * and login meters and the process's own (broker, database) have no site: one request may read several sites,
 * and a login is the group's.
 */
public final class CentralMetrics {

    /** Events stored in the register, each once (resends are counted as duplicates). */
    public static final String INGESTED = "parking.central.passages.ingested";
    /** Events committed or confirmed again, by type (a resend counts again). */
    public static final String EVENTS = "parking.central.events.committed";
    public static final String INGEST_LAG = "parking.central.ingest.lag";
    public static final String DUPLICATES = "parking.central.ingest.duplicates";
    public static final String EXCEPTIONS_WAITING = "parking.central.exceptions.waiting";
    public static final String EXCEPTIONS_OLDEST = "parking.central.exceptions.oldest.age";
    public static final String HTTP = "parking.http.requests";
    public static final String LOGINS_FAILED = "parking.central.logins.failed";
    public static final String BROKER_CONNECTED = "parking.central.broker.connected";
    public static final String DB_TRANSACTIONS = "parking.central.database.transactions";
    public static final String SITE = "site";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter loginsFailed;
    /** Each site's meters, made when its ingest is watched or its exceptions first counted. */
    private final Map<String, SiteMeters> sites = new java.util.concurrent.ConcurrentHashMap<>();
    /** The ingests the function counters read, held here: a function counter keeps only a weak reference. */
    private final List<EventIngest> watched = new java.util.concurrent.CopyOnWriteArrayList<>();

    public CentralMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        loginsFailed = Counter.builder(LOGINS_FAILED).description("login attempts refused").register(registry);
    }

    /** Counts the transactions central runs on its database. */
    public void watch(Database db) {
        FunctionCounter.builder(DB_TRANSACTIONS, db, Database::transactions)
                .description("transactions run on central's database, committed or not").register(registry);
    }

    /** Counts what each site's ingest commits, tagged with the site; registered before the ingests start. */
    public void watch(Map<String, EventIngest> ingestsBySite, BrokerClient broker) {
        ingestsBySite.forEach((site, ingest) -> {
            SiteMeters m = site(site);
            watched.add(ingest);
            ingest.onCommitted(events -> committed(m, events));
            FunctionCounter.builder(INGESTED, ingest, EventIngest::stored).tag(SITE, site)
                    .description("lane events stored in the register, each once").register(registry);
            FunctionCounter.builder(DUPLICATES, ingest, EventIngest::duplicates).tag(SITE, site)
                    .description("lane events received again and ignored").register(registry);
        });
        Gauge.builder(BROKER_CONNECTED, broker, b -> b.connected() ? 1 : 0)
                .description("1 while central is connected to the MQTT broker").register(registry);
    }

    private SiteMeters site(String site) {
        return sites.computeIfAbsent(site, s -> new SiteMeters(registry, s));
    }

    private void committed(SiteMeters m, List<LaneEvent> events) {
        long now = clock.millis();
        for (LaneEvent e : events) {
            m.events.get(e.type()).increment();
            if (e.occurredAt() != null) {
                m.lag.record(Duration.ofMillis(Math.max(0, now - e.occurredAt().toEpochMilli())));
            }
        }
    }

    /** Refreshes each site's exception gauges (called periodically off the request path). */
    public void refreshExceptions(Map<String, ExceptionService> exceptionsBySite) {
        exceptionsBySite.forEach((site, exceptions) -> exceptions.list(null).onSuccess(open -> exceptions(site, open)));
    }

    void exceptions(String site, List<ExceptionCase> open) {
        SiteMeters m = site(site);
        m.waiting.set(open.size());
        long oldest = 0;
        if (!open.isEmpty()) {
            oldest = Math.max(0, (clock.millis() - open.get(0).openedAt().toEpochMilli()) / 1000);
        }
        m.oldestAgeSeconds.set(oldest);
    }

    /** One site's meters. */
    private static final class SiteMeters {

        private final Map<EventType, Counter> events = new EnumMap<>(EventType.class);
        private final Timer lag;
        private final AtomicLong waiting = new AtomicLong();
        private final AtomicLong oldestAgeSeconds = new AtomicLong();
        SiteMeters(MeterRegistry registry, String site) {
            for (EventType type : EventType.values()) {
                events.put(type, Counter.builder(EVENTS).description("lane events committed or confirmed again")
                        .tags(SITE, site, "type", type.name()).register(registry));
            }
            lag = Timer.builder(INGEST_LAG).description("from the event on the lane to its commit at central")
                    .tag(SITE, site).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
                    .maximumExpectedValue(Duration.ofHours(1)).register(registry);
            Gauge.builder(EXCEPTIONS_WAITING, waiting, AtomicLong::get).tag(SITE, site)
                    .description("exceptions not yet resolved").register(registry);
            Gauge.builder(EXCEPTIONS_OLDEST, oldestAgeSeconds, AtomicLong::get).tag(SITE, site).baseUnit("seconds")
                    .description("age of the oldest unresolved exception (0 when none)").register(registry);
        }
    }

    /**
     * First handler of the router: times every request by its matched route template (or "unmatched")
     * and status, and counts refused logins.
     */
    public void instrument(Router router) {
        router.route().order(-1_000_000).handler(this::timeRequest);
    }

    private void timeRequest(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            int status = ctx.response().getStatusCode();
            String route = routeOf(ctx);
            Timer.builder(HTTP).tags("route", route, "method", ctx.request().method().name(),
                    "status", Integer.toString(status)).register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - start));
            if (route.endsWith("/login") && (status == 401 || status == 403)) {
                loginsFailed.increment();
            }
        });
        ctx.next();
    }

    private static final Set<String> CATCH_ALL = Set.of("", "/");

    private static String routeOf(RoutingContext ctx) {
        Route r = ctx.currentRoute();
        String path = r == null ? null : r.getPath();
        return path == null || CATCH_ALL.contains(path) ? "unmatched" : path;
    }
}
