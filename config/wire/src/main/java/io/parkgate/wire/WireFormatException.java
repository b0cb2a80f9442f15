package io.parkgate.wire;

/** A message that does not follow docs/mqtt.md; the message says which field and what was expected. */
public class WireFormatException extends RuntimeException {

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
