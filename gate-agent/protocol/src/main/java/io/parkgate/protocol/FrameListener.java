package io.parkgate.protocol;

/**
 * Receives what a stream decoder makes of raw bytes: whole, valid frames, or the reason a run of
 * bytes was dropped. Decoders never throw on bad input; every dropped frame is reported here so it
 * can be counted, and nothing dropped can ever reach a barrier.
 */
public interface FrameListener<F> {

    void onFrame(F frame);

    /** A run of bytes was discarded; {@code detail} says what was wrong, for the log. */
    void onRejected(RejectReason reason, String detail);
}
