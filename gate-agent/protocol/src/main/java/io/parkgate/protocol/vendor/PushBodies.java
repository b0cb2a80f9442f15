package io.parkgate.protocol.vendor;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** What the codecs share: JSON with type checks, base64 pictures, content types. Pure functions. */
final class PushBodies {

    static final Charset GBK = Charset.forName("GBK");

    /** Strict: a body with anything after its JSON value is not the vendor's JSON. */
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

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

    static ObjectNode json(byte[] body, String what) throws PushRefusedException {
        String text = utf8(body);
        if (text == null) {
            // Older Zhenshi firmware writes GBK; a plate's province character is the only non-ASCII text.
            text = new String(body, GBK);
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new PushRefusedException(PushProblem.MALFORMED_JSON, what + ": the body is not JSON ("
                    + firstLine(e.getOriginalMessage()) + ")");
        }
        if (parsed instanceof ObjectNode o) {
            return o;
        }
        throw new PushRefusedException(PushProblem.MALFORMED_JSON, what + ": the body is "
                + (parsed == null || parsed.isMissingNode() ? "empty" : "JSON but not an object"));
    }

    /** The body as the vendor writes it: compact UTF-8 JSON. */
    static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    /** The names of an object's fields, in their order. */
    static List<String> fieldNames(JsonNode o) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> i = o.fieldNames(); i.hasNext(); ) {
            names.add(i.next());
        }
        return names;
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

    static ObjectNode object(JsonNode o, String key, String path) throws PushRefusedException {
        JsonNode v = o.get(key);
        if (v instanceof ObjectNode j) {
            return j;
        }
        throw new PushRefusedException(PushProblem.MISSING_FIELD, path + "." + key + " is "
                + (v == null || v.isNull() ? "missing" : "not an object"));
    }

    static ObjectNode optionalObject(JsonNode o, String key) {
        return o != null && o.get(key) instanceof ObjectNode j ? j : null;
    }

    static ArrayNode optionalArray(JsonNode o, String key) {
        return o != null && o.get(key) instanceof ArrayNode a ? a : null;
    }

    /** A string field; numbers are taken as their text (firmware differs). */
    static String string(JsonNode o, String key, String path) throws PushRefusedException {
        String s = optionalString(o, key);
        if (s != null) {
            return s;
        }
        JsonNode v = o.get(key);
        throw new PushRefusedException(PushProblem.MISSING_FIELD, path + "." + key + " is "
                + (v == null || v.isNull() ? "missing" : "not a string"));
    }

    static String optionalString(JsonNode o, String key) {
        JsonNode v = o == null ? null : o.get(key);
        if (v == null) {
            return null;
        }
        return v.isTextual() ? v.textValue() : v.isNumber() ? v.numberValue().toString() : null;
    }

    /** An integer field given as a number or a decimal string; {@code fallback} when absent or unreadable. */
    static long integer(JsonNode o, String key, long fallback) {
        JsonNode v = o == null ? null : o.get(key);
        if (v != null && v.isNumber()) {
            return v.longValue();
        }
        if (v != null && v.isTextual() && v.textValue().trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(v.textValue().trim());
        }
        return fallback;
    }

    /** A base64 picture, or null when absent, not base64 or not usable (the caller counts a missing image). */
    static byte[] picture(String base64, PictureCheck check) {
        if (base64 == null || base64.isEmpty()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return check.usable(bytes) ? bytes : null;
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
