package io.parkgate.lpr.read;

import java.util.Arrays;
import java.util.List;

/**
 * Best-path CTC decoding constrained to plate syntax: among all column labellings that collapse to a
 * text of exactly {@code length} characters with each character allowed at its position
 * ({@link PlateAlphabet#allowed}), the single most probable path (Viterbi over "blank after j
 * characters" and "inside character j showing symbol c" states). A plate is never read as 6 or 9
 * characters, a digit is never taken for the province, 警 can only come last, and an ordinary
 * serial carries at most two letters. GA 36's special series are families of their own: 粤Z…港/澳,
 * police plates with O second, and embassy plates (使 and six digits). Not thread-safe, and a
 * column array must not be changed once searched (the logarithms of the last one are kept).
 */
public final class CtcDecoder {

    /** One decoded text and how sure the columns were of it. */
    public record Decoded(String text, double[] charConfidence, double logScore) {
    }

    private static final double NONE = Double.NEGATIVE_INFINITY;
    /**
     * Below this geometric mean of its characters' confidence a reading is far under anything the
     * recogniser keeps (0.5 for frames, 0.25 for crops), and forcing its serial to two letters
     * only lowers the path's probability further.
     */
    static final double HOPELESS = 0.1;

    private final List<String> symbols = PlateAlphabet.symbols();
    private final int k = symbols.size();
    /** allowed[length - 7][position][symbol]: any plate of that length. */
    private final boolean[][][] allowed = new boolean[2][][];
    /** New-energy plates: D or F third and digits from the fifth, or five digits and D or F last. */
    private final boolean[][] smallNewEnergy = table(8, PlateAlphabet::allowedSmallNewEnergy);
    private final boolean[][] largeNewEnergy = table(8, PlateAlphabet::allowedLargeNewEnergy);
    /** The columns last searched and their logarithms ({@link #logs}). */
    private double[][] lastColumns;
    private double[][] lastLogs;
    /** Whether a symbol is a letter, which an ordinary serial may hold only {@link PlateAlphabet#MAX_SERIAL_LETTERS}
     * of. */
    private final boolean[] letter = new boolean[k];
    /** No symbol counted: the plain search. */
    private final boolean[] noLetter = new boolean[k];
    /** Embassy plates, 使 and six digits. */
    private final boolean[][] embassy = table(7, PlateAlphabet::allowedEmbassy);
    /** Armed-police plates: WJ, a province (provincial units) or none (headquarters), 5 letters or digits. */
    private final boolean[][] armedPoliceEight = armedPolice(8);
    private final boolean[][] armedPoliceSeven = armedPolice(7);
    /** 粤Z…港/澳 plates. */
    private final boolean[][] crossBorder = table(7, PlateAlphabet::allowedCrossBorder);
    /** Police O-series plates, with the O scored by the digit 0's class (see {@link PlateAlphabet#POLICE_SERIES_O}). */
    private final boolean[][] policeSeriesO;

    public CtcDecoder() {
        policeSeriesO = table(7, PlateAlphabet::allowedPoliceSeriesO);
        policeSeriesO[1][symbols.indexOf("0")] = true;
        for (int length = 7; length <= 8; length++) {
            boolean[][] a = new boolean[length][k];
            for (int i = 0; i < length; i++) {
                for (int s = 0; s < k; s++) {
                    a[i][s] = PlateAlphabet.allowed(symbols.get(s), i, length);
                }
            }
            allowed[length - 7] = a;
        }
        for (int i = 0; i < k; i++) {
            letter[i] = PlateAlphabet.LETTERS.contains(symbols.get(i));
        }
    }

    /**
     * The likeliest 8-character new-energy reading (either GA 36 pattern), or null: stricter than
     * {@link #decode(double[][], int)} with 8, so a loosely cut 7-character plate does not grow an
     * eighth character out of its border.
     */
    public Decoded decodeNewEnergy(double[][] p) {
        Decoded small = decode(p, smallNewEnergy);
        Decoded large = decode(p, largeNewEnergy);
        if (small == null || large != null && large.logScore() > small.logScore()) {
            return large;
        }
        return small;
    }

    /**
     * The likelier armed-police reading, WJ粤1234X (8 characters) or WJ12345 (7), or null. A separate
     * family, so the reader consults it only for plates that can be armed-police ones (white or of
     * unknown colour) and ordinary plates never have W and J forced into their province.
     */
    public Decoded decodeArmedPolice(double[][] p) {
        Decoded eight = decode(p, armedPoliceEight);
        Decoded seven = decode(p, armedPoliceSeven);
        if (eight == null || seven != null && seven.logScore() > eight.logScore()) {
            return seven;
        }
        return eight;
    }

