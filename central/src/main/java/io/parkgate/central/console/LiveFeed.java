package io.parkgate.central.console;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.change.Change;
import io.parkgate.central.change.RecordedNote;
import io.parkgate.central.exception.ExceptionCase;
import io.parkgate.central.exception.ExceptionService;
import io.parkgate.central.http.ExceptionJson;
import io.parkgate.central.http.LaneJson;
import io.parkgate.central.http.NoteJson;
import io.parkgate.central.lane.LaneService;
import io.parkgate.central.lane.SnapshotLinks;
import io.parkgate.central.passage.PassageService;
import io.parkgate.central.passage.RegisterQuery;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's live stream (Server-Sent Events): lane states, the open exception queue, new register rows and
 * attendants' lane notes. The services announce what they committed ({@link Change}) and the feed forwards it to
 * the connected consoles; the database is read only when a console connects and when the exception queue changed.
 * Events: {@code lanes} (array), {@code exceptions} (array), {@code passage} (one lane event), {@code note} (a lane
 * note as {@link io.parkgate.central.note.NoteService} stored it: supervisor call, damage, goods check, escalation),
 * {@code clock} (central's time and zone, {@link SiteTime}; sent on a short timer while a console is connected, so
 * that an accelerated clock shows correctly).
 *
 * <p>Everything the feed sends goes out from one Vert.x context, in the order it was announced, whichever thread
 * announced it (an HTTP event loop, the MQTT client, central's ingest thread).
 */
public final class LiveFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final int SEEN_LIMIT = 5000;
    /** Register rows stored late (an agent's backlog after an outage) older than this are not streamed. */
    private static final Duration OVERLAP = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final Context context;
    private final Clock clock;
    private final PassageService passages;
    private final ExceptionService exceptions;
    private final LaneService lanes;
    private final SnapshotLinks links;
    private final long clockPeriodMs;
    private final SiteTime siteTime;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    // Touched on the feed's context only.
    private final Set<String> seen = new LinkedHashSet<>();
    private long clockTimer = -1;
    private String lastLanes = "";
    private List<ExceptionCase> lastExceptions;
    private boolean refreshing;
    private boolean refreshAgain;
    private Instant cursor = Instant.MIN;

    /** A connected console and who signed in there. */
    private record Client(HttpServerResponse response, Principal principal) {
    }

    /**
     * @param passages read once for each console that connects: the rows of the last moments
     * @param links signs the lanes' snapshot references in what the consoles are sent
     * @param clockPeriod how often the consoles are sent central's clock
     */
    public LiveFeed(Vertx vertx, SiteTime siteTime, PassageService passages, ExceptionService exceptions,
                    LaneService lanes, SnapshotLinks links, Duration clockPeriod) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.siteTime = siteTime;
        this.clock = siteTime.clock();
        this.passages = passages;
        this.exceptions = exceptions;
        this.lanes = lanes;
        this.links = links;
        this.clockPeriodMs = Math.max(100, clockPeriod.toMillis());
    }

    /** Takes a change a service announced (any thread) and forwards it to the connected consoles. */
    public void changed(Change change) {
        if (clients.isEmpty()) {
            return; // who connects later is sent the current state then
        }
        context.runOnContext(v -> {
            if (change instanceof Change.PassagesStored p) {
                newPassages(p.events());
            } else if (change instanceof Change.ExceptionsChanged) {
                refreshExceptions();
            } else if (change instanceof Change.LaneChanged) {
                sendLanesIfChanged();
            } else if (change instanceof Change.NoteRecorded n) {
                note(n.note());
            }
        });
    }

    /** Starts streaming to a signed-in console; the current lanes, queue and latest rows are sent at once. */
    public void connect(HttpServerResponse response, Principal who) {
        response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-store").putHeader("x-accel-buffering", "no");
        response.write(": parkgate live\n\n");
        Client client = new Client(response, who);
        send(client, "clock", siteTime.toJson().encode());
        response.closeHandler(v -> disconnect(client));
        response.exceptionHandler(e -> disconnect(client));
        // Queued before the console counts as connected: what is announced from then on is forwarded after it.
        context.runOnContext(v -> joined(client));
        clients.add(client);
    }

    /** How many consoles are connected. */
    public int connected() {
        return clients.size();
    }

    private void joined(Client client) {
        if (client.response().closed() || client.response().ended()) {
            return;
        }
        boolean first = clockTimer < 0;
        LOG.debug("console of {} connected ({} live)", client.principal().username(), clients.size());
        if (first) {
            lastLanes = "";
            lastExceptions = null;
            cursor = clock.instant().minus(OVERLAP);
            clockTimer = vertx.setPeriodic(clockPeriodMs, id -> broadcast("clock", siteTime.toJson().encode()));
        }
        String lanesNow = lanesJson();
        send(client, "lanes", lanesNow);
        if (first) {
            lastLanes = lanesNow;
            refreshExceptions();
        } else if (lastExceptions != null) {
            send(client, "exceptions", ExceptionJson.of(signed(lastExceptions)).encode());
        }
        Instant from = clock.instant().minus(OVERLAP);
        passages.query(new RegisterQuery(null, null, from, null, null, null, 500))
                .onSuccess(rows -> rows.forEach(e -> send(client, "passage", passageJson(e))))
                .onFailure(e -> LOG.warn("live feed: the latest register rows could not be read: {}", e.getMessage()));
    }

    private void disconnect(Client c) {
        if (!clients.remove(c)) {
            return;
        }
        context.runOnContext(v -> {
            if (clients.isEmpty() && clockTimer >= 0) {
                vertx.cancelTimer(clockTimer);
                clockTimer = -1;
            }
        });
    }

    private void sendLanesIfChanged() {
        String lanesNow = lanesJson();
        if (!lanesNow.equals(lastLanes)) {
            lastLanes = lanesNow;
            broadcast("lanes", lanesNow);
        }
    }

    private String lanesJson() {
        return LaneJson.of(lanes.overview()).encode();
    }

    /** Reads the queue again; changes announced while reading make one more read, not one each. */
    private void refreshExceptions() {
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        refreshAgain = false;
        exceptions.list(null).onSuccess(x -> {
            if (!x.equals(lastExceptions)) {
                lastExceptions = x;
                broadcast("exceptions", ExceptionJson.of(signed(x)).encode()); // compared unsigned: links change
            }
        }).onFailure(e -> LOG.warn("live feed: the exception queue could not be read: {}", e.getMessage()))
                .onComplete(v -> {
                    refreshing = false;
                    if (refreshAgain && !clients.isEmpty()) {
                        refreshExceptions();
                    }
                });
    }

    private void note(RecordedNote stored) {
        broadcast("note", NoteJson.of(stored).encode());
    }

    private List<ExceptionCase> signed(List<ExceptionCase> cases) {
        return cases.stream().map(x -> ExceptionJson.signed(x, links)).toList();
    }

    private void newPassages(List<LaneEvent> events) {
        for (LaneEvent e : events) {
            if (!e.occurredAt().isBefore(cursor) && seen.add(e.eventId())) {
                broadcast("passage", passageJson(e));
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

    private String passageJson(LaneEvent e) {
        return MessageCodec.toJson(links.linked(e)).encode();
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
