package io.parkgate.tariff;

import java.math.BigDecimal;

/**
 * Integer fen written as yuan for people: the one place amounts become text (receipts, exports, messages,
 * lane displays). Amounts stay integer fen everywhere else.
 */
public final class Yuan {

    private Yuan() {
    }

    /** Two decimals, as on a receipt or in an export: 550 → "5.50", 500 → "5.00", -50 → "-0.50". */
    public static String of(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** As short as a lane display allows: whole yuan without decimals. 500 → "5", 550 → "5.50". */
    public static String brief(long fen) {
        return fen % 100 == 0 ? Long.toString(fen / 100) : of(fen);
    }
}
