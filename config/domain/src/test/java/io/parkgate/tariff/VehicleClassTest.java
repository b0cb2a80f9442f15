package io.parkgate.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.plate.PlateColour;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VehicleClassTest {

    /** Verifies that plate colour and suffix give the tariff class in the table. */
    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # colour  | plate      | class
            BLUE      | 粤B12345   | SMALL
            YELLOW    | 粤B12345   | LARGE
            BLUE      | 沪A1234学  | LARGE
            UNKNOWN   | 粤B1234挂  | LARGE
            GREEN     | 京AD12345  | SMALL
            GREEN     | 粤B12345D  | LARGE
            GREEN     | 粤B12345F  | LARGE
            BLACK     | 粤Z1234港  | SMALL
            WHITE     | 粤B1234警  | SMALL
            UNKNOWN   | -          | SMALL
            YELLOW    | -          | LARGE
            """)
    void derivesClassFromPlate(PlateColour colour, String plate, VehicleClass expected) {
        assertEquals(expected, VehicleClass.fromPlate(colour, plate));
    }
}
