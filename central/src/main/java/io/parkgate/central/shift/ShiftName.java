package io.parkgate.central.shift;

/** The shifts of a post's day, in order; the form FM-RW528 names the one handed over. */
public enum ShiftName {
    /** 早班. */
    EARLY,
    /** 中班. */
    LATE,
    /** 夜班. */
    NIGHT;

    /** The shift that takes over from this one; null when the handed-over shift had no name. */
    public static ShiftName after(ShiftName s) {
        return s == null ? null : values()[(s.ordinal() + 1) % values().length];
    }
}
