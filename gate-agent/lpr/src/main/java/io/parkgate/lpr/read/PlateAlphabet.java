package io.parkgate.lpr.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The characters a mainland plate can carry and which of them may stand at which position.
 * The reader network's class {@code 1 + i} is {@code symbols().get(i)} (class 0 is the CTC blank);
 * {@code gate-agent/lpr/train/train_reader.py} spells the same order.
 */
public final class PlateAlphabet {

    /** Province abbreviations, first character of a civil plate. */
    public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    /** Letters used on plates: I and O are never issued (they read as 1 and 0). */
    public static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    public static final String DIGITS = "0123456789";
    /** Special last characters: police, driving school, trailer, Hong Kong, Macau, embassy, consulate. */
    public static final String SUFFIXES = "警学挂港澳使领";
    /** The first two characters of an armed-police (武警) plate, where a civil plate has its province. */
    public static final String ARMED_POLICE = "WJ";

    private static final List<String> SYMBOLS;

    static {
        List<String> all = new ArrayList<>();
        (PROVINCES + LETTERS + DIGITS + SUFFIXES).codePoints().forEach(c -> all.add(new String(Character.toChars(c))));
        SYMBOLS = Collections.unmodifiableList(all);
    }

    private PlateAlphabet() {
    }

    /** All symbols, in the network's class order (after the blank). */
    public static List<String> symbols() {
        return SYMBOLS;
    }

    public static int size() {
        return SYMBOLS.size();
    }

    /** Output index of a symbol, or -1 when the alphabet has no such character. */
    public static int indexOf(String symbol) {
        return SYMBOLS.indexOf(symbol);
    }

    /** Splits a plate text into its characters (code points), e.g. "皖A12345" into 7 strings. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        text.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        return out;
    }

    /**
     * Whether a symbol may stand at a position of a plate with {@code length} characters:
     * a province first, a letter second, letters or digits after, a special suffix only last.
     */
    public static boolean allowed(String symbol, int position, int length) {
        if (position == 0) {
            return PROVINCES.contains(symbol);
        }
        if (position == 1) {
            return LETTERS.contains(symbol);
        }
        boolean alnum = LETTERS.contains(symbol) || DIGITS.contains(symbol);
        if (position == length - 1) {
            return alnum || SUFFIXES.contains(symbol);
        }
        return alnum;
    }

    /**
     * Whether a symbol may stand at a position of an armed-police plate of {@code length} characters:
     * W, J, then the province (8 characters) or none (7, headquarters), then 5 letters or digits.
     */
    public static boolean allowedArmedPolice(String symbol, int position, int length) {
        if (position < 2) {
            return ARMED_POLICE.substring(position, position + 1).equals(symbol);
        }
        if (position == 2 && length == 8) {
            return PROVINCES.contains(symbol);
        }
        return LETTERS.contains(symbol) || DIGITS.contains(symbol);
    }

    /** Whether the text is a well-formed armed-police plate, e.g. WJ粤1234X or WJ12345. */
    public static boolean isArmedPolice(String text) {
        return fits(text, PlateAlphabet::allowedArmedPolice);
    }

    /**
     * Whether every character of the text is in the alphabet and at an allowed position, or the
     * text is an armed-police plate.
     */
    public static boolean isPlate(String text) {
        return isArmedPolice(text) || fits(text, PlateAlphabet::allowed);
    }

    /** Which symbol may stand at which position of a plate of a given length. */
    private interface PositionRule {
        boolean allows(String symbol, int position, int length);
    }

    /** Whether the text has 7 or 8 characters, each allowed by the rule where it stands. */
    private static boolean fits(String text, PositionRule rule) {
        List<String> chars = split(text);
        if (chars.size() != 7 && chars.size() != 8) {
            return false;
        }
        for (int i = 0; i < chars.size(); i++) {
            if (!rule.allows(chars.get(i), i, chars.size())) {
                return false;
            }
        }
        return true;
    }
}
