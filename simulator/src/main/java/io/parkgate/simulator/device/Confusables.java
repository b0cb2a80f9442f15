package io.parkgate.simulator.device;

import java.util.Map;
import java.util.Random;

/**
 * Characters plate readers confuse (docs/domain.md "Plates"): 0/D/Q, 8/B, 2/Z, 5/S, 1/I/T, 6/G. Used to
 * make realistic misreads; the province character is never touched (cameras read it as a glyph).
 */
public final class Confusables {

    private static final Map<Character, String> LOOKALIKES = Map.ofEntries(
            Map.entry('0', "DQ"), Map.entry('D', "0Q"), Map.entry('Q', "0D"),
            Map.entry('8', "B"), Map.entry('B', "8"),
            Map.entry('2', "Z"), Map.entry('Z', "2"),
            Map.entry('5', "S"), Map.entry('S', "5"),
            Map.entry('1', "IT"), Map.entry('I', "1T"), Map.entry('T', "1I"),
            Map.entry('6', "G"), Map.entry('G', "6"));

    private Confusables() {
    }

    /** True when {@code plate} has a character after the province that can be misread. */
    public static boolean canMisread(String plate) {
        for (int i = 1; i < plate.length(); i++) {
            if (LOOKALIKES.containsKey(plate.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code plate} with one confusable character (after the province) swapped; unchanged if none. */
    public static String misread(String plate, Random random) {
        int[] candidates = new int[plate.length()];
        int n = 0;
        for (int i = 1; i < plate.length(); i++) {
            if (LOOKALIKES.containsKey(plate.charAt(i))) {
                candidates[n++] = i;
            }
        }
        if (n == 0) {
            return plate;
        }
        int at = candidates[random.nextInt(n)];
        String options = LOOKALIKES.get(plate.charAt(at));
        char replacement = options.charAt(random.nextInt(options.length()));
        return plate.substring(0, at) + replacement + plate.substring(at + 1);
    }
}
