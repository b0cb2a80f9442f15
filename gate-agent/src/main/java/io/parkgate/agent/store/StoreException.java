package io.parkgate.agent.store;

/**
 * A lane store operation failed: the message names the operation and what was wrong, and nothing of
 * the operation was committed (every write is one transaction).
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
