package io.parkgate.central.validate;

import io.parkgate.central.error.CentralException;
import io.parkgate.plate.Plate;
import io.parkgate.plate.PlateInfo;
import java.util.regex.Pattern;

/**
 * What a field may hold, checked where a value enters central (HTTP or MQTT), so nothing unchecked is stored
 * or copied to the lanes. Each check throws a 400 that names the field and says what is allowed.
 */
public final class FieldRules {

    public static final int SHORT_TEXT = 40;
    public static final int LONG_TEXT = 500;

    /** Ids may be made from names (the console's import makes owner ids like R-3-1201-张伟). */
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}_.-]{1,64}");
    private static final Pattern CARD = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern PHONE = Pattern.compile("[0-9+() -]{3,24}");

    private FieldRules() {
    }

    /** A plate as the registry and the lanes hold it: normalised ("粤B12345") and of a known kind. */
    public static String plate(String field, String value) {
        if (value == null || value.isBlank()) {
            throw bad(field, "is required (a plate such as 粤B12345)");
        }
        if (value.length() > 12) {
            throw bad(field, "is not a plate (longer than 12 characters)");
        }
        PlateInfo info = Plate.classify(value);
        if (!info.valid()) {
            throw bad(field, "is not a plate: " + printable(value) + " (" + info.problem() + ")");
        }
        if (!info.plate().equals(value)) {
            throw bad(field, "must be written without spaces or dots in upper case, e.g. " + info.plate());
        }
        return value;
    }

    /** An optional plate. */
    public static String optPlate(String field, String value) {
        return value == null ? null : plate(field, value);
    }

    /** A record id, post or user name: 1..64 letters, digits, _ . - (no "..", no slashes or spaces). */
    public static String id(String field, String value) {
        if (value == null || !ID.matcher(value).matches() || value.contains("..")) {
            throw bad(field, "must be 1..64 letters, digits, _ . - (not \"..\"), was " + printable(value));
        }
        return value;
    }

    public static String optId(String field, String value) {
        return value == null ? null : id(field, value);
    }

    /** A card number: 1..32 letters and digits. */
    public static String card(String field, String value) {
        if (value == null || !CARD.matcher(value).matches()) {
            throw bad(field, "must be a card number of 1..32 letters and digits, was " + printable(value));
        }
        return value;
    }

    public static String optPhone(String field, String value) {
        if (value != null && !PHONE.matcher(value).matches()) {
            throw bad(field, "must be a phone number (digits, + - ( ) and spaces, 3..24), was " + printable(value));
        }
        return value;
    }

    /** Free text people read: at most {@code max} characters, no control or direction-override characters. */
    public static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw bad(field, "is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' || isDirectionControl(c)) {
                throw bad(field, "contains a control character (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        return value;
    }

    /** A drawn signature: a PNG as a data URL, as the console's signature pad makes it. */
    public static final int MAX_SIGNATURE_CHARS = 48 * 1024;
    private static final java.util.regex.Pattern SIGNATURE =
            java.util.regex.Pattern.compile("data:image/png;base64,[A-Za-z0-9+/]+={0,2}");

    /**
     * The owner's drawn signature on an exception: a {@code data:image/png;base64,...} URL of at most
     * {@link #MAX_SIGNATURE_CHARS} characters whose content starts like a PNG (the console's pad), or a short
     * reference to a stored image (at most 200 characters); null when none was given.
     */
    public static String signature(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!value.startsWith("data:")) {
            return text(field, value, 200);
        }
        if (value.length() > MAX_SIGNATURE_CHARS) {
            throw bad(field, "is longer than " + MAX_SIGNATURE_CHARS + " characters");
        }
        if (!SIGNATURE.matcher(value).matches()) {
            throw bad(field, "must be a PNG as a data URL (data:image/png;base64,...)");
        }
        byte[] head;
        try {
            head = java.util.Base64.getDecoder().decode(value.substring("data:image/png;base64,".length()));
        } catch (IllegalArgumentException e) {
            throw bad(field, "is not valid base64");
        }
        if (head.length < 8 || (head[0] & 0xFF) != 0x89 || head[1] != 'P' || head[2] != 'N' || head[3] != 'G') {
            throw bad(field, "is not a PNG image");
        }
        return value;
    }

    /** Required free text. */
    public static String requiredText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw bad(field, "is required");
        }
        return text(field, value, max);
    }

    /** An amount of money: 0..{@code maxFen} fen (the site file's {@code tariff.maxAmountFen}). */
    public static long fen(String field, long value, long maxFen) {
        if (value < 0 || value > maxFen) {
            throw bad(field, "must be 0.." + maxFen + " fen (the site's tariff.maxAmountFen), was " + value);
        }
        return value;
    }

    private static boolean isDirectionControl(char c) {
        return c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u061C' || c == '\uFEFF';
    }

    /** A value quoted in an error message: short and with control characters escaped. */
    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), 40); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || isDirectionControl(c) ? String.format("\\u%04X", (int) c) : c);
        }
        return s.length() > 40 ? b + "…" : b.toString();
    }

    public static CentralException bad(String field, String what) {
        return CentralException.badRequest("field '" + field + "' " + what);
    }
}
