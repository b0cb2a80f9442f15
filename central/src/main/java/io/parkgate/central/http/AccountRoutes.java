package io.parkgate.central.http;

import io.parkgate.central.auth.AccountService;
import io.parkgate.central.auth.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A manager's account administration (the console's accounts screen); creating a user stays
 * {@code POST /api/users}. {@code GET /api/users}; {@code POST /api/users/:username} with {@code role} and/or
 * {@code displayName}; {@code POST /api/users/:username/password} with {@code password};
 * {@code POST /api/users/:username/disable} and {@code .../enable}; {@code GET /api/attendants} (any role).
 */
public final class AccountRoutes {

    private final AccountService accounts;

    public AccountRoutes(AccountService accounts) {
        this.accounts = accounts;
    }

    /** Mounts on central's API router (after its authentication; the service checks the manager's role). */
    public void mount(Router r) {
        r.get("/api/users").handler(ctx -> Http.respond(ctx, c -> accounts.list(Http.principal(c))));
        r.get("/api/attendants").handler(ctx -> Http.respond(ctx, c -> accounts.attendants()));
        r.post("/api/users/:username").handler(ctx -> Http.respond(ctx, c -> {
            JsonObject b = Http.body(c);
            String role = b.getValue("role") == null ? null : String.valueOf(b.getValue("role"));
            return accounts.update(Http.principal(c), c.pathParam("username"),
                    role == null ? null : Http.enumOf(Role.class, role, "role"),
                    b.getValue("displayName") instanceof String s ? s : null);
        }));
        r.post("/api/users/:username/password").handler(ctx -> Http.respond(ctx, c -> accounts.resetPassword(
                Http.principal(c), c.pathParam("username"), Http.required(Http.body(c), "password"))));
        r.post("/api/users/:username/disable").handler(ctx -> Http.respond(ctx,
                c -> accounts.setDisabled(Http.principal(c), c.pathParam("username"), true)));
        r.post("/api/users/:username/enable").handler(ctx -> Http.respond(ctx,
                c -> accounts.setDisabled(Http.principal(c), c.pathParam("username"), false)));
    }
}
