package io.parkgate.tariff;

/** Who is paying, as the lane decided it; selects which part of the tariff applies. */
public enum PayerCategory {
    /** Not registered, or a card that is invalid or does not match the plate: charged by the rules. */
    TEMPORARY,
    /** Registered by a resident: temporary tariff after the visitors' free hours. */
    VISITOR,
    /** Resident with a valid pass: no fee. */
    PASS_HOLDER,
    /** Policy-exempt or management-approved: no fee, with the reason recorded. */
    EXEMPT
}
