package io.parkgate.tariff;

/**
 * The site's tariff as configured. Fields are defined with the tariff engine.
 */
public record TariffSchedule() {
}
