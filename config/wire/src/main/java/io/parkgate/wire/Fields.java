package io.parkgate.wire;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Strict field readers: every failure names the message kind and the field. */
final class Fields {

    private Fields() {
    }

    static JsonObject parse(String what, byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new WireFormatException(what + ": empty payload");
        }
        try {
            return new JsonObject(Buffer.buffer(payload));
        } catch (DecodeException | ClassCastException e) {
            throw new WireFormatException(what + ": not a JSON object: " + e.getMessage(), e);
        }
    }

    static String string(String what, JsonObject o, String field) {
        String v = optString(what, o, field);
        if (v == null || v.isBlank()) {
            throw new WireFormatException(what + ": field '" + field + "' missing or blank");
        }
        return v;
    }

    static String optString(String what, JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new WireFormatException(what + ": field '" + field + "' must be a string, was " + v);
        }
        return s;
    }

    static long number(String what, JsonObject o, String field) {
        Long v = optNumber(what, o, field);
        if (v == null) {
            throw new WireFormatException(what + ": field '" + field + "' missing");
        }
        return v;
    }

    static Long optNumber(String what, JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != n.longValue()) {
            throw new WireFormatException(what + ": field '" + field + "' must be an integer, was " + v);
        }
        return n.longValue();
    }

    static boolean bool(String what, JsonObject o, String field) {
        Object v = o.getValue(field);
        if (!(v instanceof Boolean b)) {
            throw new WireFormatException(what + ": field '" + field + "' must be true or false, was " + v);
        }
        return b;
    }

    static Instant instant(String what, JsonObject o, String field) {
        Instant v = optInstant(what, o, field);
        if (v == null) {
            throw new WireFormatException(what + ": field '" + field + "' missing");
        }
        return v;
    }

    static Instant optInstant(String what, JsonObject o, String field) {
        String s = optString(what, o, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new WireFormatException(what + ": field '" + field + "' must be an ISO-8601 instant, was " + s, e);
        }
    }

    static <E extends Enum<E>> E enumValue(String what, JsonObject o, String field, Class<E> type) {
        E v = optEnum(what, o, field, type);
        if (v == null) {
            throw new WireFormatException(what + ": field '" + field + "' missing");
        }
        return v;
    }

    static <E extends Enum<E>> E optEnum(String what, JsonObject o, String field, Class<E> type) {
        String s = optString(what, o, field);
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(what + ": field '" + field + "' must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", was " + s, e);
        }
    }

    static JsonArray array(String what, JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v == null) {
            return new JsonArray();
        }
        if (!(v instanceof JsonArray a)) {
            throw new WireFormatException(what + ": field '" + field + "' must be an array");
        }
        return a;
    }

    static JsonObject object(String what, JsonArray a, int i) {
        Object v = a.getValue(i);
        if (!(v instanceof JsonObject o)) {
            throw new WireFormatException(what + ": element " + i + " must be an object");
        }
        return o;
    }

    static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
