package io.parkgate.central.http;

import io.parkgate.central.note.NoteService;
import io.vertx.ext.web.Router;

/**
 * The attendants' lane notes, read back, newest first: {@code GET /api/notes?laneId=&post=&from=&to=&passage=&limit=}
 * ({@code passage}: the register row's event id; {@code limit} default 500, at most 2000).
 */
public final class NoteRoutes {

    private static final int DEFAULT_LIMIT = 500;

    private final Sites sites;

    /** The notes of the request's site. */
    public NoteRoutes(Sites sites) {
        this.sites = sites;
    }

    /** Mounts on central's API router (after its authentication: every signed-in role may read notes). */
    public void mount(Router r) {
        r.get("/api/notes").handler(ctx -> Http.respond(ctx, c -> sites.at(c).notes().list(new NoteService.Query(
                Http.textParam(c, "laneId"), Http.textParam(c, "post"), Http.instantParam(c, "from"),
                Http.instantParam(c, "to"), Http.textParam(c, "passage"),
                Http.intParam(c, "limit", DEFAULT_LIMIT, 1, NoteService.MAX_ROWS))).map(NoteJson::of)));
    }
}
