package io.parkgate.protocol.card;

import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * EM4100 reader framing (docs/protocols.md §2): {@code STX, 10 hex digits, 2 hex digits XOR checksum, ETX}.
 * {@link #encode} builds a frame (the simulator's side); {@link Decoder} turns any byte stream into
 * card numbers, dropping and reporting everything else.
 */
public final class Em4100 {

    public static final byte STX = 0x02;
    public static final byte ETX = 0x03;
    /** STX + 10 + 2 + ETX. */
    public static final int FRAME_LENGTH = 14;
    /** A frame whose ETX has not come within this many bytes after STX is dropped. */
    public static final int MAX_FRAME_BYTES = 50;

    private Em4100() {
    }

    /** The frame for a card number of 10 hex digits (any case). */
    public static byte[] encode(String cardNumber) {
        String digits = cardNumber.toUpperCase(Locale.ROOT);
        if (digits.length() != 10 || !isHex(digits)) {
            throw new IllegalArgumentException("card number must be 10 hex digits: " + cardNumber);
        }
        int checksum = 0;
        for (int i = 0; i < 10; i += 2) {
            checksum ^= Integer.parseInt(digits.substring(i, i + 2), 16);
        }
        String body = digits + String.format(Locale.ROOT, "%02X", checksum);
        byte[] frame = new byte[FRAME_LENGTH];
        frame[0] = STX;
        System.arraycopy(body.getBytes(StandardCharsets.US_ASCII), 0, frame, 1, 12);
        frame[13] = ETX;
        return frame;
    }

    /** Same as {@link #encode} but with a deliberately wrong checksum, for tests and fault injection. */
    public static byte[] encodeWithBadChecksum(String cardNumber) {
        byte[] frame = encode(cardNumber);
        frame[12] = (byte) (frame[12] == '0' ? '1' : '0');
        return frame;
    }

    private static boolean isHex(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stream decoder. Not thread-safe: one per port, fed by the port's reader. Bytes outside a frame
     * are skipped (reported once per run); a new STX inside a frame restarts the frame, so a
     * truncated frame followed by a good one loses only the truncated one.
     */
    public static final class Decoder {

        private final FrameListener<String> listener;
        private final byte[] buf = new byte[MAX_FRAME_BYTES];
        private int len = -1; // -1: outside a frame
        private int strayBytes;

        public Decoder(FrameListener<String> listener) {
            this.listener = listener;
        }

        public void accept(byte[] data, int off, int count) {
            for (int i = off; i < off + count; i++) {
                accept(data[i]);
            }
        }

        public void accept(byte b) {
            if (b == STX) {
                if (len >= 0) {
                    listener.onRejected(RejectReason.BAD_LENGTH, "frame cut short after " + len + " bytes");
                }
                flushStray();
                len = 0;
                return;
            }
            if (len < 0) {
                strayBytes++;
                return;
            }
            if (b == ETX) {
                finishFrame();
                len = -1;
                return;
            }
            if (len == MAX_FRAME_BYTES - 1) {
                listener.onRejected(RejectReason.OVERLONG, "no ETX within " + MAX_FRAME_BYTES + " bytes");
                len = -1;
                return;
            }
            buf[len++] = b;
        }

        /** Reports bytes seen outside any frame; call when the line goes idle. */
        public void flushStray() {
            if (strayBytes > 0) {
                listener.onRejected(RejectReason.UNEXPECTED_BYTES, strayBytes + " bytes outside a frame");
                strayBytes = 0;
            }
        }

        private void finishFrame() {
            if (len != 12) {
                listener.onRejected(RejectReason.BAD_LENGTH, "frame of " + len + " characters, expected 12");
                return;
            }
            String body = new String(buf, 0, 12, StandardCharsets.ISO_8859_1);
            if (!isHex(body)) {
                listener.onRejected(RejectReason.BAD_CHARACTER, "non-hex character in frame");
                return;
            }
            int checksum = 0;
            for (int i = 0; i < 10; i += 2) {
                checksum ^= Integer.parseInt(body.substring(i, i + 2), 16);
            }
            if (checksum != Integer.parseInt(body.substring(10, 12), 16)) {
                listener.onRejected(RejectReason.BAD_CHECKSUM,
                        "checksum " + body.substring(10, 12) + ", computed "
                                + String.format(Locale.ROOT, "%02X", checksum));
                return;
            }
            listener.onFrame(body.substring(0, 10).toUpperCase(Locale.ROOT));
        }
    }
}
