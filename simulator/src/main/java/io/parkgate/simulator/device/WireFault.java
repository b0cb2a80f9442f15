package io.parkgate.simulator.device;

/** Faults a card reader or camera can put on the wire instead of a good frame. */
public enum WireFault {
    /** A whole frame whose checksum is wrong. */
    BAD_CHECKSUM,
    /** A frame cut short (card reader: no ETX; camera: line without its checksum). */
    TRUNCATED,
    /** Bytes that are no frame at all (line noise). */
    GARBAGE
}
