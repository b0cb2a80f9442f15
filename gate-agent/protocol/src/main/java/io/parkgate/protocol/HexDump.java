package io.parkgate.protocol;

import java.util.HexFormat;

/** Bytes off a link as a person reads them in a log: upper-case pairs separated by spaces ("01 03 00 0A"). */
public final class HexDump {

    private static final HexFormat PAIRS = HexFormat.ofDelimiter(" ").withUpperCase();

    private HexDump() {
    }

    /** The first {@code len} bytes of {@code b}. */
    public static String of(byte[] b, int len) {
        return PAIRS.formatHex(b, 0, len);
    }
}
