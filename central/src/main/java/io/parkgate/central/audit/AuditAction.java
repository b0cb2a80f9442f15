package io.parkgate.central.audit;

/** What an audit entry records. */
public enum AuditAction {
    REGISTRY_CHANGE,
    EXCEPTION_CLAIM,
    EXCEPTION_RESOLVE,
    EXCEPTION_ESCALATE,
    RELEASE,
    MANUAL_OPEN,
    FEE_WAIVED,
    PREPAYMENT,
    USER_CREATED,
    /** A manager changed an account: role, name, password reset, disabled or enabled (the detail says which). */
    USER_UPDATED,
    LANE_PROVISIONED,
    SHIFT_HANDOVER,
    SHIFT_ACCEPTED,
    SHIFT_SIGNED,
    LANE_NOTE,
    PASSWORD_CHANGED,
    PASSWORD_RESET,
    USER_DISABLED,
    USER_ENABLED,
    LOGIN_REFUSED,
    REGISTRY_RESYNC,
    /** The booth corrected a held vehicle's misread plate; the lane decides again with it. */
    PLATE_CORRECTED
}
