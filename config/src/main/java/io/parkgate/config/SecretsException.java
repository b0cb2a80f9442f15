package io.parkgate.config;

/** A secret is missing, unreadable or exposed; the message is one line naming the file or key and the fix. */
public final class SecretsException extends RuntimeException {

    public SecretsException(String message) {
        super(message, null, false, false);
    }
}
