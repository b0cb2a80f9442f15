package io.parkgate.lpr.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CtcDecoderTest {

    private final CtcDecoder decoder = new CtcDecoder();
    private static final int CLASSES = PlateAlphabet.size() + 1;

    /** Columns that each say one thing with probability {@code sure}; "-" is the blank. */
    private static double[][] columns(double sure, String... perColumn) {
        double[][] p = new double[perColumn.length][CLASSES];
        for (int t = 0; t < perColumn.length; t++) {
            int k = "-".equals(perColumn[t]) ? 0 : PlateAlphabet.indexOf(perColumn[t]) + 1;
            for (int c = 0; c < CLASSES; c++) {
                p[t][c] = c == k ? sure : (1 - sure) / (CLASSES - 1);
            }
        }
        return p;
    }

    /** Verifies that repeated columns collapse and a blank separates a doubled character. */
    @Test
    void collapsesRepeatsAndKeepsDoubledCharacters() {
        double[][] p = columns(0.9, "-", "皖", "皖", "-", "A", "-", "1", "1", "-", "1", "-", "2", "3", "-", "4",
                "-", "-");
        CtcDecoder.Decoded d = decoder.decode(p, 7);
        assertEquals("皖A11234", d.text());
        assertEquals(7, d.charConfidence().length);
        for (double c : d.charConfidence()) {
            assertEquals(0.9, c, 1e-9);
        }
    }

    /** Verifies that the syntax wins over the columns: no digit as province, no letter-only O, 警 only last. */
    @Test
    void forcesPlateSyntax() {
        // The network's best guesses would give "8A1234警5": a digit first and 警 inside.
        double[][] p = columns(0.6, "8", "-", "A", "-", "1", "-", "2", "-", "3", "-", "4", "-", "警", "-", "5", "-");
        CtcDecoder.Decoded d = decoder.decode(p, 7);
        assertTrue(PlateAlphabet.isPlate(d.text()), d.text());
        assertTrue(d.charConfidence()[0] < 0.05, "the forced province is doubtful: " + d.charConfidence()[0]);
    }

    /**
     * Verifies that a police plate whose second character the network sees as the round 0 is read
     * with the letter O (the network has no class of its own for O), and that nothing else gets an O.
     */
    @Test
    void readsPoliceSeriesO() {
        double[][] police = columns(0.9, "-", "粤", "-", "0", "-", "1", "-", "2", "-", "3", "-", "4", "-", "警", "-");
        CtcDecoder.Decoded d = decoder.decode(police, 7);
        assertEquals("粤O1234警", d.text());
        assertEquals(0.9, d.charConfidence()[1], 1e-9);
        double[][] civil = columns(0.9, "-", "粤", "-", "0", "-", "1", "-", "2", "-", "3", "-", "4", "-", "5", "-");
        assertTrue(!decoder.decode(civil, 7).text().contains("O"), decoder.decode(civil, 7).text());
        double[][] serial = columns(0.9, "-", "粤", "-", "A", "-", "0", "-", "2", "-", "3", "-", "4", "-", "警", "-");
        assertEquals("粤A0234警", decoder.decode(serial, 7).text());
    }

    /**
     * Verifies that a reading never has more than two letters in its serial: columns that say
     * 青WJ9DFE (a bumper shadow) give a plate whose serial has at most two letters, and whose
     * forced characters are doubtful.
     */
    @Test
    void keepsTheSerialToTwoLetters() {
        double[][] shadow = columns(0.6, "-", "青", "-", "W", "-", "J", "-", "9", "-", "D", "-", "F", "-", "E", "-");
        CtcDecoder.Decoded d = decoder.decode(shadow, 7);
        assertTrue(PlateAlphabet.isPlate(d.text()), d.text());
        long letters = d.text().substring(2).chars().filter(c -> PlateAlphabet.LETTERS.indexOf(c) >= 0).count();
        assertTrue(letters <= 2, d.text());
        double weakest = 1;
        for (double c : d.charConfidence()) {
            weakest = Math.min(weakest, c);
        }
        assertTrue(weakest < 0.05, "a forced digit is doubtful: " + weakest);
        double[][] two = columns(0.9, "-", "京", "-", "P", "-", "L", "-", "3", "-", "N", "-", "6", "-", "7", "-");
        assertEquals("京PL3N67", decoder.decode(two, 7).text());
        // Columns hardly sure of anything (a region that is no plate): no ordinary reading with three letters.
        double[][] faint = columns(0.05, "-", "青", "-", "W", "-", "J", "-", "9", "-", "D", "-", "F", "-", "E", "-");
        CtcDecoder.Decoded none = decoder.decode(faint, 7);
        assertTrue(none == null || PlateAlphabet.isPlate(none.text()), String.valueOf(none));
    }

    /**
     * Verifies that the letter-counting search finds exactly the best of the ten searches that allow
     * letters at two given serial positions only (together: every serial with at most two letters),
     * on random columns that favour letters.
     */
    @Test
    void letterCountingSearchIsExact() {
        java.util.Random random = new java.util.Random(15);
        boolean[][] ordinary = new boolean[7][PlateAlphabet.size()];
        for (int i = 0; i < 7; i++) {
            for (int s = 0; s < PlateAlphabet.size(); s++) {
                ordinary[i][s] = PlateAlphabet.allowed(PlateAlphabet.symbols().get(s), i, 7);
            }
        }
        for (int round = 0; round < 60; round++) {
            double[][] p = new double[16 + random.nextInt(17)][CLASSES];
            for (double[] column : p) {
                double sum = 0;
                for (int c = 0; c < CLASSES; c++) {
                    boolean isLetter = c > 0 && PlateAlphabet.LETTERS.contains(PlateAlphabet.symbols().get(c - 1));
                    column[c] = Math.pow(random.nextDouble(), isLetter ? 2 : 6);
                    sum += column[c];
                }
                for (int c = 0; c < CLASSES; c++) {
                    column[c] /= sum;
                }
            }
            CtcDecoder.Decoded best = null;
            for (int a = 2; a < 7; a++) {
                for (int b = a + 1; b < 7; b++) {
                    boolean[][] ok = new boolean[7][];
                    for (int i = 0; i < 7; i++) {
                        ok[i] = ordinary[i].clone();
                        for (int s = 0; s < ok[i].length && i >= 2 && i != a && i != b; s++) {
                            ok[i][s] &= !PlateAlphabet.LETTERS.contains(PlateAlphabet.symbols().get(s));
                        }
                    }
                    CtcDecoder.Decoded d = decoder.decode(p, ok);
                    if (best == null || d.logScore() > best.logScore()) {
                        best = d;
                    }
                }
            }
            CtcDecoder.Decoded counted = decoder.decodeCountingLetters(p, ordinary, 2);
            assertEquals(best.logScore(), counted.logScore(), 1e-9, "round " + round);
            assertEquals(best.text(), counted.text(), "round " + round);
            assertArrayEquals(best.charConfidence(), counted.charConfidence(), 1e-12);
        }
    }

    /** Verifies that an embassy plate is read with 使 first and six digits, and 使 is never read last. */
    @Test
    void readsEmbassyPlatesWithShiFirst() {
        double[][] embassy = columns(0.9, "-", "使", "-", "0", "-", "1", "-", "4", "-", "5", "-", "7", "-", "8", "-");
        assertEquals("使014578", decoder.decode(embassy, 7).text());
        double[][] last = columns(0.9, "-", "京", "-", "A", "-", "1", "-", "2", "-", "3", "-", "4", "-", "使", "-");
        String text = decoder.decode(last, 7).text();
        assertTrue(PlateAlphabet.isPlate(text) && !text.contains("使"), text);
    }

    /** Verifies that 港 and 澳 are read only on 粤Z plates: elsewhere the last character is another. */
    @Test
    void crossBorderSuffixOnlyAfterGuangdongZ() {
        double[][] hk = columns(0.9, "-", "粤", "-", "Z", "-", "1", "-", "2", "-", "3", "-", "4", "-", "港", "-");
        assertEquals("粤Z1234港", decoder.decode(hk, 7).text());
        double[][] other = columns(0.9, "-", "京", "-", "A", "-", "1", "-", "2", "-", "3", "-", "4", "-", "港", "-");
        String text = decoder.decode(other, 7).text();
        assertTrue(PlateAlphabet.isPlate(text) && !text.endsWith("港"), text);
    }

    /** Verifies that an 8-character reading scores better than 7 only when the columns show 8 characters. */
    @Test
    void choosesTheLengthTheColumnsShow() {
        double[][] eight = columns(0.95, "-", "粤", "-", "B", "-", "D", "-", "1", "-", "2", "-", "3", "-", "4", "-",
                "5", "-");
        assertTrue(decoder.decode(eight, 8).logScore() > decoder.decode(eight, 7).logScore());
        assertEquals("粤BD12345", decoder.decode(eight, 8).text());
        double[][] seven = columns(0.95, "-", "粤", "-", "B", "-", "D", "-", "1", "-", "2", "-", "3", "-", "4",
                "-", "-");
        assertTrue(decoder.decode(seven, 7).logScore() > decoder.decode(seven, 8).logScore());
    }

    /** Verifies that only the two new-energy patterns make 8 characters: D/F third, or five digits and D/F last. */
    @Test
    void eightCharactersOnlyAsNewEnergyPlates() {
        double[][] small = columns(0.95, "-", "粤", "-", "B", "-", "D", "-", "1", "-", "2", "-", "3", "-", "4", "-",
                "5", "-");
        assertEquals("粤BD12345", decoder.decodeNewEnergy(small).text());
        double[][] large = columns(0.95, "-", "川", "-", "A", "-", "1", "-", "2", "-", "3", "-", "4", "-", "5", "-",
                "F", "-");
        assertEquals("川A12345F", decoder.decodeNewEnergy(large).text());
        // A 7-character plate with a stray mark at its right edge: not a new-energy pattern.
        double[][] stray = columns(0.9, "-", "皖", "-", "A", "-", "X", "-", "7", "-", "0", "-", "2", "-", "L", "-",
                "7", "-");
        assertTrue(decoder.decodeNewEnergy(stray).logScore() < decoder.decode(stray, 8).logScore());
        assertTrue(decoder.decodeNewEnergy(stray).charConfidence()[2] < 0.1, "X is no D or F");
    }

    /** Verifies that too few columns for the asked length give no reading rather than an exception. */
    @Test
    void tooFewColumnsGiveNothing() {
        assertNull(decoder.decode(columns(0.9, "-", "-", "-"), 7));
        assertNull(decoder.decode(columns(0.9, "-", "-", "-", "-", "-", "-", "-", "-"), 9));
    }

    /** Verifies that back-to-back different characters without a blank between are both kept. */
    @Test
    void readsAdjacentCharactersWithoutBlanks() {
        double[][] p = columns(0.8, "京", "A", "B", "C", "1", "2", "3");
        assertEquals("京ABC123", decoder.decode(p, 7).text());
        assertArrayEquals(new double[] {0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8}, decoder.decode(p, 7)
                .charConfidence(), 1e-9);
        assertEquals(List.of("京", "A"), PlateAlphabet.split(decoder.decode(p, 7).text()).subList(0, 2));
    }

    /** Verifies that the armed-police family reads WJ, a province and 5 characters, or WJ and 5 characters. */
    @Test
    void readsArmedPolicePatterns() {
        double[][] provincial = columns(0.95, "-", "W", "-", "J", "-", "粤", "-", "1", "-", "2", "-", "3", "-", "4", "-",
                "X", "-");
        assertEquals("WJ粤1234X", decoder.decodeArmedPolice(provincial).text());
        assertEquals(8, decoder.decodeArmedPolice(provincial).charConfidence().length);
        double[][] headquarters = columns(0.95, "-", "W", "-", "J", "-", "1", "-", "2", "-", "3", "-", "4", "-", "5",
                "-", "-");
        assertEquals("WJ12345", decoder.decodeArmedPolice(headquarters).text());
        // The ordinary families cannot spell it: W and J are no province, and WJ has no D or F third.
        assertTrue(decoder.decodeArmedPolice(headquarters).logScore() > decoder.decode(headquarters, 7).logScore());
        assertTrue(decoder.decodeArmedPolice(provincial).logScore() > decoder.decodeNewEnergy(provincial).logScore());
        assertTrue(PlateAlphabet.isArmedPolice(decoder.decodeArmedPolice(provincial).text()));
    }

    /** Verifies that an ordinary plate scores worse as WJ than as itself, so the likelier path keeps it. */
    @Test
    void ordinaryPlateIsNotTakenForArmedPolice() {
        double[][] p = columns(0.9, "-", "皖", "-", "J", "-", "1", "-", "2", "-", "3", "-", "4", "-", "5", "-", "-");
        CtcDecoder.Decoded wj = decoder.decodeArmedPolice(p);
        assertTrue(wj.text().startsWith("WJ"), wj.text());
        assertTrue(decoder.decode(p, 7).logScore() > wj.logScore());
        assertTrue(wj.charConfidence()[0] < 0.05, "W is forced: " + wj.charConfidence()[0]);
        assertNull(decoder.decodeArmedPolice(columns(0.9, "-", "W", "J", "-", "-")));
    }
}