    private boolean[][] armedPolice(int length) {
        return table(length, PlateAlphabet::allowedArmedPolice);
    }

    /** Which symbol may stand where. */
    private interface Rule {
        boolean allows(String symbol, int position, int length);
    }

    private boolean[][] table(int length, Rule rule) {
        boolean[][] ok = new boolean[length][k];
        for (int i = 0; i < length; i++) {
            for (int s = 0; s < k; s++) {
                ok[i][s] = rule.allows(symbols.get(s), i, length);
            }
        }
        return ok;
    }

    /**
     * Decodes column probabilities {@code p[t][0]} (blank) and {@code p[t][1 + s]} (symbol s of
     * {@link PlateAlphabet#symbols()}) into a plate of {@code length} (7 or 8) characters; null when
     * there are too few columns for that many characters.
     */
    public Decoded decode(double[][] p, int length) {
        if (length < 7 || length > 8) {
            return null;
        }
        Decoded best = decode(p, allowed[length - 7]);
        if (length == 7 && best != null && PlateAlphabet.serialLetters(
                best.text()) > PlateAlphabet.MAX_SERIAL_LETTERS) {
            // Rare on plates (none of the labelled ones), common on regions that are no plate: the
            // search that counts the serial's letters only where the columns are sure enough of
            // something that the recogniser could keep it; otherwise no ordinary plate at all.
            best = meanConfidence(best) < HOPELESS ? null
                    : decodeCountingLetters(p, allowed[0], PlateAlphabet.MAX_SERIAL_LETTERS);
        }
        // The special series only where some column shows their distinctive character at all: fewer
        // searches for nearly every plate.
        if (length == 7 && shows(p, PlateAlphabet.EMBASSY)) {
            best = likelier(best, decode(p, embassy));
        }
        if (length == 7 && shows(p, "港", "澳")) {
            best = likelier(best, decode(p, crossBorder));
        }
        if (length == 7 && shows(p, "警")) {
            Decoded police = decode(p, policeSeriesO);
            if (police != null) {
                // The column path went through the digit 0's class; the plate says O.
                police = new Decoded(police.text().replaceFirst("^(.)0", "$1" + PlateAlphabet.POLICE_SERIES_O),
                        police.charConfidence(), police.logScore());
            }
            best = likelier(best, police);
        }
        return best;
    }

    /**
     * The columns' log probabilities. A plate's columns are searched several times (7 and 8
     * characters, the special series), so the last ones are kept: the reader hands each plate's
     * columns over as a fresh array and never changes it afterwards.
     */
    private double[][] logs(double[][] p) {
        if (p == lastColumns) {
            return lastLogs;
        }
        double[][] lp = new double[p.length][k + 1];
        for (int t = 0; t < p.length; t++) {
            for (int c = 0; c <= k; c++) {
                lp[t][c] = Math.log(Math.max(p[t][c], 1e-12));
            }
        }
        lastColumns = p;
        lastLogs = lp;
        return lp;
    }

    /** For each position, the symbols {@code ok} allows there, in class order: the searches visit only those. */
    private int[][] symbolsAt(boolean[][] ok) {
        int[][] at = new int[ok.length][];
        for (int i = 0; i < ok.length; i++) {
            int n = 0;
            int[] list = new int[k];
            for (int s = 0; s < k; s++) {
                if (ok[i][s]) {
                    list[n++] = s;
                }
            }
            at[i] = Arrays.copyOf(list, n);
        }
        return at;
    }

    /** Geometric mean of a reading's character confidences. */
    private static double meanConfidence(Decoded d) {
        double sum = 0;
        for (double c : d.charConfidence()) {
            sum += Math.log(Math.max(c, 1e-6));
        }
        return Math.exp(sum / d.charConfidence().length);
    }

