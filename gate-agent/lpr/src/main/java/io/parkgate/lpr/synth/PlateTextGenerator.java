package io.parkgate.lpr.synth;

import io.parkgate.lpr.read.PlateAlphabet;
import io.parkgate.plate.PlateColour;
import java.util.List;
import java.util.Random;

/** Random but well-formed plate texts for each plate colour, every province equally likely. */
public final class PlateTextGenerator {

    private static final String ALNUM = PlateAlphabet.LETTERS + PlateAlphabet.DIGITS;

    private final Random random;

    public PlateTextGenerator(Random random) {
        this.random = random;
    }

    /** A colour with roughly the mix a car park sees, while keeping rare colours trained. */
    public PlateColour colour() {
        int r = random.nextInt(100);
        if (r < 45) {
            return PlateColour.BLUE;
        }
        if (r < 65) {
            return PlateColour.GREEN;
        }
        if (r < 83) {
            return PlateColour.YELLOW;
        }
        return r < 93 ? PlateColour.WHITE : PlateColour.BLACK;
    }

    /**
     * A civil plate text of that colour; armed-police plates are asked for with {@link #armedPolice()}.
     * Its serial carries at most two letters and 使 begins an embassy plate (GA 36): both are settled
     * after the random draws, so every text that already kept those rules is what earlier versions drew
     * for a seed.
     */
    public String text(PlateColour colour) {
        String drawn = draw(colour);
        if (drawn.endsWith(PlateAlphabet.EMBASSY)) {
            // 使, then the drawn letter and serial as digits, and one more from the province.
            StringBuilder embassy = new StringBuilder(PlateAlphabet.EMBASSY);
            List<String> chars = PlateAlphabet.split(drawn);
            for (int i = 1; i < 6; i++) {
                embassy.append(asDigit(chars.get(i)));
            }
            return embassy.append(PlateAlphabet.PROVINCES.indexOf(chars.get(0)) % 10).toString();
        }
        List<String> chars = PlateAlphabet.split(drawn);
        int letters = 0;
        for (int i = 2; i < chars.size(); i++) {
            if (PlateAlphabet.LETTERS.contains(chars.get(i)) && ++letters > PlateAlphabet.MAX_SERIAL_LETTERS) {
                chars.set(i, asDigit(chars.get(i)));
            }
        }
        return String.join("", chars);
    }

    /** A letter's stand-in digit (its place in the alphabet, modulo 10); a digit stays. */
    private static String asDigit(String c) {
        int letter = PlateAlphabet.LETTERS.indexOf(c);
        return letter < 0 ? c : String.valueOf(letter % 10);
    }

    private String draw(PlateColour colour) {
        StringBuilder sb = new StringBuilder();
        sb.append(pick(PlateAlphabet.PROVINCES)).append(pick(PlateAlphabet.LETTERS));
        switch (colour) {
            case GREEN -> {
                if (random.nextBoolean()) {
                    sb.append(pick("DF")).append(random.nextInt(4) == 0 ? pick(ALNUM) : pick(PlateAlphabet.DIGITS));
                    appendDigits(sb, 4);
                } else {
                    appendDigits(sb, 5);
                    sb.append(pick("DF"));
                }
            }
            case WHITE -> {
                appendAlnum(sb, 4);
                sb.append('警');
            }
            case BLACK -> {
                appendAlnum(sb, 4);
                String suffix = pick("港澳使领");
                sb.append(suffix);
                if (PlateAlphabet.CROSS_BORDER.contains(suffix)) {
                    // Only Guangdong issues these (粤Z); replaced after the draws so every other text stays
                    // what earlier versions drew for a seed.
                    sb.replace(0, 2, "粤Z");
                }
            }
            case YELLOW -> {
                appendAlnum(sb, 4);
                int r = random.nextInt(10);
                sb.append(r == 0 ? "学" : r == 1 ? "挂" : pick(ALNUM));
            }
            default -> appendAlnum(sb, 5);
        }
        return sb.toString();
    }

    /**
     * An armed-police plate (2012 style, white): WJ, a province for provincial units (one in five plates is
     * headquarters' and has none), then four digits and a digit or, now and then, a letter.
     */
    public String armedPolice() {
        StringBuilder sb = new StringBuilder(PlateAlphabet.ARMED_POLICE);
        if (random.nextInt(5) != 0) {
            sb.append(pick(PlateAlphabet.PROVINCES));
        }
        appendDigits(sb, 4);
        sb.append(random.nextInt(10) < 3 ? pick(PlateAlphabet.LETTERS) : pick(PlateAlphabet.DIGITS));
        return sb.toString();
    }

    private void appendAlnum(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            // Real plates carry mostly digits, at most a couple of letters after the issuer letter.
            sb.append(random.nextInt(10) < 3 ? pick(PlateAlphabet.LETTERS) : pick(PlateAlphabet.DIGITS));
        }
    }

    private void appendDigits(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(pick(PlateAlphabet.DIGITS));
        }
    }

    private String pick(String from) {
        int[] cps = from.codePoints().toArray();
        return new String(Character.toChars(cps[random.nextInt(cps.length)]));
    }
}
