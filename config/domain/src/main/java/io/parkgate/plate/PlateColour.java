package io.parkgate.plate;

/** Background colour of a plate as cameras report it (docs/protocols.md §3). */
public enum PlateColour {
    BLUE,
    YELLOW,
    GREEN,
    WHITE,
    BLACK,
    UNKNOWN
}
