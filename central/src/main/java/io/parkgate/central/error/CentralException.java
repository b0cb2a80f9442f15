package io.parkgate.central.error;

import io.vertx.core.Future;

/** A request central refuses; {@link Kind} maps to the HTTP status, the message says exactly why. */
public class CentralException extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        BAD_REQUEST(400), UNAUTHENTICATED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_MANY_REQUESTS(429);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public CentralException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static CentralException badRequest(String message) {
        return new CentralException(Kind.BAD_REQUEST, message);
    }

    public static CentralException notFound(String message) {
        return new CentralException(Kind.NOT_FOUND, message);
    }

    public static CentralException conflict(String message) {
        return new CentralException(Kind.CONFLICT, message);
    }

    public static CentralException forbidden(String message) {
        return new CentralException(Kind.FORBIDDEN, message);
    }

    /**
     * Runs a service's checks (the caller's role, the request's fields) before any work: a refusal they throw
     * becomes the failed future every service answers with, so the work can follow with {@code compose}.
     */
    public static Future<Void> checked(Runnable checks) {
        try {
            checks.run();
            return Future.succeededFuture();
        } catch (CentralException e) {
            return Future.failedFuture(e);
        }
    }
}
