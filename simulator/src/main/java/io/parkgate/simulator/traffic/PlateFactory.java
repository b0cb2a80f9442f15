package io.parkgate.simulator.traffic;

import java.util.Random;

/**
 * Realistic mainland plates (docs/domain.md "Plates"): province character, issuing-office letter, then 5
 * characters (blue, yellow) or 6 for new-energy (green, D/F first), plus special plates: police
 * (警 suffix), armed police (WJ prefix), military, fire rescue (应急 suffix), driving school (学).
 * Letters I and O are never issued. Draws only from the given random, so it is repeatable.
 */
public final class PlateFactory {

    /** Province characters with the office letters in use, roughly as issued. */
    private static final String[][] PROVINCES = {
            {"京", "ABCEFGHJKLMNPQ"}, {"津", "ABCDEFGHJKLMN"}, {"沪", "ABCDEFGHJKLMN"}, {"渝", "ABCDFGH"},
            {"冀", "ABCDEFGHJRT"}, {"豫", "ABCDEFGHJKLMNPQRSU"}, {"云", "ACDEFGHJKLMNPQRS"},
            {"辽", "ABCDEFGHJKLMNP"}, {"黑", "ABCDEFGHJKLMNPR"}, {"湘", "ABCDEFGHJKLMNSU"},
            {"皖", "ABCDEFGHJKLMNPRS"}, {"鲁", "ABCDEFGHJKLMNPQRSUVY"}, {"新", "ABCDEFGHJKLMNPQR"},
            {"苏", "ABCDEFGHJKLMN"}, {"浙", "ABCDEFGHJKL"}, {"赣", "ABCDEFGHJKLM"}, {"鄂", "ABCDEFGHJKLMNPQRS"},
            {"桂", "ABCDEFGHJKLMNPR"}, {"甘", "ABCDEFGHJKLMNP"}, {"晋", "ABCDEFHJKLM"}, {"蒙", "ABCDEFGHJKLM"},
            {"陕", "ABCDEFGHJKUV"}, {"吉", "ABCDEFGHJK"}, {"闽", "ABCDEFGHJK"}, {"贵", "ABCDEFGHJ"},
            {"粤", "ABCDEFGHJKLMNPQRSTUVWXYZ"}, {"青", "ABCDEFGH"}, {"藏", "ABCDEFGHJ"}, {"川", "ABCDEFHJKLMQRSTUVWXYZ"},
            {"宁", "ABCDE"}, {"琼", "ABCDEF"}};

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";
    private static final String MILITARY = "军空海北沈兰济南广成";

    private final Random random;
    private final String localProvince;
    private final char localLetter;
    private final double localShare;

    /**
     * @param localProvince the site's province character, e.g. 粤
     * @param localLetter   the site's office letter, e.g. B (Shenzhen)
     * @param localShare    share of plates from the local office, 0..1
     */
    public PlateFactory(Random random, String localProvince, char localLetter, double localShare) {
        this.random = random;
        this.localProvince = localProvince;
        this.localLetter = localLetter;
        this.localShare = localShare;
    }

    /** Blue plate, small car: e.g. 粤B12345, 粤B3K7Q2. */
    public String blue() {
        return prefix() + serial(5);
    }

    /** Green plate, new-energy small car: 8 characters, D (electric) or F (hybrid) first, e.g. 粤BD12345. */
    public String green() {
        StringBuilder sb = new StringBuilder(prefix());
        sb.append(random.nextBoolean() ? 'D' : 'F');
        sb.append(random.nextInt(4) == 0 ? pick(LETTERS) : pick(DIGITS));
        for (int i = 0; i < 4; i++) {
            sb.append(pick(DIGITS));
        }
        return sb.toString();
    }

    /** Yellow plate, large vehicle (lorry, bus); a few are driving-school (学) plates. */
    public String yellow() {
        if (random.nextInt(6) == 0) {
            return prefix() + digits(4) + "学";
        }
        return prefix() + serial(5);
    }

    public String police() {
        return prefix() + digits(4) + "警";
    }

    public String armedPolice() {
        return "WJ" + localProvince + digits(4) + pick(LETTERS.replace("I", ""));
    }

    public String military() {
        return "" + pick(MILITARY) + pick(LETTERS) + digits(5);
    }

    public String fireRescue() {
        return prefix() + digits(4) + "应急";
    }

    /** One of the policy-exempt kinds, at random. */
    public String policyExempt() {
        return switch (random.nextInt(4)) {
            case 0 -> police();
            case 1 -> armedPolice();
            case 2 -> military();
            default -> fireRescue();
        };
    }

    private String prefix() {
        if (random.nextDouble() < localShare) {
            return localProvince + localLetter;
        }
        String[] p = PROVINCES[random.nextInt(PROVINCES.length)];
        return p[0] + p[1].charAt(random.nextInt(p[1].length()));
    }

    /** Mostly digits, sometimes one or two letters, as issued today. */
    private String serial(int n) {
        StringBuilder sb = new StringBuilder(n);
        int letters = random.nextInt(10) < 6 ? 0 : random.nextInt(10) < 7 ? 1 : 2;
        for (int i = 0; i < n; i++) {
            sb.append(pick(DIGITS));
        }
        for (int i = 0; i < letters; i++) {
            sb.setCharAt(random.nextInt(n), pick(LETTERS));
        }
        return sb.toString();
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(pick(DIGITS));
        }
        return sb.toString();
    }

    private char pick(String chars) {
        return chars.charAt(random.nextInt(chars.length()));
    }
}
