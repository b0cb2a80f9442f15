package io.parkgate.wire;

/** What a lane journals and publishes. Bounded: used as a metric tag and in the register. */
public enum EventType {
    /** A vehicle entered (barrier opened for it). */
    ENTRY,
    /** A vehicle left; carries the fee and, for a zero fee, which exemption in the remarks. */
    EXIT,
    /** A fee was collected at the lane. */
    PAYMENT,
    /** Forced passage, tailgating, long stay: for the supervisor at once. */
    ALARM,
    /** A held vehicle with the lane's evidence: becomes an exception at central. */
    EXCEPTION,
    /** A device went to FAULT or came back. */
    DEVICE_FAULT,
    /** The lane carried out a release or manual-open command (the outcome central waits for). */
    RELEASED
}
