package io.parkgate.plate;

/**
 * What a mainland plate is, as far as its text tells. The policy-exempt kinds carry the code of the
 * {@link io.parkgate.config.ExemptionCategory} a site configures for them (docs/domain.md exit rule 2).
 */
public enum PlateKind {
    /** Province + letter + 5 characters (blue small cars, yellow large vehicles, black). */
    STANDARD("普通号牌", "standard", null),
    /** Province + letter + 6 characters, green. */
    NEW_ENERGY("新能源号牌", "new energy", null),
    /** 警 suffix. */
    POLICE("警车", "police", "POLICE"),
    /** WJ prefix. */
    ARMED_POLICE("武警车辆", "armed police", "ARMED_POLICE"),
    /** 2012-style military plate: branch letter + letter + 5 digits. */
    MILITARY("军车", "military", "MILITARY"),
    /** 应急 suffix: fire and emergency rescue. */
    EMERGENCY("消防救援车辆", "fire rescue", "FIRE"),
    /** 学 suffix. */
    DRIVING_SCHOOL("教练车", "driving school", null),
    /** 挂 suffix. */
    TRAILER("挂车", "trailer", null),
    /** 使 prefix or suffix. */
    EMBASSY("使馆车辆", "embassy", null),
    /** 领 suffix. */
    CONSULATE("领馆车辆", "consulate", null),
    /** 粤Z…港/澳. */
    HONG_KONG_MACAU("港澳入出境车辆", "Hong Kong/Macau", null),
    /** Not a plate format we know; {@link PlateInfo#problem()} says why. */
    INVALID("无效号牌", "invalid", null);

    private final String label;
    private final String labelEn;
    private final String exemptionCode;

    PlateKind(String label, String labelEn, String exemptionCode) {
        this.label = label;
        this.labelEn = labelEn;
        this.exemptionCode = exemptionCode;
    }

    /** Chinese name, for attendants and the register. */
    public String label() {
        return label;
    }

    public String labelEn() {
        return labelEn;
    }

    /** True for plates exempt by policy (政策性免费). */
    public boolean policyExempt() {
        return exemptionCode != null;
    }

    /** The {@code ExemptionCategory.code()} a site uses for this kind, or null when not exempt. */
    public String exemptionCode() {
        return exemptionCode;
    }
}
