package io.parkgate.central.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which shift someone taking over a post works, by the time of day they accept the handover. */
class ShiftNameTest {

    /** Verifies that a relief mid-shift stays on that shift and a handover just before the next start takes it. */
    @ParameterizedTest
    @CsvSource({
        "08:00, EARLY", "06:29, NIGHT", "06:30, EARLY", "07:00, EARLY", "14:29, EARLY", "14:30, LATE", "15:00, LATE",
        "22:29, LATE", "22:30, NIGHT", "23:59, NIGHT", "00:00, NIGHT", "03:00, NIGHT"
    })
    void takingOverWorksTheShiftOfTheTime(String at, ShiftName expected) {
        assertEquals(expected, ShiftName.startingAround(LocalTime.parse(at)));
    }
}
