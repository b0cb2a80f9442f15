package io.parkgate.plate;

import java.util.regex.Pattern;

/**
 * Plate text utilities shared by agent and central: normalising what a camera read, classifying
 * mainland plates (docs/domain.md "Plates"), and the canonical form that makes confusable characters equal.
 */
public final class Plate {

    /** The 31 province-level abbreviations that start a civil plate. */
    public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    private static final String P = "[" + PROVINCES + "]";
    /** Plates never use I or O (they read as 1 and 0), so the serial part excludes them. */
    private static final String C = "[A-HJ-NP-Z0-9]";
    private static final String L = "[A-HJ-NP-Z]";

    private static final Pattern STANDARD = Pattern.compile(P + L + C + "{5}");
    private static final Pattern NEW_ENERGY = Pattern.compile(P + L + "(" + L + C + "{5}|" + "[0-9]{5}" + L + ")");
    /**
     * Police plates end in 警; the public-security series of some cities (粤O, 湘O …) is issued with O as the
     * authority letter, the one place a plate carries O, with 警 or as a plain seven-character plate.
     */
    private static final Pattern POLICE = Pattern.compile(P + "(" + L + "|O)" + C + "{4}警|" + P + "O" + C + "{5}");
    private static final Pattern DRIVING_SCHOOL = Pattern.compile(P + L + C + "{4}学");
    private static final Pattern TRAILER = Pattern.compile(P + L + C + "{4}挂");
    private static final Pattern CONSULATE = Pattern.compile(P + L + C + "{4}领");
    private static final Pattern EMERGENCY = Pattern.compile(P + L + C + "{4,5}应急");
    private static final Pattern HONG_KONG_MACAU = Pattern.compile("粤Z" + C + "{4}[港澳]");
    private static final Pattern EMBASSY = Pattern.compile("使[0-9]{6}|[0-9]{6}使");
    private static final Pattern ARMED_POLICE = Pattern.compile("WJ" + P + "?" + C + "{5}");
    /**
     * Military plates: 2012-style branch letter (军委, 海/空军, theatres, services) + unit letter + 5 digits,
     * or the older style with a military-region or service character (沈A12345, 海A12345).
     */
    private static final Pattern MILITARY = Pattern.compile("([VKHBSLJNGCZ]|[军空海北沈兰济南广成])" + L + "[0-9]{5}");

    private Plate() {
    }

    /**
     * Normalises a read: full-width to half-width, upper case, without spaces, dots, middle dots and
     * hyphens (cameras and people write {@code 粤B·12345}, {@code 粤b 12345}, {@code 粤Ｂ１２３４５}).
     *
     * @return the normalised text; "" for null or blank input
     */
    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        if (alreadyNormal(raw)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            }
            if (Character.isWhitespace(c) || c == '\u3000' || c == '.' || c == '·' || c == '\u30FB'
                    || c == '\u2022' || c == '-' || c == '\u3002') {
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 32);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Registries hold plates already normalised: recognise them without copying. */
    private static boolean alreadyNormal(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= '\u4E00' && c <= '\u9FFF');
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code c} is one of the 31 province abbreviations. */
    public static boolean isProvince(char c) {
        return PROVINCES.indexOf(c) >= 0;
    }

    /**
     * Maps each confusable group (0/D/Q/O, 8/B, 2/Z, 5/S, 1/I/T, 6/G) to one symbol, so two plates
     * that differ only by confusables have the same canonical form. O is added to 0/D/Q: outside the
     * police authority letter (粤O…) plates never contain O, so a read O is one of them.
     */
    public static char canonical(char c) {
        return switch (c) {
            case 'D', 'Q', 'O' -> '0';
            case 'B' -> '8';
            case 'Z' -> '2';
            case 'S' -> '5';
            case 'I', 'T' -> '1';
            case 'G' -> '6';
            default -> c;
        };
    }

    /** {@link #canonical(char)} applied to every character of an already normalised plate. */
    public static String canonical(String plate) {
        char[] chars = plate.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = canonical(chars[i]);
        }
        return new String(chars);
    }

    /** True when both characters are in the same confusable group (or equal). */
    public static boolean confusable(char a, char b) {
        return canonical(a) == canonical(b);
    }

    /** Normalises and classifies a plate; never throws. */
    public static PlateInfo classify(String raw) {
        String p = normalise(raw);
        PlateKind kind = kindOf(p);
        String province = !p.isEmpty() && isProvince(p.charAt(0)) ? p.substring(0, 1)
                : p.startsWith("WJ") && p.length() > 2 && isProvince(p.charAt(2)) ? p.substring(2, 3) : null;
        return new PlateInfo(p, kind, province, kind == PlateKind.INVALID ? problem(p) : null);
    }

    private static PlateKind kindOf(String p) {
        if (POLICE.matcher(p).matches()) {
            return PlateKind.POLICE;
        }
        if (EMERGENCY.matcher(p).matches()) {
            return PlateKind.EMERGENCY;
        }
        if (ARMED_POLICE.matcher(p).matches()) {
            return PlateKind.ARMED_POLICE;
        }
        if (MILITARY.matcher(p).matches()) {
            return PlateKind.MILITARY;
        }
        if (DRIVING_SCHOOL.matcher(p).matches()) {
            return PlateKind.DRIVING_SCHOOL;
        }
        if (TRAILER.matcher(p).matches()) {
            return PlateKind.TRAILER;
        }
        if (CONSULATE.matcher(p).matches()) {
            return PlateKind.CONSULATE;
        }
        if (EMBASSY.matcher(p).matches()) {
            return PlateKind.EMBASSY;
        }
        if (HONG_KONG_MACAU.matcher(p).matches()) {
            return PlateKind.HONG_KONG_MACAU;
        }
        if (STANDARD.matcher(p).matches()) {
            return PlateKind.STANDARD;
        }
        if (NEW_ENERGY.matcher(p).matches()) {
            return PlateKind.NEW_ENERGY;
        }
        return PlateKind.INVALID;
    }

    /** Says exactly what is wrong with a plate that matched no format (Chinese, for attendants). */
    private static String problem(String p) {
        if (p.isEmpty()) {
            return "号牌为空";
        }
        char first = p.charAt(0);
        if (!isProvince(first)) {
            return "首字符“" + first + "”不是省份简称";
        }
        if (p.length() < 2 || p.charAt(1) < 'A' || p.charAt(1) > 'Z') {
            return p.length() < 2 ? "号牌只有省份简称" : "第2位“" + p.charAt(1) + "”应为发牌机关字母";
        }
        for (int i = 2; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == 'I' || c == 'O') {
                return "第" + (i + 1) + "位为字母" + c + "，号牌不使用I和O";
            }
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && i != p.length() - 1) {
                return "第" + (i + 1) + "位含非法字符“" + c + "”";
            }
        }
        char last = p.charAt(p.length() - 1);
        if (!(last >= 'A' && last <= 'Z') && !(last >= '0' && last <= '9')) {
            return "末位“" + last + "”不是已知的号牌类别（警、学、挂、领、港、澳、应急）或长度不符";
        }
        if (p.length() == 8) {
            return "8位新能源号牌第3位或末位应为字母";
        }
        return "长度为" + p.length() + "位，应为7位（新能源8位）";
    }
}
