package io.parkgate.lpr.detect;

/**
 * Places the plate over a line of character centres by the GA 36 layout: the characters stand in
 * fixed slots (45 mm wide, 12 mm apart, a 34 mm gap with the dot after the second; new-energy
 * plates: eight of 43 mm, 9 mm apart, 49 mm gap), so the centres found — even with the first or
 * last character missing, or a bolt among them — say where the plate's ends are. Stateless.
 */
final class SlotFit {

    /** Where the plate lies along the line: left end and width in pixels, and whether it has eight characters. */
    record Placement(double left, double width, boolean eight) {
    }

    /** Slot centres in mm from the plate's left edge; plate widths 440 and 480 mm. */
    private static final double[] SEVEN = {38, 95, 174, 231, 288, 345, 402};
    private static final double[] EIGHT = {38, 90, 182, 234, 286, 338, 390, 442};
    private static final double[] SCALES = {0.9, 0.95, 1.0, 1.05, 1.1};

    private SlotFit() {
    }

    /** The best placement for centres {@code xs} (pixels, ascending) of characters {@code charH} pixels tall. */
    static Placement place(double[] xs, double charH) {
        double pxPerMm = charH / 90;
        double bestCost = Double.MAX_VALUE;
        Placement best = null;
        for (double[] slots : new double[][] {SEVEN, EIGHT}) {
            double plateMm = slots == SEVEN ? 440 : 480;
            for (double s : SCALES) {
                double k = pxPerMm * s;
                // A centre further than a third of a character from every slot is not explained by it.
                double cap = 15 * k;
                double from = xs[xs.length - 1] - plateMm * k;
                double to = xs[0];
                for (double left = from; left <= to; left += Math.max(0.5, k * 2)) {
                    double cost = cost(xs, slots, left, k, cap);
                    // Eight characters only when they explain the centres clearly better; a scale away
                    // from the measured height only when it pays.
                    cost = cost * (slots == EIGHT ? 1.15 : 1) * (1 + Math.abs(s - 1));
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = new Placement(left, plateMm * k, slots == EIGHT);
                    }
                }
            }
        }
        return best;
    }

    private static double cost(double[] xs, double[] slots, double left, double k, double cap) {
        double cost = 0;
        boolean[] used = new boolean[slots.length];
        for (double x : xs) {
            int nearest = -1;
            double d = Double.MAX_VALUE;
            for (int i = 0; i < slots.length; i++) {
                double e = Math.abs(x - (left + slots[i] * k));
                if (e < d) {
                    d = e;
                    nearest = i;
                }
            }
            // Two centres in one slot: one of them is a piece or a bolt, not a character.
            cost += used[nearest] ? cap * cap : Math.min(d * d, cap * cap);
            used[nearest] = true;
        }
        return cost;
    }
}
