package io.parkgate.lpr.detect;

/**
 * Places the plate over a line of character centres by the GA 36 layout: the characters stand in
 * fixed slots (45 mm wide, 12 mm apart, a 34 mm gap with the dot after the second; new-energy
 * plates: eight of 43 mm, 9 mm apart, 49 mm gap), so the centres found — even with the first or
 * last character missing, or a bolt among them — say where the plate's ends are. Stateless.
 */
final class SlotFit {

    /**
     * Where the plate lies along the line: left end and width in pixels, pixels per millimetre along
     * the line (from the characters' spacing, which ink thinned by blur or binarisation does not
     * change) and across it (the same, unless the plate is seen from the side), and whether it has
     * eight characters.
     */
    record Placement(double left, double width, double pxPerMm, double pxPerMmAcross, boolean eight) {
    }

    /** Slot centres in mm from the plate's left edge; plate widths 440 and 480 mm. */
    private static final double[] SEVEN = {38, 95, 174, 231, 288, 345, 402};
    private static final double[] EIGHT = {38, 90, 182, 234, 286, 338, 390, 442};
    /** Spacing over what the blobs' height suggests: blobs are often a little shorter than the 90 mm box. */
    private static final double[] SCALES = {0.88, 0.92, 0.96, 1.0, 1.04, 1.08, 1.12, 1.16};
    /**
     * Spacing shortened by a camera beside the lane (cosines of about 33° to 63°): the characters
     * keep their height, their spacing shrinks; the plate's height then comes from the characters'.
     */
    private static final double[] SIDE_VIEW = {0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.84};

    private SlotFit() {
    }

    /**
     * The best placement for centres {@code xs} (pixels, ascending) of characters {@code charH} pixels
     * tall; {@code green} when the plate's background is green, so eight characters are expected.
     */
    static Placement place(double[] xs, double charH, boolean green) {
        double pxPerMm = charH / 90;
        Fitted frontal = best(xs, pxPerMm, SCALES, false, green, new Fitted(Double.MAX_VALUE, null));
        // Side views only for rows the frontal layouts leave off their slots by 4 mm and more on
        // average: a frontal plate is not searched twice over (the narrow scales take the most steps).
        if (frontal.cost() <= xs.length * Math.pow(4 * pxPerMm, 2)) {
            return frontal.placement();
        }
        return best(xs, pxPerMm, SIDE_VIEW, true, green, frontal).placement();
    }

    private record Fitted(double cost, Placement placement) {
    }

    /** The best of {@code so far} and the placements at {@code scales} of the height's spacing. */
    private static Fitted best(double[] xs, double pxPerMm, double[] scales, boolean side, boolean green,
            Fitted soFar) {
        double bestCost = soFar.cost();
        Placement best = soFar.placement();
        for (double[] slots : new double[][] {SEVEN, EIGHT}) {
            double plateMm = slots == SEVEN ? 440 : 480;
            for (double s : scales) {
                double k = pxPerMm * s;
                // A centre further than a third of a character from every slot is not explained by it.
                double cap = 15 * k;
                double from = xs[xs.length - 1] - plateMm * k;
                double to = xs[0];
                for (double left = from; left <= to; left += Math.max(0.5, k * 2)) {
                    double cost = cost(xs, slots, left, k, cap);
                    // The layout the colour does not suggest only when it explains the centres clearly
                    // better; a scale away from the measured height only when it pays; a side view only
                    // when it pays clearly (a frontal row with a character lost is the commoner case).
                    cost = cost * ((slots == EIGHT) != green ? 1.15 : 1)
                            * (side ? 1.25 : 1 + 0.5 * Math.abs(s - 1));
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = new Placement(left, plateMm * k, k, side ? pxPerMm : k, slots == EIGHT);
                    }
                }
            }
        }
        return new Fitted(bestCost, best);
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
