package io.parkgate.central.console;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.exception.ExceptionService;
import io.parkgate.central.lane.LaneService;
import io.parkgate.central.lane.SnapshotLinks;
import io.parkgate.central.passage.PassageService;
import io.parkgate.central.passage.RegisterQuery;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's live stream (Server-Sent Events): lane states, the open exception queue, new register
 * rows and attendants' lane notes. Central's services have no change listeners, so the feed compares what they
 * return on a short timer and sends only what changed; the timer runs only while a console is connected.
 * Events: {@code lanes} (array), {@code exceptions} (array), {@code passage} (one lane event),
 * {@code note} (a lane note as {@link NoteService} stored it: supervisor call, damage, goods check, escalation),
 * {@code clock} (central's time and zone, {@link SiteTime}; sent with every poll so an accelerated clock shows
 * correctly).
 */
public final class LiveFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final int SEEN_LIMIT = 5000;
    /** Events stored a little out of order still reach the consoles. */
    private static final Duration OVERLAP = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final Clock clock;
    private final PassageService passages;
    private final ExceptionService exceptions;
    private final LaneService lanes;
    private final SnapshotLinks links;
    private final long periodMs;
    private final SiteTime siteTime;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private long timer = -1;
    private volatile String lastLanes = "";
    private volatile String lastExceptions = "";
    private volatile Instant cursor;

    /** A connected console and who signed in there. */
    private record Client(HttpServerResponse response, Principal principal) {
    }

    /** @param links signs the lanes' snapshot references in what the consoles are sent */
    public LiveFeed(Vertx vertx, SiteTime siteTime, PassageService passages, ExceptionService exceptions,
                    LaneService lanes, SnapshotLinks links, Duration period) {
        this.links = links;
        this.vertx = vertx;
        this.siteTime = siteTime;
        this.clock = siteTime.clock();
        this.passages = passages;
        this.exceptions = exceptions;
        this.lanes = lanes;
        this.periodMs = Math.max(100, period.toMillis());
    }

    /** Starts streaming to a signed-in console; the current lanes and queue are sent at once. */
    public synchronized void connect(HttpServerResponse response, Principal who) {
        response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-store").putHeader("x-accel-buffering", "no");
        response.write(": parkgate live\n\n");
        Client client = new Client(response, who);
        send(client, "clock", siteTime.toJson().encode());
        clients.add(client);
        response.closeHandler(v -> disconnect(client));
        response.exceptionHandler(e -> disconnect(client));
        LOG.debug("console of {} connected ({} live)", who.username(), clients.size());
        if (timer < 0) {
            lastLanes = "";
            lastExceptions = "";
            cursor = clock.instant().minus(OVERLAP);
            timer = vertx.setPeriodic(1, periodMs, id -> poll());
        } else {
            send(client, "lanes", new JsonArray(new ArrayList<>(lanes.overview())).encode());
            if (!lastExceptions.isEmpty()) {
                send(client, "exceptions", links.linked(new JsonArray(lastExceptions)).encode());
            }
        }
    }

    /** Sends an attendant's lane note, as stored by {@link NoteService}, to every connected console. */
    public void note(JsonObject stored) {
        LOG.info("lane {}: {} by {} plate={} note={}", stored.getString("laneId"), stored.getString("kind"),
                stored.getString("from"), stored.getString("plate"), stored.getString("note"));
        broadcast("note", stored.encode());
    }

    /** How many consoles are connected. */
    public int connected() {
        return clients.size();
    }

    private synchronized void disconnect(Client c) {
        if (clients.remove(c) && clients.isEmpty() && timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        broadcast("clock", siteTime.toJson().encode());
        String lanesNow = new JsonArray(new ArrayList<>(lanes.overview())).encode();
        if (!lanesNow.equals(lastLanes)) {
            lastLanes = lanesNow;
            broadcast("lanes", lanesNow);
        }
        Instant from = cursor;
        exceptions.list(null).compose(x -> {
            String now = x.encode();
            if (!now.equals(lastExceptions)) {
                lastExceptions = now;
                broadcast("exceptions", links.linked(x).encode()); // compared unsigned: links change each time
            }
            return passages.query(new RegisterQuery(null, null, from, null, null, null, 500));
        }).onSuccess(this::newPassages)
                .onFailure(e -> LOG.warn("live feed poll failed: {}", e.getMessage()))
                .onComplete(v -> polling.set(false));
    }

    private void newPassages(List<LaneEvent> events) {
        for (LaneEvent e : events) {
            if (seen.add(e.eventId())) {
                broadcast("passage", MessageCodec.toJson(links.linked(e)).encode());
            }
            Instant back = e.occurredAt().minus(OVERLAP);
            if (back.isAfter(cursor)) {
                cursor = back;
            }
        }
        while (seen.size() > SEEN_LIMIT) {
            seen.remove(seen.iterator().next());
        }
    }

    private void broadcast(String event, String data) {
        for (Client c : clients) {
            send(c, event, data);
        }
    }

    private void send(Client c, String event, String data) {
        if (c.response().closed() || c.response().ended()) {
            disconnect(c);
            return;
        }
        c.response().write("event: " + event + "\ndata: " + data + "\n\n");
    }
}
