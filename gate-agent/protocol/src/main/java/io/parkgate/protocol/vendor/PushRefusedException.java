package io.parkgate.protocol.vendor;


/** A push body a codec cannot read: the reason for the counter and the detail for the log. */
public final class PushRefusedException extends Exception {

    private final PushProblem problem;

    public PushRefusedException(PushProblem problem, String detail) {
        super(detail);
        this.problem = problem;
    }

    public PushProblem problem() {
        return problem;
    }
}
