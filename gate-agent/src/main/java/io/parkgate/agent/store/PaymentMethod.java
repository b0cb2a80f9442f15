package io.parkgate.agent.store;

/** How a register row's fee was settled. */
public enum PaymentMethod {
    /** Cash taken at the lane: counts toward the shift's cash handover (停车费). */
    CASH,
    /** Paid before reaching the lane (prepaid balance or online). */
    PREPAID,
    /** A fee was due and a supervisor or manager waived it; nothing taken. */
    WAIVED,
    /** Nothing was paid (yet): no fee, or the fee is still open. */
    NONE
}
