package io.parkgate.agent.port;

/** A device command that failed after its retries; the message says which device and why. */
public final class DeviceFaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeviceFaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
