package io.parkgate.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A policy exemption category (政策性免费) recognised from the plate, e.g. police (警 suffix),
 * armed police (WJ prefix), military, fire, ambulance.
 *
 * @param code          stable identifier, e.g. {@code POLICE}
 * @param label         the Chinese name shown to attendants and written in the register's remarks
 * @param labelEn       the English name
 * @param platePatterns regular expressions searched in the plate text (use ^ and $ to anchor); empty when
 *                      the category is recognised from the registry only (e.g. ambulances on civil plates)
 */
public record ExemptionCategory(String code, String label, String labelEn, List<Pattern> platePatterns) {

    public ExemptionCategory {
        platePatterns = List.copyOf(platePatterns);
    }

    /** The original components: a category recognised from the registry only. */
    public ExemptionCategory(String code, String label, String labelEn) {
        this(code, label, labelEn, List.of());
    }

    /** Whether the plate text matches one of the patterns; null (plateless) never matches. */
    public boolean matches(String plate) {
        return plate != null && platePatterns.stream().anyMatch(p -> p.matcher(plate).find());
    }

    /**
     * The categories a site file without {@code exemptions} gets: police (…警), armed police (WJ…),
     * military (a military-region character or two letters, then digits), fire rescue (…应急) and
     * ambulances (registry only: they carry civil plates).
     */
    public static List<ExemptionCategory> defaults() {
        return List.of(
                new ExemptionCategory("POLICE", "警车", "police", List.of(Pattern.compile("警$"))),
                new ExemptionCategory("ARMED_POLICE", "武警车辆", "armed police", List.of(Pattern.compile("^WJ"))),
                new ExemptionCategory("MILITARY", "军车", "military", List.of(
                        Pattern.compile("^[军空海北沈兰济南广成][A-Z][0-9]{5}$"),
                        Pattern.compile("^[A-Z]{2}[0-9]{5}$"))),
                new ExemptionCategory("FIRE", "消防救援车辆", "fire rescue", List.of(Pattern.compile("应急$"))),
                new ExemptionCategory("AMBULANCE", "救护车", "ambulance", List.of()));
    }
}
