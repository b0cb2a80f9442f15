package io.parkgate.wire;

/** What a command from central asks a lane to do. */
public enum CommandKind {
    /** A supervisor resolved a held vehicle's exception: open once for it. */
    RELEASE,
    /** A supervisor or manager opened the barrier by hand from central: open once. */
    MANUAL_OPEN,
    /**
     * The attendant read the held vehicle's plate and corrected the camera's reading: the lane decides again
     * with {@code plate}, by its own rules (it opens only if the corrected plate lets the vehicle through).
     */
    CORRECT_PLATE
}
