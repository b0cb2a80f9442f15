package io.parkgate.central.http;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.validate.FieldRules;
import io.parkgate.wire.WireFormatException;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shared request and response handling of the JSON API. */
final class Http {

    static final String PRINCIPAL = "principal";
    /** The longest name a query parameter may carry: ids are at most 64 characters (FieldRules.id). */
    static final int NAME_PARAM_CHARS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(Http.class);

    private Http() {
    }

    static Principal principal(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject o = ctx.body().asJsonObject();
            if (o == null) {
                throw CentralException.badRequest("request body must be a JSON object");
            }
            return o;
        } catch (DecodeException | ClassCastException e) {
            throw CentralException.badRequest("request body is not a JSON object: " + e.getMessage());
        }
    }

    static String required(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw CentralException.badRequest("field '" + field + "' is required (a string)");
        }
        return s;
    }

    static long requiredLong(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (!(v instanceof Number n) || v instanceof Double || v instanceof Float || n.doubleValue() != n.longValue()) {
            throw CentralException.badRequest("field '" + field + "' is required (an integer)");
        }
        return n.longValue();
    }

    /** A count of things on a form: 0..10000. */
    static int count(JsonObject o, String field) {
        Object v = o.getValue(field, 0);
        if (!(v instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < 0 || n.intValue() > 10_000) {
            throw CentralException.badRequest("field '" + field + "' must be an integer 0..10000");
        }
        return n.intValue();
    }

    /** An optional string field; a value of another JSON type is a 400, not a 500. */
    static String optString(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw CentralException.badRequest("field '" + field + "' must be a string");
        }
        return (String) v;
    }

    static boolean optBoolean(JsonObject o, String field, boolean otherwise) {
        Object v = o.getValue(field);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Boolean b)) {
            throw CentralException.badRequest("field '" + field + "' must be true or false");
        }
        return b;
    }

    /** An integer query parameter within bounds, or {@code otherwise} when absent. */
    static int intParam(RoutingContext ctx, String name, int otherwise, int min, int max) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw CentralException.badRequest("parameter '" + name + "' must be an integer " + min + ".." + max
                + ", was " + v);
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw CentralException.badRequest("field '" + field + "' must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", was " + value);
        }
    }

    /**
     * A query parameter naming something (a lane, post, attendant or event), trimmed; null when it is absent or blank.
     * At most {@link #NAME_PARAM_CHARS} characters and no control characters, else a 400 naming it.
     */
    static String textParam(RoutingContext ctx, String name) {
        return textParam(ctx, name, NAME_PARAM_CHARS);
    }

    /** As {@link #textParam(RoutingContext, String)}, at most {@code max} characters. */
    static String textParam(RoutingContext ctx, String name, int max) {
        String v = FieldRules.text(name, ctx.request().getParam(name), max); // before trimming, which drops controls
        return v == null || v.isBlank() ? null : v.strip();
    }

    static Instant instantParam(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw CentralException.badRequest("parameter '" + name + "' must be an ISO-8601 instant, was " + v);
        }
    }

    /** Runs the handler and answers with its JSON (200) or with the error it failed with. */
    static <T> void respond(RoutingContext ctx, Function<RoutingContext, Future<T>> handler) {
        Future<T> f;
        try {
            f = handler.apply(ctx);
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        f.onSuccess(v -> json(ctx, 200, v)).onFailure(e -> fail(ctx, e));
    }

    static void json(RoutingContext ctx, int status, Object v) {
        if (ctx.response().ended()) {
            return;
        }
        String text = v instanceof JsonObject o ? o.encode() : v instanceof JsonArray a ? a.encode()
                : new JsonObject().put("result", v).encode();
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(text);
    }

    static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof CentralException ce) {
            json(ctx, ce.kind().status(), new JsonObject().put("error", ce.kind().name()).put("message",
                    ce.getMessage()));
        } else if (e instanceof IllegalArgumentException || e instanceof WireFormatException) {
            json(ctx, 400, new JsonObject().put("error", "BAD_REQUEST").put("message", e.getMessage()));
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
            json(ctx, 500, new JsonObject().put("error", "INTERNAL").put("message", String.valueOf(e.getMessage())));
        }
    }
}
