package io.parkgate.central.http;

import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.auth.Role;
import io.parkgate.central.auth.UserService;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.validate.FieldRules;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Central's HTTP JSON API (docs/api.md). Every route but login needs {@code Authorization: Bearer <token>};
 * the services check the caller's role. Route groups live in their own classes.
 */
public final class HttpApi {

    private static final String MUST_CHANGE = "mustChangePassword";
    private static final String TOKEN = "token";

    private final UserService users;
    private final AuditLog audit;
    private final RegistryRoutes registry;
    private final OperationsRoutes operations;
    private final ShiftRoutes shifts;
    private final Sites sites;

    public HttpApi(UserService users, AuditLog audit, Sites sites, RegistryRoutes registry,
                   OperationsRoutes operations, ShiftRoutes shifts) {
        this.sites = sites;
        this.users = users;
        this.audit = audit;
        this.registry = registry;
        this.operations = operations;
        this.shifts = shifts;
    }

    public Router router(Vertx vertx) {
        Router r = Router.router(vertx);
        // Nothing is read before the door has screened the request and, but for login, the caller is known.
        r.route("/api/*").handler(RequestDoor::screen);
        r.route("/console/notes").handler(RequestDoor::screen);
        r.errorHandler(413, RequestDoor::tooLarge);
        r.post("/api/login").handler(RequestDoor.body(RequestDoor.LOGIN_BODY));
        r.post("/api/login").handler(ctx -> Http.respond(ctx, this::login));
        r.route("/api/*").handler(this::authenticate);
        r.put("/api/registry").handler(RequestDoor.body(RequestDoor.REGISTRY_BODY));
        r.post("/api/registry/check").handler(RequestDoor.body(RequestDoor.REGISTRY_BODY));
        r.route("/api/*").handler(RequestDoor.body(RequestDoor.SMALL_BODY));
        // Who is signed in, the sites served here that they hold a role at (the console's site switch) and their
        // role at the site the request is about (the first of theirs when it names none).
        r.get("/api/me").handler(ctx -> Http.respond(ctx, c -> {
            var p = Http.principal(c);
            List<String> held = sites.heldBy(p);
            String named = Sites.named(c);
            String site = named != null && held.contains(named) ? named : held.isEmpty() ? null : held.get(0);
            JsonObject grants = new JsonObject();
            p.grants().forEach((s, role) -> grants.put(s, role.name()));
            return Future.succeededFuture(new JsonObject().put("username", p.username())
                    .put("displayName", p.displayName())
                    .put("role", (site == null ? p.mainRole() : p.roleAt(site).orElseThrow()).name())
                    .put("site", site).put("sites", new JsonArray(held)).put("group", p.group())
                    .put("grants", grants)
                    .put("mustChangePassword", Boolean.TRUE.equals(c.get(MUST_CHANGE))));
        }));
        r.post("/api/password").handler(ctx -> Http.respond(ctx, this::changePassword));
        r.post("/api/logout").handler(ctx -> Http.respond(ctx, c -> users.logout(c.get(TOKEN))
                .map(v -> new JsonObject().put("loggedOut", true))));
        r.route("/api/*").handler(this::passwordChanged);
        // Lane actions of an attendant who has handed the shift over are refused here, before any route runs.
        Handler<RoutingContext> onDuty = shifts.onDuty();
        r.post("/api/prepayments").handler(onDuty);
        r.post("/api/prepayments/waive").handler(onDuty);
        r.post("/api/lanes/:id/open").handler(onDuty);
        r.post("/api/exceptions/:id/correct-plate").handler(onDuty);
        r.put("/api/registry").handler(onDuty);
        r.post("/console/notes").handler(ctx -> noteOnDuty(ctx, onDuty));
        r.post("/api/users").handler(ctx -> Http.respond(ctx, this::createUser));
        // Disabling, enabling and resetting an account are AccountRoutes' (the console's accounts screen).
        r.get("/api/audit").handler(ctx -> Http.respond(ctx, this::auditLog));
        registry.mount(r);
        operations.mount(r);
        shifts.mount(r);
        return r;
    }

    public Future<HttpServer> listen(Vertx vertx, String host, int port) {
        return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(router(vertx)).listen(port, host);
    }

