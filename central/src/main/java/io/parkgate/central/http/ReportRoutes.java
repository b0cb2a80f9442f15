package io.parkgate.central.http;

import io.parkgate.central.error.CentralException;
import io.parkgate.central.passage.PassageService;
import io.parkgate.central.passage.RegisterExport;
import io.parkgate.central.passage.RegisterQuery;
import io.parkgate.wire.EventType;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;

/**
 * The register for spreadsheets, in the site's local time: {@code GET /api/register.csv} and
 * {@code GET /api/register.xlsx}, with the filters of {@code GET /api/passages}.
 */
public final class ReportRoutes {

    private final PassageService passages;
    private final ZoneId zone;

    public ReportRoutes(PassageService passages, ZoneId zone) {
        this.passages = passages;
        this.zone = zone;
    }

    /** Mounts on central's API router (after its authentication: every signed-in role may read the register). */
    public void mount(Router r) {
        r.get("/api/register.csv").handler(ctx -> export(ctx, false));
        r.get("/api/register.xlsx").handler(ctx -> export(ctx, true));
    }

    private void export(RoutingContext ctx, boolean xlsx) {
        RegisterQuery q;
        try {
            q = query(ctx);
        } catch (RuntimeException e) {
            Http.fail(ctx, e);
            return;
        }
        passages.query(q).onSuccess(list -> {
            if (xlsx) {
                ctx.response().putHeader("content-type",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                        .putHeader("content-disposition", "attachment; filename=\"register.xlsx\"")
                        .end(Buffer.buffer(RegisterExport.xlsx(list, zone)));
            } else {
                ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                        .putHeader("content-disposition", "attachment; filename=\"register.csv\"")
                        .end(RegisterExport.csv(list, zone));
            }
        }).onFailure(e -> Http.fail(ctx, e));
    }

    private static RegisterQuery query(RoutingContext c) {
        String limit = c.request().getParam("limit");
        int n;
        try {
            n = limit == null ? 1000 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw CentralException.badRequest("parameter 'limit' must be an integer, was " + limit);
        }
        return new RegisterQuery(c.request().getParam("plate"), c.request().getParam("lane"),
                Http.instantParam(c, "from"), Http.instantParam(c, "to"), c.request().getParam("decision"),
                Http.enumOf(EventType.class, c.request().getParam("type"), "type"), n);
    }
}
