package io.parkgate.simulator.lane;

/** How a simulated driver behaves at the barrier. */
public enum Behaviour {
    /** Stops on the loop, shows plate and card, waits for the arm to be fully up, drives through. */
    NORMAL,
    /** Waits a few seconds, then rams the closed barrier (冲卡). */
    FORCE,
    /** Follows the previous vehicle under the same opening, without showing a card. */
    TAILGATE,
    /** No readable plate (none fitted, or covered): the camera reports {@code _NONE_}. */
    PLATELESS,
    /** Has no card or does not present it: identified by plate alone. */
    NO_CARD,
    /** The camera misreads a confusable character of the plate (0/D, 8/B, 5/S ...). */
    MISREAD,
    /** The card reader first delivers a corrupt frame (bad checksum, then a truncated one). */
    FAULTY_CARD_READ
}
