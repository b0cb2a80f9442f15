package io.parkgate.protocol.display;

import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.modbus.ModbusRtu;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * parkgate's RS-485 frame for a lane's LED display and voice module (docs/protocols.md, "Lane display and
 * voice"): {@code AA 55 | addr | cmd | len (2 bytes, big-endian) | payload | CRC-16/MODBUS (low byte
 * first)} over addr..payload. Text is GBK (a superset of GB2312). Commands: {@link #SHOW} a line,
 * {@link #SPEAK}, {@link #FREE_SPACES}, {@link #CLEAR}. Pure functions and a stream decoder.
 */
public final class DisplayFrame {

    public static final int SHOW = 0x01;
    public static final int SPEAK = 0x02;
    public static final int FREE_SPACES = 0x03;
    public static final int CLEAR = 0x04;
    /** Longest payload: a line of text is far shorter; a voice text up to ~120 characters. */
    public static final int MAX_PAYLOAD = 255;
    public static final Charset GBK = Charset.forName("GBK");

    /** Colours a line may be shown in. */
    /** The colour byte of a SHOW frame: 1 red, 2 green, 3 yellow on the wire. */
    public enum Colour {
        RED(1), GREEN(2), YELLOW(3);

        final int wire;

        Colour(int wire) {
            this.wire = wire;
        }
    }

    /** One decoded frame. */
    public record Frame(int address, int command, byte[] payload) {

        /** The text of a SHOW (after line, colour, seconds) or SPEAK frame. */
        public String text() {
            int from = command == SHOW ? 3 : 0;
            return new String(payload, from, Math.max(0, payload.length - from), GBK);
        }

        /** The line (1..4) of a SHOW frame. */
        public int line() {
            return payload[0] & 0xFF;
        }

        public int freeSpaces() {
            return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }
    }

    private DisplayFrame() {
    }

    /** A SHOW frame: {@code line} 1..4, the colour, seconds to keep it (0 = until replaced), GBK text. */
    public static byte[] show(int address, int line, Colour colour, int seconds, String text) {
        byte[] t = gbk(text, MAX_PAYLOAD - 3);
        byte[] p = new byte[3 + t.length];
        p[0] = (byte) line;
        p[1] = (byte) colour.wire;
        p[2] = (byte) Math.max(0, Math.min(255, seconds));
        System.arraycopy(t, 0, p, 3, t.length);
        return frame(address, SHOW, p);
    }

    public static byte[] speak(int address, String text) {
        return frame(address, SPEAK, gbk(text, MAX_PAYLOAD));
    }

    public static byte[] freeSpaces(int address, int spaces) {
        int n = Math.max(0, Math.min(65535, spaces));
        return frame(address, FREE_SPACES, new byte[] {(byte) (n >> 8), (byte) n});
    }

    public static byte[] clear(int address) {
        return frame(address, CLEAR, new byte[0]);
    }

    static byte[] frame(int address, int command, byte[] payload) {
        if (address < 1 || address > 255) {
            throw new IllegalArgumentException("display address " + address + " is not 1..255");
        }
        byte[] f = new byte[8 + payload.length];
        f[0] = (byte) 0xAA;
        f[1] = 0x55;
        f[2] = (byte) address;
        f[3] = (byte) command;
        f[4] = (byte) (payload.length >> 8);
        f[5] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 6, payload.length);
        int crc = ModbusRtu.crc(f, 2, 4 + payload.length);
        f[6 + payload.length] = (byte) crc;
        f[7 + payload.length] = (byte) (crc >> 8);
        return f;
    }

    /**
     * Text in GBK, cut to {@code max} bytes on a character boundary; a character GBK has not (an emoji)
     * becomes {@code ?} rather than failing the whole text.
     */
    static byte[] gbk(String text, int max) {
        CharsetEncoder enc = GBK.newEncoder().onUnmappableCharacter(CodingErrorAction.REPLACE)
                .onMalformedInput(CodingErrorAction.REPLACE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            byte[] b;
            try {
                ByteBuffer bb = enc.encode(java.nio.CharBuffer.wrap(ch));
                b = new byte[bb.remaining()];
                bb.get(b);
            } catch (CharacterCodingException e) {
                b = new byte[] {'?'};
            }
            if (out.size() + b.length > max) {
                break;
            }
            out.writeBytes(b);
            i += Character.charCount(cp);
        }
        return out.toByteArray();
    }

    /** Stream decoder: finds {@code AA 55}, checks length and CRC; never throws on bad input. */
    public static final class Decoder {

        private final FrameListener<Frame> listener;
        private final byte[] buf = new byte[8 + MAX_PAYLOAD];
        private int len;

        public Decoder(FrameListener<Frame> listener) {
            this.listener = listener;
        }

        public void accept(byte[] data, int off, int count) {
            for (int i = off; i < off + count; i++) {
                accept(data[i]);
            }
        }

        private void accept(byte b) {
            if (len == 0 && (b & 0xFF) != 0xAA) {
                listener.onRejected(RejectReason.UNEXPECTED_BYTES, String.format("byte %02X outside a frame",
                        b & 0xFF));
                return;
            }
            if (len == 1 && b != 0x55) {
                len = (b & 0xFF) == 0xAA ? 1 : 0;
                listener.onRejected(RejectReason.UNEXPECTED_BYTES, "AA not followed by 55");
                return;
            }
            buf[len++] = b;
            if (len == 6) {
                int payload = (buf[4] & 0xFF) << 8 | buf[5] & 0xFF;
                if (payload > MAX_PAYLOAD) {
                    listener.onRejected(RejectReason.BAD_LENGTH, "payload length " + payload + " over " + MAX_PAYLOAD);
                    len = 0;
                }
                return;
            }
            if (len > 6) {
                int payload = (buf[4] & 0xFF) << 8 | buf[5] & 0xFF;
                if (len == 8 + payload) {
                    int crc = ModbusRtu.crc(buf, 2, 4 + payload);
                    int given = buf[6 + payload] & 0xFF | (buf[7 + payload] & 0xFF) << 8;
                    if (crc != given) {
                        listener.onRejected(RejectReason.BAD_CHECKSUM, String.format("CRC %04X, computed %04X",
                                given, crc));
                    } else {
                        listener.onFrame(new Frame(buf[2] & 0xFF, buf[3] & 0xFF, Arrays.copyOfRange(buf, 6, 6
                                + payload)));
                    }
                    len = 0;
                }
            }
        }
    }
}
