package io.parkgate.agent.app;

import io.parkgate.wire.Prepayment;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a payment made away from the lane may let the vehicle of its plate out now. Receiving a prepayment
 * proves little: central resends every prepayment of the last 24 h after each hello, used ones included, so
 * one may belong to an earlier stay of the plate or be a stay's own payment whose grace is over. A plain
 * function of what the lane knows, so the rule tests without a lane. The lane still checks that the amount
 * covers the fee due (only it knows the fee).
 */
final class PrepaymentCover {

    /** Why a prepayment does not open for a waiting vehicle. */
    enum Refusal {
        /** It already let a vehicle out: one payment pays for one exit. */
        ALREADY_USED("already let a vehicle out"),
        /** Its grace is over: the vehicle now owes the time beyond it, which the stay's prepaidUntil charges. */
        GRACE_OVER("grace ended at freeUntil; the overtime is owed"),
        /** Paid before the plate's open stay began: it paid an earlier stay of the same plate. */
        BEFORE_ENTRY("paid before the open stay's entry; it paid an earlier stay");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private PrepaymentCover() {
    }

    /**
     * Why {@code p} must not open for the vehicle of its plate at {@code now}, or empty when it may (provided
     * the amount covers the fee).
     *
     * @param stayEntry the entry time of the plate's open stay, or null when the agent does not know it
     * @param used      whether this prepayment's id has already let a vehicle out
     */
    static Optional<Refusal> refusal(Prepayment p, Instant stayEntry, boolean used, Instant now) {
        if (used) {
            return Optional.of(Refusal.ALREADY_USED);
        }
        if (!now.isBefore(p.freeUntil())) {
            return Optional.of(Refusal.GRACE_OVER);
        }
        if (paysEarlierStay(p, stayEntry)) {
            return Optional.of(Refusal.BEFORE_ENTRY);
        }
        return Optional.empty();
    }

    /** Whether {@code p} was paid before the stay that entered at {@code stayEntry} (null: not known) began. */
    static boolean paysEarlierStay(Prepayment p, Instant stayEntry) {
        return stayEntry != null && p.paidAt().isBefore(stayEntry);
    }
}
