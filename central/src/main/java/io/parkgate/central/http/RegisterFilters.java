package io.parkgate.central.http;

import io.parkgate.central.passage.RegisterQuery;
import io.parkgate.wire.EventType;
import io.vertx.ext.web.RoutingContext;

/**
 * The register's filters as a request gives them ({@code plate}, {@code lane}, {@code from}, {@code to},
 * {@code decision}, {@code type}, {@code limit}), checked alike wherever the register is read: the console's list
 * ({@code GET /api/passages}, {@code /api/passages.csv}) and the spreadsheets ({@code GET /api/register.csv},
 * {@code /api/register.xlsx}).
 */
final class RegisterFilters {

    /** Rows when the request names no limit. */
    private static final int DEFAULT_LIMIT = 1000;
    /** The longest plate filter: plates are 7 or 8 characters, and the console's list has taken up to 12. */
    private static final int PLATE_CHARS = 12;

    private RegisterFilters() {
    }

    /** The query the request asks for: a blank filter filters nothing, a bad one is a 400 naming it. */
    static RegisterQuery of(RoutingContext c) {
        int limit = Http.intParam(c, "limit", DEFAULT_LIMIT, 1, RegisterQuery.MAX_LIMIT);
        return new RegisterQuery(Http.textParam(c, "plate", PLATE_CHARS), Http.textParam(c, "lane"),
                Http.instantParam(c, "from"), Http.instantParam(c, "to"), Http.textParam(c, "decision"),
                Http.enumOf(EventType.class, c.request().getParam("type"), "type"), limit);
    }
}