    private Future<JsonObject> login(RoutingContext ctx) {
        JsonObject b = Http.body(ctx);
        String user = Http.required(b, "username");
        return users.login(user, Http.required(b, "password"), ctx.request().remoteAddress().hostAddress())
                .map(l -> new JsonObject().put("token", l.token()).put("username", user)
                        .put("mustChangePassword", l.mustChangePassword()));
    }

    private void authenticate(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        String token = h != null && h.startsWith("Bearer ") ? h.substring(7).trim() : null;
        users.session(token).onComplete(ar -> {
            if (ar.succeeded() && ar.result().isPresent()) {
                ctx.put(Http.PRINCIPAL, ar.result().get().principal());
                ctx.put(MUST_CHANGE, ar.result().get().mustChangePassword());
                ctx.put(TOKEN, token);
                ctx.next();
            } else {
                RequestDoor.refuse(ctx, 401, CentralException.Kind.UNAUTHENTICATED.name(),
                        token == null ? "missing Authorization: Bearer <token>" : "unknown or expired token");
            }
        });
    }

    /** The console's note route authenticates itself; the duty check needs the caller first. */
    private void noteOnDuty(RoutingContext ctx, Handler<RoutingContext> onDuty) {
        String h = ctx.request().getHeader("Authorization");
        String token = h != null && h.startsWith("Bearer ") ? h.substring(7).trim() : null;
        users.session(token).onComplete(ar -> {
            if (ar.succeeded() && ar.result().isPresent()) {
                ctx.put(Http.PRINCIPAL, ar.result().get().principal());
                onDuty.handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    /** A password someone else set must be changed first: until then only /api/me, password and logout. */
    private void passwordChanged(RoutingContext ctx) {
        if (Boolean.TRUE.equals(ctx.get(MUST_CHANGE)) && !ctx.request().path().equals("/api/me")) {
            Http.fail(ctx, new CentralException(CentralException.Kind.FORBIDDEN,
                    "PASSWORD_CHANGE_REQUIRED: change your password first (POST /api/password)"));
            return;
        }
        ctx.next();
    }

    private Future<JsonObject> changePassword(RoutingContext ctx) {
        JsonObject b = Http.body(ctx);
        String user = Http.principal(ctx).username();
        return users.changePassword(user, ctx.get(TOKEN), Http.required(b, "oldPassword"),
                Http.required(b, "newPassword")).map(v -> new JsonObject().put("username", user)
                .put("mustChangePassword", false));
    }

    /**
     * A new user with a role at the site the body names ({@code "site"}; {@code "*"}: every site, a group role) or
     * else at the request's site.
     */
    private Future<JsonObject> createUser(RoutingContext ctx) {
        JsonObject b = Http.body(ctx);
        String named = Http.optString(b, "site");
        String site = named != null ? named : sites.at(ctx).site();
        return users.create(Http.principal(ctx), site, Http.required(b, "username"),
                        FieldRules.text("displayName", Http.optString(b, "displayName"), FieldRules.SHORT_TEXT),
                        Http.enumOf(Role.class, Http.required(b, "role"), "role"), Http.required(b, "password"))
                .map(p -> new JsonObject().put("username", p.username()).put("site", site)
                        .put("role", p.roleAt(site).orElseThrow().name()));
    }

    /**
     * The audit log of the request's site, with the group's own entries (users, passwords, grants) for a group
     * manager, and for everyone allowed at a central of one site (there they are all that site's).
     */
    private Future<JsonArray> auditLog(RoutingContext ctx) {
        var p = Http.principal(ctx);
        String site = sites.at(ctx).site();
        p.require(site, Role.SUPERVISOR, Role.MANAGER);
        AuditAction action = Http.enumOf(AuditAction.class, ctx.request().getParam("action"), "action");
        int limit = Http.intParam(ctx, "limit", 200, 1, 5000);
        return audit.recent(site, p.group() || sites.all().size() == 1, action, limit).map(list -> {
            JsonArray a = new JsonArray();
            list.forEach(e -> a.add(new JsonObject().put("id", e.id()).put("at", e.at().toString())
                    .put("actor", e.actor()).put("action", e.action()).put("subject", e.subject())
                    .put("detail", e.detail())));
            return a;
        });
    }
}
