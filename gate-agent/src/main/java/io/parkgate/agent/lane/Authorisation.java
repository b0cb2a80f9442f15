package io.parkgate.agent.lane;

/**
 * Why the barrier was opened for a vehicle. OPEN is only pulsed for the lane's own decision or an
 * authenticated command (docs/protocols.md §1).
 *
 * @param kind     what authorised it
 * @param operator who, for payments, releases and manual opens; null for the lane's own decision
 * @param note     the payment's receipt, the release's reference or the manual-open reason
 * @param paidFen  amount paid at the lane for this passage (0 when none)
 */
public record Authorisation(Kind kind, String operator, String note, long paidFen) {

    public enum Kind {
        /** The lane's own decision opened it. */
        DECISION,
        /** The attendant recorded the fee. */
        PAYMENT,
        /** The stay was paid away from the lane (pay station, supervisor's desk, booth), central told the lane. */
        PREPAID,
        /** A supervisor released a held vehicle (signed command from central). */
        RELEASE,
        /** The attendant opened by hand with a reason. */
        MANUAL
    }

    public static final Authorisation BY_DECISION = new Authorisation(Kind.DECISION, null, null, 0);
}
