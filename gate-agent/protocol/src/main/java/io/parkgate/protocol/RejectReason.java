package io.parkgate.protocol;

/** Why a decoder dropped bytes. Bounded set: used as a metric tag. */
public enum RejectReason {
    BAD_CHECKSUM,
    BAD_LENGTH,
    BAD_CHARACTER,
    MALFORMED_FIELD,
    OVERLONG,
    UNEXPECTED_BYTES
}
