package io.parkgate.agent.decision;

import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.FeeRequest;

/**
 * Prices a stay. {@code new TariffEngine(schedule, zone)::quote} is the production implementation;
 * the decision engine depends only on this, so it can be tested with a hand-computed fee function.
 */
@FunctionalInterface
public interface FeeCalculator {

    /** The fee for a stay; may throw on a request the tariff cannot price (the engine then holds). */
    FeeQuote quote(FeeRequest request);
}
