package io.parkgate.wire;

/** What a command from central asks a lane to do; both open the barrier once. */
public enum CommandKind {
    /** A supervisor resolved a held vehicle's exception. */
    RELEASE,
    /** A supervisor or manager opened the barrier by hand from central. */
    MANUAL_OPEN
}
