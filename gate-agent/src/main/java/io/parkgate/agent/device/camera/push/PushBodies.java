package io.parkgate.agent.device.camera.push;

import io.parkgate.agent.device.PushProblem;
import io.parkgate.agent.device.camera.FrameCheck;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** What the codecs share: JSON with type checks, base64 pictures, content types. Pure functions. */
final class PushBodies {

    static final Charset GBK = Charset.forName("GBK");

    private PushBodies() {
    }

    /** The media type of a Content-Type header, lower case, without parameters; "" when absent. */
    static String mime(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    /** A parameter of a Content-Type header ({@code boundary}, {@code charset}), unquoted, or null. */
    static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).trim();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    static JsonObject json(byte[] body, String what) throws PushRefusedException {
        String text = utf8(body);
        if (text == null) {
            // Older Zhenshi firmware writes GBK; a plate's province character is the only non-ASCII text.
            text = new String(body, GBK);
        }
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(text);
            if (parsed instanceof JsonObject o) {
                return o;
            }
            throw new PushRefusedException(PushProblem.MALFORMED_JSON, what + ": the body is JSON but not an object");
        } catch (DecodeException e) {
            throw new PushRefusedException(PushProblem.MALFORMED_JSON, what + ": the body is not JSON ("
                    + firstLine(e.getMessage()) + ")");
        }
    }

    /** A strictly decoded UTF-8 text, or null when the bytes are not UTF-8. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static JsonObject object(JsonObject o, String key, String path) throws PushRefusedException {
        Object v = o.getValue(key);
        if (v instanceof JsonObject j) {
            return j;
        }
        throw new PushRefusedException(PushProblem.MISSING_FIELD, path + "." + key + " is "
                + (v == null ? "missing" : "not an object"));
    }

    static JsonObject optionalObject(JsonObject o, String key) {
        return o != null && o.getValue(key) instanceof JsonObject j ? j : null;
    }

    static JsonArray optionalArray(JsonObject o, String key) {
        return o != null && o.getValue(key) instanceof JsonArray a ? a : null;
    }

    /** A string field; numbers are taken as their text (firmware differs). */
    static String string(JsonObject o, String key, String path) throws PushRefusedException {
        Object v = o.getValue(key);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        throw new PushRefusedException(PushProblem.MISSING_FIELD, path + "." + key + " is "
                + (v == null ? "missing" : "not a string"));
    }

    static String optionalString(JsonObject o, String key) {
        Object v = o == null ? null : o.getValue(key);
        return v instanceof String s ? s : v instanceof Number n ? n.toString() : null;
    }

    /** An integer field given as a number or a decimal string; {@code fallback} when absent or unreadable. */
    static long integer(JsonObject o, String key, long fallback) {
        Object v = o == null ? null : o.getValue(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s && s.trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(s.trim());
        }
        return fallback;
    }

    /** A base64 JPEG, or null when absent, not base64 or not a JPEG (the caller counts a missing image). */
    static byte[] jpeg(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return FrameCheck.problem(bytes) == null ? bytes : null;
    }

    static int clampConfidence(long c) {
        return (int) Math.max(0, Math.min(100, c));
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
