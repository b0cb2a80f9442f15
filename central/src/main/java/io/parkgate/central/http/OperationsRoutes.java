package io.parkgate.central.http;

import io.parkgate.central.auth.Role;
import io.parkgate.central.exception.CaseFile;
import io.parkgate.central.exception.ExceptionStatus;
import io.parkgate.central.exception.Resolution;
import io.parkgate.central.passage.RegisterCsv;
import io.parkgate.central.passage.RegisterQuery;
import io.parkgate.central.validate.FieldRules;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.PaymentMethod;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * The register, prepayments, exceptions and lanes, each of the site the request is about ({@link Sites}); a case
 * addressed by its id is the case's site's, checked against the caller's roles there.
 */
public final class OperationsRoutes {

    private final Sites sites;

    public OperationsRoutes(Sites sites) {
        this.sites = sites;
    }

    void mount(Router r) {
        r.get("/api/passages").handler(ctx -> Http.respond(ctx, c -> {
            SiteServices x = sites.at(c);
            return x.passages().query(RegisterFilters.of(c)).map(list -> {
                JsonArray a = new JsonArray();
                list.forEach(e -> a.add(MessageCodec.toJson(x.links().linked(e))));
                return a;
            });
        }));
        r.get("/api/passages.csv").handler(this::csv);
        // Lane events central refused, with the reason (a supervisor's look at what a lane sent wrong).
        r.get("/api/quarantine").handler(ctx -> Http.respond(ctx, c -> {
            SiteServices x = sites.at(c);
            Http.principal(c).require(x.site(), Role.SUPERVISOR, Role.MANAGER);
            return x.quarantine().recent(Http.intParam(c, "limit", 100, 1, 1000)).map(list -> new JsonArray(list
                    .stream().map(q -> new JsonObject().put("laneId", q.laneId()).put("eventId", q.eventId())
                            .put("receivedAt", q.receivedAt().toString()).put("reason", q.reason())
                            .put("payload", q.payload())).toList()));
        }));
        r.post("/api/prepayments").handler(ctx -> Http.respond(ctx, c -> {
            SiteServices x = sites.at(c);
            JsonObject b = Http.body(c);
            return x.payments().prepay(Http.principal(c), FieldRules.plate("plate", Http.required(b, "plate")),
                    FieldRules.fen("amountFen", Http.requiredLong(b, "amountFen"), x.maxFen()),
                    Http.enumOf(PaymentMethod.class, Http.required(b, "method"), "method"),
                    FieldRules.optId("post", Http.optString(b, "post")), Http.optBoolean(b, "partial", false))
                    .map(PaymentJson::of);
        }));
        // A supervisor waives what a partially paid stay still owes (the held car then leaves).
        r.post("/api/prepayments/waive").handler(ctx -> Http.respond(ctx, c -> {
            SiteServices x = sites.at(c);
            JsonObject b = Http.body(c);
            return x.payments().waive(Http.principal(c), FieldRules.plate("plate", Http.required(b, "plate")),
                    FieldRules.requiredText("reason", Http.required(b, "reason"), FieldRules.LONG_TEXT),
                    FieldRules.optId("post", Http.optString(b, "post"))).map(PaymentJson::of);
        }));
        // Desk payments with their receipt numbers, newest first (the register's receipt search).
        r.get("/api/payments").handler(ctx -> Http.respond(ctx, c -> {
            SiteServices x = sites.at(c);
            String plate = c.request().getParam("plate");
            return x.payments().list(FieldRules.text("receipt", c.request().getParam("receipt"), 40),
                    plate == null || plate.isBlank() ? null : FieldRules.plate("plate", plate.trim()),
                    Http.instantParam(c, "from"), Http.instantParam(c, "to"), Http.intParam(c, "limit", 500, 1, 5000))
                    .map(PaymentJson::of);
        }));
        r.get("/api/prepayments/:plate").handler(ctx -> Http.respond(ctx, c -> {
            SiteServices x = sites.at(c);
            Instant at = Http.instantParam(c, "exitAt");
            return x.payments().exitAllowance(FieldRules.plate("plate", c.pathParam("plate")), at)
                    .map(PaymentJson::of);
        }));
        r.get("/api/exceptions").handler(ctx -> Http.respond(ctx, c -> {
            SiteServices x = sites.at(c);
            return x.exceptions().list(Http.enumOf(ExceptionStatus.class, c.request().getParam("status"), "status"))
                    .map(list -> ExceptionJson.of(list.stream().map(e -> ExceptionJson.signed(e, x.links()))
                            .toList()));
        }));
        r.get("/api/exceptions/:id").handler(ctx -> Http.respond(ctx, c -> sites.ofException(c, c.pathParam("id"))
                .compose(x -> x.exceptions().get(c.pathParam("id")).map(f -> ExceptionJson.of(new CaseFile(
                        ExceptionJson.signed(f.exception(), x.links()), f.cardFile(), f.vehicleFile(),
                        f.previousPassages()))))));
        // every answer that carries a case carries its photo as a link signed here, at the door
        r.post("/api/exceptions/:id/claim").handler(ctx -> Http.respond(ctx, c -> sites.ofException(c,
                c.pathParam("id")).compose(x -> x.exceptions().claim(Http.principal(c), c.pathParam("id"))
                .map(e -> ExceptionJson.of(ExceptionJson.signed(e, x.links()))))));
        r.post("/api/exceptions/:id/correct-plate").handler(ctx -> Http.respond(ctx, c -> {
            String plate = FieldRules.plate("plate", Http.required(Http.body(c), "plate"));
            return sites.ofException(c, c.pathParam("id")).compose(x -> x.exceptions().correctPlate(
                    Http.principal(c), c.pathParam("id"), plate)
                    .map(e -> ExceptionJson.of(ExceptionJson.signed(e, x.links()))));
        }));
        r.post("/api/exceptions/:id/resolve").handler(ctx -> Http.respond(ctx, c -> sites.ofException(c,
                c.pathParam("id")).compose(x -> x.exceptions().resolve(Http.principal(c), c.pathParam("id"),
                        resolution(Http.body(c), x.maxFen()))
                .map(e -> ExceptionJson.of(ExceptionJson.signed(e, x.links()))))));
        r.get("/api/lanes").handler(ctx -> Http.respond(ctx, c -> Future.succeededFuture(
                LaneJson.of(sites.at(c).lanes().overview()))));
        // A lane id names a lane of the request's site (the same id may be a lane of another compound too).
        r.post("/api/lanes/:id/open").handler(ctx -> Http.respond(ctx, c -> {
            SiteServices x = sites.at(c);
            return x.exceptions().manualOpen(Http.principal(c), c.pathParam("id"),
                            FieldRules.requiredText("reason", Http.required(Http.body(c), "reason"),
                                    FieldRules.LONG_TEXT))
                    .map(cmd -> new JsonObject().put("commandId", cmd.commandId()).put("laneId", cmd.laneId())
                            .put("expiresAt", cmd.expiresAt().toString()));
        }));
    }

