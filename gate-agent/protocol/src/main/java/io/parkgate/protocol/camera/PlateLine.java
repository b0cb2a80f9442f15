package io.parkgate.protocol.camera;

import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The smart camera's NMEA-style line (docs/protocols.md §3):
 * {@code $PLATE,<seq>,<plate>,<colour>,<confidence>,<epochMillis>*<HH>\r\n}, HH the XOR of the
 * UTF-8 bytes strictly between {@code $} and {@code *}.
 */
public final class PlateLine {

    /** Longest line accepted; a real report is well under 80 bytes. */
    public static final int MAX_LINE_BYTES = 160;

    private PlateLine() {
    }

    public static byte[] encode(PlateReport r) {
        String body = "PLATE," + r.seq() + "," + r.plate() + "," + r.colour().name() + ","
                + r.confidence() + "," + r.epochMillis();
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String line = "$" + body + "*" + String.format(Locale.ROOT, "%02X", xor(bodyBytes, 0, bodyBytes.length))
                + "\r\n";
        return line.getBytes(StandardCharsets.UTF_8);
    }

    static int xor(byte[] b, int off, int len) {
        int x = 0;
        for (int i = off; i < off + len; i++) {
            x ^= b[i] & 0xFF;
        }
        return x;
    }

    /**
     * Stream decoder: splits on LF, validates and parses. Not thread-safe: one per port. A line
     * longer than {@link #MAX_LINE_BYTES} is dropped up to its LF; a {@code $} restarts the line.
     */
    public static final class Decoder {

        private final FrameListener<PlateReport> listener;
        private final byte[] buf = new byte[MAX_LINE_BYTES];
        private int len;
        private boolean overlong;

        public Decoder(FrameListener<PlateReport> listener) {
            this.listener = listener;
        }

        public void accept(byte[] data, int off, int count) {
            for (int i = off; i < off + count; i++) {
                accept(data[i]);
            }
        }

        public void accept(byte b) {
            if (b == '$' && (len > 0 || overlong)) {
                // '$' never occurs inside a line (nor inside a UTF-8 sequence): a new line starts, so
                // garbage without a line end cannot swallow the report that follows it.
                listener.onRejected(overlong ? RejectReason.OVERLONG : RejectReason.MALFORMED_FIELD,
                        overlong ? "line longer than " + MAX_LINE_BYTES + " bytes"
                                : "line cut short after " + len + " bytes");
                len = 0;
                overlong = false;
            }
            if (b == '\n') {
                if (overlong) {
                    listener.onRejected(RejectReason.OVERLONG, "line longer than " + MAX_LINE_BYTES + " bytes");
                } else {
                    parse(len > 0 && buf[len - 1] == '\r' ? len - 1 : len);
                }
                len = 0;
                overlong = false;
                return;
            }
            if (overlong) {
                return;
            }
            if (len == MAX_LINE_BYTES) {
                overlong = true;
                return;
            }
            buf[len++] = b;
        }

        private void parse(int n) {
            if (n == 0) {
                return;
            }
            int star = -1;
            for (int i = n - 1; i >= 0; i--) {
                if (buf[i] == '*') {
                    star = i;
                    break;
                }
            }
            if (buf[0] != '$' || star < 0 || n - star != 3) {
                listener.onRejected(RejectReason.MALFORMED_FIELD, "not a $...*HH line");
                return;
            }
            int given = Character.digit(buf[star + 1], 16) << 4 | Character.digit(buf[star + 2], 16);
            if (Character.digit(buf[star + 1], 16) < 0 || Character.digit(buf[star + 2], 16) < 0
                    || Character.isLowerCase(buf[star + 1]) || Character.isLowerCase(buf[star + 2])) {
                listener.onRejected(RejectReason.MALFORMED_FIELD, "checksum is not two upper-case hex digits");
                return;
            }
            int computed = xor(buf, 1, star - 1);
            if (given != computed) {
                listener.onRejected(RejectReason.BAD_CHECKSUM,
                        String.format(Locale.ROOT, "checksum %02X, computed %02X", given, computed));
                return;
            }
            String body;
            try {
                body = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(buf, 1, star - 1)).toString();
            } catch (CharacterCodingException e) {
                listener.onRejected(RejectReason.BAD_CHARACTER, "line is not valid UTF-8");
                return;
            }
            String[] f = body.split(",", -1);
            if (f.length != 6 || !"PLATE".equals(f[0])) {
                listener.onRejected(RejectReason.MALFORMED_FIELD, "expected 6 fields starting PLATE, got " + f.length);
                return;
            }
            try {
                int seq = parseInt(f[1], 0, 65535, "seq");
                String plate = f[2];
                if (plate.isEmpty() || plate.length() > 12) {
                    throw new IllegalArgumentException("plate field of length " + plate.length());
                }
                PlateColour colour = PlateColour.valueOf(f[3]);
                int confidence = parseInt(f[4], 0, 100, "confidence");
                if (!f[5].matches("\\d{1,15}")) {
                    throw new IllegalArgumentException("epochMillis '" + f[5] + "'");
                }
                listener.onFrame(new PlateReport(seq, plate, colour, confidence, Long.parseLong(f[5])));
            } catch (IllegalArgumentException e) {
                listener.onRejected(RejectReason.MALFORMED_FIELD, e.getMessage());
            }
        }

        private static int parseInt(String s, int min, int max, String field) {
            if (!s.matches("\\d{1,6}")) {
                throw new IllegalArgumentException(field + " '" + s + "' is not a decimal number");
            }
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException(field + " " + v + " outside " + min + ".." + max);
            }
            return v;
        }
    }
}
