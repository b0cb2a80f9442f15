package io.parkgate.central.http;

import io.parkgate.central.auth.Account;
import io.parkgate.central.auth.AccountService;
import io.parkgate.central.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A manager's account administration (the console's accounts screen); creating a user stays
 * {@code POST /api/users}. {@code GET /api/users}; {@code POST /api/users/:username} with {@code role} and/or
 * {@code displayName}; {@code POST /api/users/:username/password} with {@code password};
 * {@code POST /api/users/:username/disable} and {@code .../enable}; {@code GET /api/attendants} (any role);
 * roles per site: {@code GET} and {@code POST /api/users/:username/grants}.
 */
public final class AccountRoutes {

    private final AccountService accounts;
    private final Sites sites;

    /** @param sites the account list, roles and attendants are those of the request's site */
    public AccountRoutes(AccountService accounts, Sites sites) {
        this.accounts = accounts;
        this.sites = sites;
    }

    /** Mounts on central's API router (after its authentication; the service checks the manager's role). */
    public void mount(Router r) {
        r.get("/api/users").handler(ctx -> Http.respond(ctx, c -> accounts.list(Http.principal(c), sites.at(c).site())
                .map(all -> new JsonArray(all.stream().map(AccountRoutes::json).toList()))));
        r.get("/api/attendants").handler(ctx -> Http.respond(ctx, c -> accounts.attendants(sites.at(c).site())
                .map(all -> new JsonArray(all.stream().map(a -> new JsonObject().put("username", a.username())
                        .put("displayName", a.displayName())).toList()))));
        r.post("/api/users/:username").handler(ctx -> Http.respond(ctx, c -> {
            JsonObject b = Http.body(c);
            String role = b.getValue("role") == null ? null : String.valueOf(b.getValue("role"));
            return accounts.update(Http.principal(c), sites.at(c).site(), c.pathParam("username"),
                    role == null ? null : Http.enumOf(Role.class, role, "role"),
                    b.getValue("displayName") instanceof String s ? s : null).map(AccountRoutes::json);
        }));
        // The user's role at each site the caller administers (the console's roles-per-site panel).
        r.get("/api/users/:username/grants").handler(ctx -> Http.respond(ctx, c -> accounts.grantsOf(
                Http.principal(c), c.pathParam("username")).map(AccountRoutes::grants)));
        // Roles per site: {"site": "<site>" or "*", "role": "SUPERVISOR" | ... | null to take it away}.
        r.post("/api/users/:username/grants").handler(ctx -> Http.respond(ctx, c -> {
            JsonObject b = Http.body(c);
            String role = b.getValue("role") == null ? null : String.valueOf(b.getValue("role"));
            return accounts.grant(Http.principal(c), c.pathParam("username"), Http.required(b, "site"),
                    role == null ? null : Http.enumOf(Role.class, role, "role")).map(AccountRoutes::grants);
        }));
        r.post("/api/users/:username/password").handler(ctx -> Http.respond(ctx, c -> accounts.resetPassword(
                Http.principal(c), sites.at(c).site(), c.pathParam("username"), Http.required(Http.body(c), "password"))
                .map(AccountRoutes::json)));
        r.post("/api/users/:username/disable").handler(ctx -> Http.respond(ctx,
                c -> accounts.setDisabled(Http.principal(c), sites.at(c).site(), c.pathParam("username"), true)
                        .map(AccountRoutes::json)));
        r.post("/api/users/:username/enable").handler(ctx -> Http.respond(ctx,
                c -> accounts.setDisabled(Http.principal(c), sites.at(c).site(), c.pathParam("username"), false)
                        .map(AccountRoutes::json)));
    }

    static JsonObject grants(java.util.Map<String, Role> grants) {
        JsonObject o = new JsonObject();
        grants.forEach((site, role) -> o.put(site, role.name()));
        return new JsonObject().put("grants", o);
    }

    /**
     * An account as the console has always been sent it: the flags as the 0/1 the database holds (the page tests
     * them for truth), the creation time as an ISO-8601 instant.
     */
    static JsonObject json(Account a) {
        return new JsonObject().put("username", a.username()).put("displayName", a.displayName())
                .put("role", a.role().name()).put("createdAt", a.createdAt().toString())
                .put("disabled", a.disabled() ? 1 : 0).put("mustChangePassword", a.mustChangePassword() ? 1 : 0);
    }
}