    private void csv(RoutingContext ctx) {
        RegisterQuery q;
        try {
            q = RegisterFilters.of(ctx);
        } catch (RuntimeException e) {
            Http.fail(ctx, e);
            return;
        }
        SiteServices x;
        try {
            x = sites.at(ctx);
        } catch (RuntimeException e) {
            Http.fail(ctx, e);
            return;
        }
        x.passages().query(q).onSuccess(list -> ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                .putHeader("content-disposition", "attachment; filename=\"register.csv\"")
                .end(RegisterCsv.render(list))).onFailure(e -> Http.fail(ctx, e));
    }

    private static Resolution resolution(JsonObject b, long maxFen) {
        return new Resolution(text(b, "licenceNo", FieldRules.SHORT_TEXT), text(b, "idCardNo", FieldRules.SHORT_TEXT),
                text(b, "statement", FieldRules.LONG_TEXT), FieldRules.signature("signatureRef", Http.optString(b,
                        "signatureRef")),
                FieldRules.fen("feeFen", Http.requiredLong(b, "feeFen"), maxFen),
                Http.enumOf(Resolution.FeeAction.class, Http.required(b, "feeAction"), "feeAction"),
                Http.enumOf(PaymentMethod.class, Http.optString(b, "paymentMethod"), "paymentMethod"),
                text(b, "waiveReason", FieldRules.LONG_TEXT), text(b, "outcome", FieldRules.LONG_TEXT),
                Http.optBoolean(b, "release", true));
    }

    private static String text(JsonObject b, String field, int max) {
        return FieldRules.text(field, Http.optString(b, field), max);
    }
}
