package io.parkgate.central.http;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.shift.HandoverForm;
import io.parkgate.central.shift.ShiftName;
import io.parkgate.central.shift.ShiftService;
import io.parkgate.central.validate.FieldRules;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Shifts and handovers (form FM-RW528). */
public final class ShiftRoutes {

    private final Sites sites;

    /** Shifts and handovers of the request's site; one addressed by id is its own site's, checked. */
    public ShiftRoutes(Sites sites) {
        this.sites = sites;
    }

    void mount(Router r) {
        r.post("/api/shifts").handler(ctx -> Http.respond(ctx, c -> {
            JsonObject b = Http.body(c);
            return sites.at(c).shifts().open(Http.principal(c), FieldRules.id("post", Http.required(b, "post")),
                    Http.enumOf(ShiftName.class, b.getValue("shift") == null ? null : String.valueOf(b.getValue(
                            "shift")),
                            "shift")).map(ShiftJson::of);
        }));
        r.get("/api/shifts/current").handler(ctx -> Http.respond(ctx,
                c -> sites.at(c).shifts().currentShift(Http.textParam(c, "post")).map(ShiftJson::of)));
        r.post("/api/shifts/:id/handover").handler(ctx -> Http.respond(ctx, c -> sites.ofShift(c,
                c.pathParam("id")).compose(x -> x.shifts().handOver(Http.principal(c), c.pathParam("id"),
                        form(Http.body(c), x.maxFen()))).map(ShiftJson::of)));
        r.get("/api/handovers").handler(ctx -> Http.respond(ctx, c -> {
            ShiftService shifts = sites.at(c).shifts();
            String state = c.request().getParam("state");
            if ("UNSIGNED".equals(state)) {
                return shifts.unsigned(Http.textParam(c, "post")).map(ShiftJson::of);
            }
            if (!"PENDING".equals(state)) {
                throw CentralException.badRequest("parameter 'state' must be PENDING (handovers not yet accepted) or "
                        + "UNSIGNED (accepted, awaiting the supervisor's signature), was " + state);
            }
            return shifts.pending(Http.textParam(c, "post"),
                    Http.textParam(c, "toAttendant")).map(ShiftJson::of);
        }));
        r.get("/api/handovers/:id").handler(ctx -> Http.respond(ctx, c -> sites.ofHandover(c, c.pathParam("id"))
                .compose(x -> x.shifts().handover(c.pathParam("id"))).map(ShiftJson::of)));
        r.post("/api/handovers/:id/accept").handler(ctx -> Http.respond(ctx, c -> sites.ofHandover(c,
                c.pathParam("id")).compose(x -> x.shifts().accept(Http.principal(c), c.pathParam("id")))
                .map(ShiftJson::of)));
        r.post("/api/handovers/:id/sign").handler(ctx -> Http.respond(ctx, c -> sites.ofHandover(c,
                c.pathParam("id")).compose(x -> x.shifts().sign(Http.principal(c), c.pathParam("id")))
                .map(ShiftJson::of)));
    }

    /**
     * Refuses the lane actions of an attendant who has handed their shift over (cash, notes, manual open, visitor
     * records): the booth is the receiver's from the moment the form is filed, whatever the outgoing attendant's
     * page still shows. Other roles, and attendants on duty, pass.
     */
    Handler<RoutingContext> onDuty() {
        return ctx -> {
            Principal p = Http.principal(ctx);
            SiteServices x;
            try {
                x = p == null ? null : sites.at(ctx);
            } catch (RuntimeException e) {
                ctx.next(); // the route refuses the site itself
                return;
            }
            if (x == null || !p.is(x.site(), Role.ATTENDANT)) {
                ctx.next();
                return;
            }
            x.shifts().handedOver(p.username()).onComplete(ar -> {
                if (ar.failed()) {
                    Http.fail(ctx, ar.cause());
                } else if (ar.result().isPresent()) {
                    RequestDoor.refuse(ctx, 403, CentralException.Kind.FORBIDDEN.name(), handedOverMessage(ar.result()
                            .get()));
                } else {
                    ctx.next();
                }
            });
        };
    }

    /** The refusal, in both languages (the Chinese console words it itself, the English one shows this). */
    static String handedOverMessage(String formNo) {
        return "HANDED_OVER: you handed your shift over on form " + formNo + "; lane actions are the receiving"
                + " attendant's now (已交班, 车道操作归接班人)";
    }

    private static HandoverForm form(JsonObject b, long maxFen) {
        return new HandoverForm(FieldRules.id("toAttendant", Http.required(b, "toAttendant")),
                FieldRules.text("dutyNotes", Http.optString(b, "dutyNotes"), FieldRules.LONG_TEXT),
                Http.count(b, "walkieTalkies"), Http.count(b, "keys"), Http.count(b, "batons"),
                Http.count(b, "flashlights"), Http.count(b, "tickets"),
                FieldRules.fen("cashFen", Http.requiredLong(b, "cashFen"), maxFen),
                FieldRules.text("remarks", Http.optString(b, "remarks"), FieldRules.LONG_TEXT));
    }
}
