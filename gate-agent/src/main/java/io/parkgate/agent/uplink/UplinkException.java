package io.parkgate.agent.uplink;

/** The outbox database failed; the message says which operation and why. */
public class UplinkException extends RuntimeException {

    public UplinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
