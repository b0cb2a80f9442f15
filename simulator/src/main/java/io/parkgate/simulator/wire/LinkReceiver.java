package io.parkgate.simulator.wire;

import java.util.function.Consumer;

/**
 * Receives the bytes a link reads, on the link's reader thread. {@code reply} writes back to the
 * peer that sent them.
 */
public interface LinkReceiver {

    /** Receives nothing: for devices that only talk (card reader, camera). */
    LinkReceiver IGNORE = new LinkReceiver() {
        @Override
        public void received(byte[] data, int len, Consumer<byte[]> reply) {
            // a reader and a camera ignore whatever is sent to them
        }

        @Override
        public void silence(Consumer<byte[]> reply) {
            // nothing buffered
        }
    };

    void received(byte[] data, int len, Consumer<byte[]> reply);

    /** The line went quiet after bytes were received (end of a Modbus RTU frame). */
    void silence(Consumer<byte[]> reply);
}
