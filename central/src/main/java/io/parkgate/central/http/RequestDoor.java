package io.parkgate.central.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;

/**
 * The first handler of every route that may carry a body. The API speaks JSON only: uploads and forms are
 * refused before a byte of them is read (so nothing reaches the disk), as is a body on GET, HEAD or DELETE
 * and a declared length over the largest body any route takes. The request is then paused, so a body is
 * read only by the route's own {@link #body} handler, after the caller is authenticated.
 */
final class RequestDoor {

    /** Login: a user name and a password. */
    static final long LOGIN_BODY = 4 * 1024;
    /** Ordinary API calls: one record or form. */
    static final long SMALL_BODY = 64 * 1024;
    /** A bulk registry upsert by the card centre. */
    static final long REGISTRY_BODY = 8L * 1024 * 1024;

    private RequestDoor() {
    }

    static void screen(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String type = req.getHeader("content-type");
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        boolean hasBody = hasBody(req);
        if (hasBody && (t.startsWith("multipart/") || t.startsWith("application/x-www-form-urlencoded"))) {
            refuse(ctx, 415, "UNSUPPORTED_MEDIA_TYPE", "central's API takes JSON bodies only (no uploads, no forms)");
            return;
        }
        if (hasBody && (HttpMethod.GET.equals(req.method()) || HttpMethod.HEAD.equals(req.method())
                || HttpMethod.DELETE.equals(req.method()))) {
            refuse(ctx, 400, "BAD_REQUEST", req.method() + " takes no request body");
            return;
        }
        String length = req.getHeader("content-length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(ctx, 400, "BAD_REQUEST", "content-length is not a number");
                return;
            }
            if (n > REGISTRY_BODY) {
                // Not worth draining: answer and hang up.
                ctx.response().putHeader("connection", "close");
                refuse(ctx, 413, "TOO_LARGE", "request body over " + REGISTRY_BODY + " bytes");
                return;
            }
        }
        req.pause();
        ctx.next();
    }

    /** Reads a JSON body of at most {@code limit} bytes into memory (never to disk). */
    static BodyHandler body(long limit) {
        return BodyHandler.create(false).setBodyLimit(limit).setMergeFormAttributes(false);
    }

    /** Answers 413 in the API's JSON form when a body handler refused a body. */
    static void tooLarge(RoutingContext ctx) {
        refuse(ctx, 413, "TOO_LARGE", "request body too large for " + ctx.request().path());
    }

    private static boolean hasBody(HttpServerRequest req) {
        String length = req.getHeader("content-length");
        if (length != null) {
            return !length.trim().equals("0");
        }
        return req.getHeader("transfer-encoding") != null;
    }

    /**
     * Answers at once. A body not yet read is drained in memory and dropped, so the client can read the answer
     * and the connection stays usable; a body longer than any route takes closes the connection instead.
     */
    static void refuse(RoutingContext ctx, int status, String kind, String message) {
        if (ctx.response().ended()) {
            return;
        }
        HttpServerRequest req = ctx.request();
        if (!req.isEnded()) {
            long[] seen = {0};
            req.handler(buf -> {
                seen[0] += buf.length();
                if (seen[0] > REGISTRY_BODY) {
                    req.connection().close();
                }
            });
            req.resume();
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", kind).put("message", message).encode());
    }
}
