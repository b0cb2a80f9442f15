package io.parkgate.central.auth;

/** What a user of the API may do (docs/domain.md "People"). */
public enum Role {
    /** Lane attendant (车场值班员): shifts, payments, reads. Cannot resolve exceptions. */
    ATTENDANT,
    /** Supervisor (班长/主任): claims and resolves exceptions, manual open, signs handovers. */
    SUPERVISOR,
    /** Manager (管理处经理): everything a supervisor may, plus exemptions, users and lanes. */
    MANAGER,
    /** Card centre clerk (卡中心): the registry. */
    CARD_CLERK
}
