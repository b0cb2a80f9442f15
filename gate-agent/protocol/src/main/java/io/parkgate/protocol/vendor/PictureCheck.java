package io.parkgate.protocol.vendor;

/**
 * Whether bytes a camera sent as a picture are one the receiver can use. The codecs only carry pictures; what
 * counts as usable is the receiver's business (the agent keeps what its recogniser can decode), so it is
 * handed to them rather than written twice.
 */
@FunctionalInterface
public interface PictureCheck {

    /** Any non-empty bytes: for a receiver that stores pictures without looking at them. */
    PictureCheck ANY = bytes -> bytes.length > 0;

    boolean usable(byte[] bytes);
}
