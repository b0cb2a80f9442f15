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
    /**
     * Letters of the network's alphabet: I is never issued, O never in a serial (both read as 1 and
     * 0); O is issued only as a police series' issuer letter ({@link #POLICE_SERIES_O}).
     */
    public static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    /**
     * GA 36 issues O only second on police plates of some series (e.g. 粤O·1234警, the provincial
     * public-security departments' own vehicles). The network has no class for it (its alphabet
     * predates this rule); it is read from the class of the digit 0, the round glyph the network
     * knows, at the one position where a digit can never stand, and only when the plate ends in 警.
     */
    public static final String POLICE_SERIES_O = "O";
    /** Cross-border suffixes, issued only on Guangdong's 粤Z plates (粤Z·1234港). */
    public static final String CROSS_BORDER = "港澳";
    public static final String DIGITS = "0123456789";
    /**
     * Special characters in the network's class order: police, driving school, trailer, Hong Kong,
     * Macau, embassy, consulate. All but 使 end a plate; 使 begins an embassy plate ({@link #EMBASSY}).
     */
    public static final String SUFFIXES = "警学挂港澳使领";
    /** Embassy plates begin with 使 and carry six digits (使014·578); 使 never ends a plate. */
    public static final String EMBASSY = "使";
    /** The most letters the serial of an ordinary plate (the five characters after its issuer letter) carries. */
    public static final int MAX_SERIAL_LETTERS = 2;
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
     * Whether a symbol may stand at a position of an ordinary plate with {@code length} characters:
     * a province first, a letter second, letters or digits after, a special suffix (警学挂领) only
     * last of seven (港 and 澳 have their own series, {@link #allowedCrossBorder}; 使 begins an
     * embassy plate, {@link #allowedEmbassy}). Eight characters are only the new-energy patterns
     * ({@link #allowedSmallNewEnergy}, {@link #allowedLargeNewEnergy}), which this one contains.
     * The serial's letter count ({@link #MAX_SERIAL_LETTERS}) is a rule on the whole text.
     */
    public static boolean allowed(String symbol, int position, int length) {
        if (position == 0) {
            return PROVINCES.contains(symbol);
        }
        if (position == 1) {
            return LETTERS.contains(symbol);
        }
        boolean alnum = LETTERS.contains(symbol) || DIGITS.contains(symbol);
        if (position == length - 1 && length == 7) {
            return alnum || SUFFIXES.contains(symbol) && !CROSS_BORDER.contains(symbol) && !EMBASSY.equals(symbol);
        }
        return alnum;
    }

    /** Small new-energy plates (GA 36): province, letter, D or F, a letter or digit, four digits. */
    public static boolean allowedSmallNewEnergy(String symbol, int position, int length) {
        if (length != 8 || !allowed(symbol, position, length)) {
            return false;
        }
        return switch (position) {
            case 0, 1, 3 -> true;
            case 2 -> "D".equals(symbol) || "F".equals(symbol);
            default -> DIGITS.contains(symbol);
        };
    }

    /** Large new-energy plates (GA 36): province, letter, five digits, D or F. */
    public static boolean allowedLargeNewEnergy(String symbol, int position, int length) {
        if (length != 8 || !allowed(symbol, position, length)) {
            return false;
        }
        return switch (position) {
            case 0, 1 -> true;
            case 7 -> "D".equals(symbol) || "F".equals(symbol);
            default -> DIGITS.contains(symbol);
        };
    }

    /** Embassy plates: 使 and six digits, 7 characters. */
    public static boolean allowedEmbassy(String symbol, int position, int length) {
        if (length != 7) {
            return false;
        }
        return position == 0 ? EMBASSY.equals(symbol) : DIGITS.contains(symbol);
    }

    /** How many letters the text has after its first two characters (an ordinary plate's serial). */
    public static int serialLetters(String text) {
        List<String> chars = split(text);
        int n = 0;
        for (int i = 2; i < chars.size(); i++) {
            n += LETTERS.contains(chars.get(i)) ? 1 : 0;
        }
        return n;
    }

    /** 粤Z, four letters or digits, 港 or 澳: 7 characters. */
    public static boolean allowedCrossBorder(String symbol, int position, int length) {
        if (length != 7) {
            return false;
        }
        return switch (position) {
            case 0 -> "粤".equals(symbol);
            case 1 -> "Z".equals(symbol);
            case 6 -> CROSS_BORDER.contains(symbol);
            default -> LETTERS.contains(symbol) || DIGITS.contains(symbol);
        };
    }

    /** A province, O, four letters or digits, 警: 7 characters ({@link #POLICE_SERIES_O}). */
    public static boolean allowedPoliceSeriesO(String symbol, int position, int length) {
        if (length != 7) {
            return false;
        }
        return switch (position) {
            case 0 -> PROVINCES.contains(symbol);
            case 1 -> POLICE_SERIES_O.equals(symbol);
            case 6 -> "警".equals(symbol);
            default -> LETTERS.contains(symbol) || DIGITS.contains(symbol);
        };
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
     * Whether the text is a well-formed plate: an ordinary plate of 7 characters (every character at
     * an allowed position, at most {@link #MAX_SERIAL_LETTERS} letters in the serial), a new-energy
     * plate of 8, or a cross-border (粤Z…港), police O-series, embassy (使…) or armed-police plate.
     */
    public static boolean isPlate(String text) {
        boolean ordinary = split(text).size() == 7 && fits(text, PlateAlphabet::allowed)
                && serialLetters(text) <= MAX_SERIAL_LETTERS;
        return ordinary || isArmedPolice(text) || fits(text, PlateAlphabet::allowedSmallNewEnergy)
                || fits(text, PlateAlphabet::allowedLargeNewEnergy) || fits(text, PlateAlphabet::allowedCrossBorder)
                || fits(text, PlateAlphabet::allowedPoliceSeriesO) || fits(text, PlateAlphabet::allowedEmbassy);
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
