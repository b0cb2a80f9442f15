package io.parkgate.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class YuanTest {

    /** Verifies receipts' two decimals, including amounts under one yuan, negatives and the largest fen. */
    @Test
    void twoDecimals() {
        assertEquals("5.50", Yuan.of(550));
        assertEquals("5.00", Yuan.of(500));
        assertEquals("0.05", Yuan.of(5));
        assertEquals("0.00", Yuan.of(0));
        assertEquals("-0.50", Yuan.of(-50));
        assertEquals("92233720368547758.07", Yuan.of(Long.MAX_VALUE));
    }

    /** Verifies the display's short form: whole yuan bare, anything else with its two decimals. */
    @Test
    void briefForDisplays() {
        assertEquals("5", Yuan.brief(500));
        assertEquals("5.50", Yuan.brief(550));
        assertEquals("0.05", Yuan.brief(5));
        assertEquals("0", Yuan.brief(0));
    }
}
