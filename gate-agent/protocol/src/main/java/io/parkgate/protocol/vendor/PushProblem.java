package io.parkgate.protocol.vendor;

import io.parkgate.protocol.RejectReason;


/**
 * Why a camera push was refused or only partly read. Bounded set: each is counted per lane
 * ({@link PushCounters}); each refused push gets a log line and a reply that stops the camera retrying.
 */
public enum PushProblem {
    /** The body is not JSON, or JSON of another shape. */
    MALFORMED_JSON(RejectReason.MALFORMED_FIELD),
    /** The body (or its XML part) is not well-formed XML of the expected shape. */
    MALFORMED_XML(RejectReason.MALFORMED_FIELD),
    /** A field the vendor always sends is missing or of the wrong type. */
    MISSING_FIELD(RejectReason.MALFORMED_FIELD),
    /** The Content-Type is not what the vendor sends. */
    WRONG_CONTENT_TYPE(RejectReason.UNEXPECTED_BYTES),
    /** The body is over the push size limit. */
    TOO_LARGE(RejectReason.OVERLONG),
    /** The sender's address is not among the lane's frameSenders. */
    SENDER_REFUSED(RejectReason.UNEXPECTED_BYTES),
    /** Credentials missing or wrong (Dahua digest). */
    UNAUTHENTICATED(RejectReason.UNEXPECTED_BYTES),
    /** The same record again (same plateid/UUID): acknowledged, not delivered twice. */
    DUPLICATE(null),
    /** A recognition without a picture, or with one that is not a JPEG: delivered, the picture not kept. */
    MISSING_IMAGE(null),
    /** Fields this version does not know: read as far as known, names logged once. */
    UNKNOWN_FIELDS(null);

    private final RejectReason metricReason;

    PushProblem(RejectReason metricReason) {
        this.metricReason = metricReason;
    }

    /** The device metric reason of a refused push, or null when the push was still used. */
    public RejectReason metricReason() {
        return metricReason;
    }
}
