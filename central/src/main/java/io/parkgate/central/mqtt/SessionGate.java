package io.parkgate.central.mqtt;

import java.time.Duration;

/**
 * Tells a client when the broker has really taken its new session, which may be later than its CONNACK.
 * Moquette 0.17 writes CONNACK first and only marks the connection connected once that write has completed;
 * a SUBSCRIBE that arrives in between is refused and the connection closed ("SUBSCRIBE received on already
 * closed connection"). Central's own client waits here between CONNACK and SUBSCRIBE when the broker is the
 * embedded one; other brokers need no gate.
 */
public interface SessionGate {

    /** For brokers that accept a session with their CONNACK. */
    SessionGate NONE = new SessionGate() {
        @Override
        public long mark(String clientId) {
            return 0;
        }

        @Override
        public boolean await(String clientId, long mark, Duration max) {
            return true;
        }
    };

    /** Read before connecting: what {@link #await} waits to see passed. */
    long mark(String clientId);

    /**
     * Waits until a session of {@code clientId} newer than {@code mark} is accepted; false when {@code max}
     * passed first (the caller goes on, and at worst meets the race it guards against).
     */
    boolean await(String clientId, long mark, Duration max) throws InterruptedException;
}
