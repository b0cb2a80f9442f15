package io.parkgate.lpr.read;

/**
 * Where the characters stand on a single-row plate, in millimetres as GA 36 draws them: 7 characters
 * 45 mm wide on a 440 mm plate, or 8 on a 480 mm new-energy plate, 90 mm tall from 25 mm down.
 * The synthetic renderer draws plates with these proportions; a reading says which of the two it is.
 */
public enum PlateLayout {
    /** Blue, yellow, black and white plates: 7 characters, a dot between the 2nd and the 3rd. */
    SEVEN(440, new double[] {15.5, 72.5, 151.5, 208.5, 265.5, 322.5, 379.5}, new double[] {45, 45, 45, 45, 45, 45, 45}),
    /** Green new-energy plates: 8 characters, the province 45 mm wide, the others 43 mm. */
    EIGHT(480, new double[] {15.5, 69.5, 161.5, 213.5, 265.5, 317.5, 369.5, 421.5},
            new double[] {45, 43, 43, 43, 43, 43, 43, 43});

    /** Plate height in millimetres. */
    public static final double HEIGHT_MM = 140;
    public static final double CHAR_TOP_MM = 25;
    public static final double CHAR_HEIGHT_MM = 90;

    private final double widthMm;
    // Arrays for the crop loop; never handed out, so the enum stays immutable in fact.
    @SuppressWarnings("ImmutableEnumChecker")
    private final double[] leftMm;
    @SuppressWarnings("ImmutableEnumChecker")
    private final double[] charWidthMm;

    PlateLayout(double widthMm, double[] leftMm, double[] charWidthMm) {
        this.widthMm = widthMm;
        this.leftMm = leftMm;
        this.charWidthMm = charWidthMm;
    }

    public static PlateLayout forLength(int length) {
        return length == 8 ? EIGHT : SEVEN;
    }

    public int length() {
        return leftMm.length;
    }

    public double widthMm() {
        return widthMm;
    }

    public double leftMm(int i) {
        return leftMm[i];
    }

    public double charWidthMm(int i) {
        return charWidthMm[i];
    }
}
