package io.parkgate.protocol.vendor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A multipart body (RFC 2046) split into its parts or written from them, on the bytes: JPEG parts stay binary. */
public final class Multipart {

    /** One part: headers with lower-case names, and its bytes. */
    public record Part(Map<String, String> headers, byte[] body) {

        /** A {@code form-data} part as cameras write it: name and file name alike, its type and length. */
        public static Part formData(String name, String type, byte[] body) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("content-disposition", "form-data; name=\"" + name + "\"; filename=\"" + name + "\"");
            h.put("content-type", type);
            h.put("content-length", Integer.toString(body.length));
            return new Part(h, body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The {@code name} (or else {@code filename}) of its Content-Disposition, or "". */
        String name() {
            String d = header("content-disposition");
            String n = PushBodies.parameter(d, "name");
            if (n == null || n.isEmpty()) {
                n = PushBodies.parameter(d, "filename");
            }
            return n == null ? "" : n;
        }

        String mime() {
            return PushBodies.mime(header("content-type"));
        }
    }

    private Multipart() {
    }

    /** The body of {@code parts} between {@code boundary} delimiters, CRLF line ends, closed by {@code --}. */
    public static byte[] write(String boundary, List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
            p.headers().forEach((name, value) -> head.append(headerName(name)).append(": ").append(value)
                    .append("\r\n"));
            out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.body());
            out.writeBytes(CRLF);
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** {@code content-type} as {@code Content-Type}: header names are case-blind, cameras capitalise them. */
    private static String headerName(String lower) {
        StringBuilder sb = new StringBuilder(lower.length());
        boolean up = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            sb.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        return sb.toString();
    }

    /**
     * A camera's push has an XML part and a few pictures; more parts than this is not a camera's body. Bounding
     * them bounds the work and the part objects one body can cost.
     */
    public static final int MAX_PARTS = 16;

    /**
     * The parts of {@code body}. Each part's headers end (a blank line) is looked for only up to the next
     * delimiter, so splitting is linear in the body whatever its line ends.
     *
     * @throws PushRefusedException when the body is not well-formed multipart or has over {@link #MAX_PARTS} parts
     */
    public static List<Part> split(byte[] body, String boundary) throws PushRefusedException {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new PushRefusedException(PushProblem.MALFORMED_XML, "multipart body without its boundary '"
                    + boundary + "'");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int afterDelimiter = at + delimiter.length;
            if (afterDelimiter + 2 <= body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                return parts; // closing delimiter
            }
            if (parts.size() == MAX_PARTS) {
                throw new PushRefusedException(PushProblem.MALFORMED_XML, "multipart body with more than "
                        + MAX_PARTS + " parts");
            }
            int headersStart = skipLineEnd(body, afterDelimiter);
            int next = indexOf(body, delimiter, headersStart);
            if (next < 0) {
                throw new PushRefusedException(PushProblem.MALFORMED_XML, "multipart body cut short in part "
                        + parts.size());
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart, next);
            int bodyStart = headersEnd + 4;
            if (headersEnd < 0) {
                // tolerate bare LF line ends
                headersEnd = indexOf(body, "\n\n".getBytes(StandardCharsets.ISO_8859_1), headersStart, next);
                bodyStart = headersEnd + 2;
            }
            if (headersEnd < 0) {
                throw new PushRefusedException(PushProblem.MALFORMED_XML, "multipart part " + parts.size()
                        + " has no end of headers");
            }
            int bodyEnd = next;
            if (bodyEnd >= 2 && body[bodyEnd - 2] == '\r' && body[bodyEnd - 1] == '\n') {
                bodyEnd -= 2;
            } else if (bodyEnd >= 1 && body[bodyEnd - 1] == '\n') {
                bodyEnd -= 1;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String head = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            for (String line : head.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1)
                            .trim());
                }
            }
            byte[] content = new byte[Math.max(0, bodyEnd - bodyStart)];
            System.arraycopy(body, bodyStart, content, 0, content.length);
            parts.add(new Part(headers, content));
            at = next;
        }
    }

    private static int skipLineEnd(byte[] b, int i) {
        if (i < b.length && b[i] == '\r') {
            i++;
        }
        if (i < b.length && b[i] == '\n') {
            i++;
        }
        return i;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        return indexOf(hay, needle, from, hay.length);
    }

    /** Where {@code needle} starts in {@code hay} at or after {@code from}, ending by {@code to}; -1 if nowhere. */
    private static int indexOf(byte[] hay, byte[] needle, int from, int to) {
        outer:
        for (int i = Math.max(0, from); i <= Math.min(to, hay.length) - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
