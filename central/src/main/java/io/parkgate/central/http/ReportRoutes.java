package io.parkgate.central.http;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.group.SiteRecords;
import io.parkgate.central.passage.RegisterExport;
import io.parkgate.central.passage.RegisterQuery;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The reports. The register for spreadsheets, of the request's site in its local time: {@code GET
 * /api/register.csv} and {@code GET /api/register.xlsx}, with the filters of {@code GET /api/passages}. The takings
 * in integer fen, {@code GET /api/reports/takings?from=&to=}: of the request's site (its supervisors and managers),
 * or with {@code site=*} of every site served, one row each and their total (a group manager's).
 */
public final class ReportRoutes {

    private final Sites sites;

    public ReportRoutes(Sites sites) {
        this.sites = sites;
    }

    /** Mounts on central's API router (after its authentication: every signed-in role may read the register). */
    public void mount(Router r) {
        r.get("/api/register.csv").handler(ctx -> export(ctx, false));
        r.get("/api/register.xlsx").handler(ctx -> export(ctx, true));
        r.get("/api/reports/takings").handler(ctx -> Http.respond(ctx, c -> {
            Principal p = Http.principal(c);
            List<String> which = Principal.ALL_SITES.equals(Sites.named(c))
                    ? sites.all().stream().map(SiteServices::site).toList() : List.of(sites.at(c).site());
            return sites.records().takings(p, which, Http.instantParam(c, "from"), Http.instantParam(c, "to"))
                    .map(ReportRoutes::json);
        }));
    }

    static JsonObject json(SiteRecords.Takings t) {
        JsonArray rows = new JsonArray();
        t.sites().forEach(s -> rows.add(row(s)));
        return new JsonObject().put("from", t.from().toString()).put("to", t.to().toString()).put("sites", rows)
                .put("total", row(t.total()));
    }

    private static JsonObject row(SiteRecords.SiteTakings s) {
        return new JsonObject().put("site", s.site()).put("entries", s.entries()).put("exits", s.exits())
                .put("exceptions", s.exceptions()).put("laneFeeFen", s.laneFeeFen()).put("deskFen", s.deskFen())
                .put("exceptionFen", s.exceptionFen()).put("totalFen", s.totalFen());
    }

    private void export(RoutingContext ctx, boolean xlsx) {
        RegisterQuery q;
        SiteServices x;
        try {
            q = RegisterFilters.of(ctx);
            x = sites.at(ctx);
        } catch (RuntimeException e) {
            Http.fail(ctx, e);
            return;
        }
        x.passages().query(q).onSuccess(list -> {
            String name = "register-" + x.site();
            if (xlsx) {
                ctx.response().putHeader("content-type",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                        .putHeader("content-disposition", "attachment; filename=\"" + name + ".xlsx\"")
                        .end(Buffer.buffer(RegisterExport.xlsx(list, x.zone())));
            } else {
                ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                        .putHeader("content-disposition", "attachment; filename=\"" + name + ".csv\"")
                        .end(RegisterExport.csv(list, x.zone()));
            }
        }).onFailure(e -> Http.fail(ctx, e));
    }
}
