package io.parkgate.plate;

/**
 * One way a read differs from a registered plate.
 *
 * @param position   index in the registered plate
 * @param read       the character read, or 0 when the read missed it (a missed province character)
 * @param registered the registered plate's character
 */
public record PlateDifference(Kind kind, int position, char read, char registered) {

    public enum Kind {
        /** Same confusable group, e.g. S read for 5. */
        CONFUSABLE,
        /** The read has no province character. */
        PROVINCE_MISSING,
        /** The read has another province character. */
        PROVINCE_DIFFERENT
    }

    /** Chinese, for the match note, e.g. "S/5 易混" or "漏读省份“粤”". */
    public String describe() {
        return switch (kind) {
            case CONFUSABLE -> read + "/" + registered + " 易混";
            case PROVINCE_MISSING -> "漏读省份“" + registered + "”";
            case PROVINCE_DIFFERENT -> "省份“" + registered + "”读为“" + read + "”";
        };
    }
}