    /** Whether any column gives one of the symbols at least 1 % probability. */
    private boolean shows(double[][] p, String... wanted) {
        for (String w : wanted) {
            int c = 1 + symbols.indexOf(w);
            for (double[] column : p) {
                if (column[c] >= 0.01) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Decoded likelier(Decoded a, Decoded b) {
        if (a == null) {
            return b;
        }
        return b != null && b.logScore() > a.logScore() ? b : a;
    }

    /** Decodes with {@code ok[position][symbol]} saying which symbol may stand where. */
    Decoded decode(double[][] p, boolean[][] ok) {
        return search(p, ok, 0, noLetter);
    }

    /**
     * As {@link #decode(double[][], boolean[][])}, with at most {@code maxLetters} letters from the
     * third character on: the same Viterbi search with each state also carrying how many letters the
     * path has spent ({@code 0..maxLetters}), so it is exact, at about {@code maxLetters + 1} times
     * the cost of one search.
     */
    Decoded decodeCountingLetters(double[][] p, boolean[][] ok, int maxLetters) {
        return search(p, ok, maxLetters, letter);
    }

    /**
     * The Viterbi search: states "blank after j characters" and "inside character j showing symbol s", each also
     * carrying how many of the {@code counted} symbols the path has spent from the third character on
     * ({@code 0..maxCounted}). With nothing counted it is the plain search of {@link #decode(double[][], boolean[][])}.
     */
    private Decoded search(double[][] p, boolean[][] ok, int maxCounted, boolean[] counted) {
        int length = ok.length;
        int cols = p.length;
        if (cols < length) {
            return null;
        }
        int plain = length + 1 + length * k;
        int counts = maxCounted + 1;
        double[] prev = new double[plain * counts];
        double[] cur = new double[plain * counts];
        int[][] back = new int[cols][plain * counts];
        double[][] lp = logs(p);
        int[][] at = symbolsAt(ok);
        Arrays.fill(prev, NONE);
        prev[0] = lp[0][0];
        back[0][0] = -1;
        for (int s = 0; s < k; s++) {
            if (ok[0][s]) {
                int st = charState(length, 1, s);
                prev[st] = lp[0][1 + s];
                back[0][st] = -1;
            }
        }
        int[] best = new int[counts];
        int[] second = new int[counts];
        for (int t = 1; t < cols; t++) {
            Arrays.fill(cur, NONE);
            for (int j = 0; j <= length; j++) {
                for (int n = 0; n < counts; n++) {
                    int o = n * plain;
                    // Best and second-best symbol state of character j with n spent, at t-1 (a repeat needs a blank
                    // between).
                    best[n] = -1;
                    second[n] = -1;
                    if (j >= 1) {
                        for (int s : at[j - 1]) {
                            int st = o + charState(length, j, s);
                            if (prev[st] == NONE) {
                                continue;
                            }
                            if (best[n] < 0 || prev[st] > prev[best[n]]) {
                                second[n] = best[n];
                                best[n] = st;
                            } else if (second[n] < 0 || prev[st] > prev[second[n]]) {
                                second[n] = st;
                            }
                        }
                    }
                    // Blank after j characters: from itself or from inside character j.
                    int from = o + j;
                    double score = prev[o + j];
                    if (best[n] >= 0 && prev[best[n]] > score) {
                        score = prev[best[n]];
                        from = best[n];
                    }
                    if (score != NONE) {
                        cur[o + j] = score + lp[t][0];
                        back[t][o + j] = from;
                    }
                }
                if (j == length) {
                    continue;
                }
                // Character j+1 showing s with n spent: stay, or enter from character j's blank or from
                // another symbol of character j, which had spent n or n - 1.
                for (int s : at[j]) {
                    int cost = j >= 2 && counted[s] ? 1 : 0;
                    for (int n = cost; n < counts; n++) {
                        int st = n * plain + charState(length, j + 1, s);
                        int m = n - cost;
                        int om = m * plain;
                        double sc = prev[st];
                        int f = st;
                        if (prev[om + j] > sc) {
                            sc = prev[om + j];
                            f = om + j;
                        }
                        int other = best[m] == om + charState(length, j, s) ? second[m] : best[m];
                        if (j >= 1 && other >= 0 && prev[other] > sc) {
                            sc = prev[other];
                            f = other;
                        }
                        if (sc != NONE) {
                            cur[st] = sc + lp[t][1 + s];
                            back[t][st] = f;
                        }
                    }
                }
            }
            double[] swap = prev;
            prev = cur;
            cur = swap;
        }
        int end = -1;
        for (int n = 0; n < counts; n++) {
            int o = n * plain;
            if (end < 0 || prev[o + length] > prev[end]) {
                end = o + length;
            }
            for (int s = 0; s < k; s++) {
                if (prev[o + charState(length, length, s)] > prev[end]) {
                    end = o + charState(length, length, s);
                }
            }
        }
        if (prev[end] == NONE) {
            return null;
        }
        double score = prev[end];
        int[] symbol = new int[length];
        double[] conf = new double[length];
        int st = end;
        for (int t = cols - 1; t >= 0 && st >= 0; t--) {
            int local = st % plain;
            if (local > length) {
                int j = (local - length - 1) / k;
                int s = (local - length - 1) % k;
                symbol[j] = s;
                conf[j] = Math.max(conf[j], p[t][1 + s]);
            }
            st = back[t][st];
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < length; j++) {
            text.append(symbols.get(symbol[j]));
        }
        return new Decoded(text.toString(), conf, score);
    }

    /** State index of "inside character j (1-based) showing symbol s". */
    private int charState(int length, int j, int s) {
        return length + 1 + (j - 1) * k + s;
    }
}
