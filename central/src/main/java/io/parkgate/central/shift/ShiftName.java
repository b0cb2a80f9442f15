package io.parkgate.central.shift;

/** The shifts of a post's day, in order; the form FM-RW528 names the one handed over. */
public enum ShiftName {
    /** 早班. */
    EARLY,
    /** 中班. */
    LATE,
    /** 夜班. */
    NIGHT;

    /** A shift taken over this close before its start is the one taken over (early relief). */
    static final java.time.Duration EARLY_RELIEF = java.time.Duration.ofMinutes(30);

    /** The shift of the day a time of day falls in: 早班 07–15, 中班 15–23, 夜班 23–07. */
    public static ShiftName at(java.time.LocalTime t) {
        int h = t.getHour();
        return h >= 7 && h < 15 ? EARLY : h >= 15 && h < 23 ? LATE : NIGHT;
    }

    /** The shift someone taking over at this time works: the one running, or the next within half an hour. */
    public static ShiftName startingAround(java.time.LocalTime t) {
        return at(t.plus(EARLY_RELIEF));
    }

    /** The shift that takes over from this one; null when the handed-over shift had no name. */
    public static ShiftName after(ShiftName s) {
        if (s == null) {
            return null;
        }
        return switch (s) {
            case EARLY -> LATE;
            case LATE -> NIGHT;
            case NIGHT -> EARLY;
        };
    }
}
