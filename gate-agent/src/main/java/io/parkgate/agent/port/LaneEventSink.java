package io.parkgate.agent.port;

import io.parkgate.protocol.io.LaneInputs;
import java.time.Instant;

/**
 * Where device drivers deliver what they observe. Implementations hand each call to the lane's own
 * single thread and return at once, so drivers' reader threads never wait on decisions.
 */
public interface LaneEventSink {

    /** The discrete inputs changed (called only on change, and once after every (re)connect). */
    void inputs(LaneInputs inputs, Instant at);

    /** A card presentation (repeats of one presentation already suppressed by the driver). */
    void card(String cardNumber, Instant at);

    /** A plate report (smart camera line or imaging recogniser result). */
    void plate(PlateRead read, Instant at);

    /**
     * A card presentation whose frame's last byte was read at {@code receivedNanos} ({@link System#nanoTime}):
     * the lane's frame→OPEN latency is measured from there.
     */
    default void card(String cardNumber, Instant at, long receivedNanos) {
        card(cardNumber, at);
    }

    /** A plate report whose line's (or image's) last byte was read at {@code receivedNanos} ({@link System#nanoTime}).
     * */
    default void plate(PlateRead read, Instant at, long receivedNanos) {
        plate(read, at);
    }

    /**
     * Bytes of what may be a card frame or a plate report are arriving: said on the reader's thread before they are
     * decoded, so the lane can keep the I/O controller's bus free for the OPEN that may follow (a poll put on the bus
     * meanwhile would make the OPEN wait for its reply and the bus silence after it). Must return at once; nothing
     * may follow (a repeat, a bad frame), and then nothing is owed.
     */
    default void arriving() {
    }

    /** A device's connection state changed; {@code detail} says why, for the log and console. */
    void deviceState(LaneDevice device, DeviceState state, String detail);
}
