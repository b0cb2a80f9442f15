package io.parkgate.wire;

/** How a fee was paid; only CASH counts toward the cash a post hands over at shift end. */
public enum PaymentMethod { CASH, MOBILE, CARD, PREPAID, WAIVED }
