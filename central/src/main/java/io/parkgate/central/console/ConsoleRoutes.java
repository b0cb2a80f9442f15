package io.parkgate.central.console;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.UserService;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.http.NoteJson;
import io.parkgate.central.http.SiteServices;
import io.parkgate.central.http.Sites;
import io.parkgate.central.note.LaneNote;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The web console (docs/console.md): the pages under {@code /console/} (static files from the classpath's
 * {@code webroot}; they call central's JSON API) and the console's own two routes, the live stream and
 * the lane notes (stored by {@link NoteService}, then sent live). Nothing is downloaded at run time: scripts, styles
 * and dictionaries are all here.
 */
public final class ConsoleRoutes {

    private static final int MAX_NOTE = 500;

    private final UserService users;
    private final Map<String, LiveFeed> feeds;
    private final Sites sites;
    private final Clock clock;

    /**
     * @param feeds each site's live feed: a console is streamed the site it works at, which its user must hold a
     *              role at
     * @param clock central's clock, shown in each site's zone
     */
    public ConsoleRoutes(UserService users, Map<String, LiveFeed> feeds, Sites sites, Clock clock) {
        this.users = users;
        this.feeds = Map.copyOf(feeds);
        this.sites = sites;
        this.clock = clock;
    }

    /** Mounts the console on central's router (after the API, so {@code /api/*} keeps its own handlers). */
    public void mount(Router r) {
        r.get("/").handler(ctx -> redirect(ctx, "/console/"));
        // Central's clock for the pages (behind the API's sign-in check, which the API router mounts first).
        r.get("/api/clock").handler(ctx -> {
            SiteServices x;
            try {
                x = sites.at(ctx);
            } catch (CentralException e) {
                error(ctx, e.kind().status(), e.kind().name(), e.getMessage());
                return;
            }
            ctx.response().putHeader("content-type", "application/json; charset=utf-8")
                    .putHeader("cache-control", "no-store").end(new SiteTime(clock, x.zone()).toJson().encode());
        });
        // Vert.x matches "/console" for "/console/" as well: redirect only the bare path.
        r.get("/console").handler(ctx -> {
            if (ctx.request().path().equals("/console")) {
                redirect(ctx, "/console/");
            } else {
                ctx.next();
            }
        });
        // EventSource cannot send headers: the stream takes the session token as a parameter.
        // The feed of one site: the one named (parameter site), which the user must hold a role at.
        r.get("/console/live").handler(ctx -> signedIn(ctx, ctx.request().getParam("token"))
                .onSuccess(p -> p.ifPresentOrElse(who -> {
                    SiteServices x;
                    try {
                        x = sites.at(who, Sites.named(ctx));
                    } catch (CentralException e) {
                        error(ctx, e.kind().status(), e.kind().name(), e.getMessage());
                        return;
                    }
                    feeds.get(x.site()).connect(ctx.response(), who);
                }, () -> error(ctx, 401, "UNAUTHENTICATED", "missing or expired token"))));
        r.post("/console/notes").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        r.post("/console/notes").handler(this::note);
        r.route("/console/*").handler(StaticHandler.create("webroot").setCachingEnabled(false)
                .setDefaultContentEncoding("UTF-8").setIndexPage("index.html"));
    }

    private void note(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        String token = h != null && h.startsWith("Bearer ") ? h.substring(7).trim() : null;
        signedIn(ctx, token).onSuccess(p -> {
            if (p.isEmpty()) {
                error(ctx, 401, "UNAUTHENTICATED", "missing or expired token");
                return;
            }
            JsonObject b;
            try {
                b = ctx.body().asJsonObject();
            } catch (DecodeException | ClassCastException e) {
                b = null;
            }
            String lane = b == null ? null : b.getValue("laneId") instanceof String s ? s : null;
            if (lane == null || lane.isBlank()) {
                error(ctx, 400, "BAD_REQUEST", "field 'laneId' is required (a string)");
                return;
            }
            LaneNote.Kind kind = LaneNote.Kind.parse(b.getValue("kind"));
            if (kind == null) {
                error(ctx, 400, "BAD_REQUEST", "field 'kind' must be one of " + java.util.Arrays.toString(
                        LaneNote.Kind.values()) + ", was " + b.getValue("kind"));
                return;
            }
            String plate = b.getValue("plate") instanceof String s ? s.trim() : null;
            String note = b.getValue("note") instanceof String s ? s : "";
            if (note.length() > MAX_NOTE) {
                error(ctx, 400, "BAD_REQUEST", "field 'note' is longer than " + MAX_NOTE + " characters");
                return;
            }
            SiteServices x;
            try {
                x = sites.at(p.get(), Sites.named(ctx));
            } catch (CentralException e) {
                error(ctx, e.kind().status(), e.kind().name(), e.getMessage());
                return;
            }
            LiveFeed feed = feeds.get(x.site());
            x.notes().record(p.get(), new LaneNote(kind, lane.trim(), plate == null || plate.isEmpty() ? null
                    : plate, note))
                    .onSuccess(stored -> ctx.response().setStatusCode(200)
                            .putHeader("content-type", "application/json; charset=utf-8")
                            .end(new JsonObject().put("called", feed.connected()).put("note", NoteJson.of(stored))
                                    .encode()))
                    .onFailure(e -> {
                        if (e instanceof CentralException ce) {
                            error(ctx, ce.kind().status(), ce.kind().name(), ce.getMessage());
                        } else {
                            error(ctx, 500, "INTERNAL", String.valueOf(e.getMessage()));
                        }
                    });
        });
    }

    private Future<Optional<Principal>> signedIn(RoutingContext ctx, String token) {
        return users.authenticate(token).onFailure(e -> error(ctx, 500, "INTERNAL", String.valueOf(e.getMessage())));
    }

    private static void redirect(RoutingContext ctx, String to) {
        ctx.response().setStatusCode(302).putHeader("location", to).end();
    }

    private static void error(RoutingContext ctx, int status, String kind, String message) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                    .end(new JsonObject().put("error", kind).put("message", message).encode());
        }
    }
}
