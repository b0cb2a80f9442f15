package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    /** Verifies that each written duration reads as the milliseconds in the table and formats back the same. */
    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource(delimiter = '|', textBlock = """
            50ms     | 50
            3s       | 3000
            15min    | 900000
            2h       | 7200000
            7d       | 604800000
            1h30min  | 5400000
            0s       | 0
            1d2h     | 93600000
            """)
    void readsAndWritesDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), DurationText.parse(text).orElseThrow());
        assertEquals(text, DurationText.format(Duration.ofMillis(millis)));
    }

    /** Verifies that text which is not a duration is refused rather than guessed. */
    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "50", "ms", "3 s", "1.5h", "-3s", "3sec", "15m", "3s ms", "1h 30min", "10000000000s"})
    void refusesOtherText(String text) {
        assertTrue(DurationText.parse(text).isEmpty());
    }
}
