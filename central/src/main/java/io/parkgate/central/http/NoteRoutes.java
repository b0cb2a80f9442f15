package io.parkgate.central.http;

import io.parkgate.central.note.NoteService;
import io.vertx.ext.web.Router;

/**
 * The attendants' lane notes, read back, newest first: {@code GET /api/notes?laneId=&post=&from=&to=&passage=&limit=}
 * ({@code passage}: the register row's event id; {@code limit} default 500, at most 2000).
 */
public final class NoteRoutes {

    private final Sites sites;

    /** The notes of the request's site. */
    public NoteRoutes(Sites sites) {
        this.sites = sites;
    }

    /** Mounts on central's API router (after its authentication: every signed-in role may read notes). */
    public void mount(Router r) {
        r.get("/api/notes").handler(ctx -> Http.respond(ctx, c -> sites.at(c).notes().list(new NoteService.Query(
                blankToNull(c.request().getParam("laneId")), blankToNull(c.request().getParam("post")),
                Http.instantParam(c, "from"), Http.instantParam(c, "to"),
                blankToNull(c.request().getParam("passage")), limit(c.request().getParam("limit"))))
                .map(NoteJson::of)));
    }

    private static int limit(String v) {
        if (v == null || v.isBlank()) {
            return 500;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw io.parkgate.central.error.CentralException.badRequest(
                    "parameter 'limit' must be a whole number, was " + v);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
