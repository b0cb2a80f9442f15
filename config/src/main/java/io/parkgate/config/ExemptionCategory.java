package io.parkgate.config;

/**
 * A policy exemption category (政策性免费) recognised from the plate, e.g. police (警 suffix),
 * armed police (WJ prefix), military, fire, ambulance.
 *
 * @param code     stable identifier, e.g. {@code POLICE}
 * @param label    the Chinese name shown to attendants and written in the register's remarks
 * @param labelEn  the English name
 */
public record ExemptionCategory(String code, String label, String labelEn) {
}
