package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportUriTest {

    /** Verifies that each transport in the table parses to the kind, endpoint and baud shown (default baud 9600). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            serial:/dev/ttyUSB0              | serial:/dev/ttyUSB0?baud=9600
            serial:/dev/ttyUSB0?baud=115200  | serial:/dev/ttyUSB0?baud=115200
            serial:COM3                      | serial:COM3?baud=9600
            tcp://10.0.0.7:4001              | tcp://10.0.0.7:4001
            TCP://127.0.0.1:47101            | tcp://127.0.0.1:47101
            """)
    void parses(String text, String canonical) {
        assertEquals(canonical, TransportUri.parse(text, 9600).toString());
    }

    /** Verifies that each malformed transport is refused with a message saying what was wrong. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tcp://10.0.0.7               | needs a host and a port
            tcp://10.0.0.7:70000         | needs a host and a port
            tcp://10.0.0.7:4001/x        | needs a host and a port
            tcp://10.0.0.7:4001?baud=9600 | more than a host and a port
            tcp://u@10.0.0.7:4001        | more than a host and a port
            tcp://10.0.0.7:4001#x        | more than a host and a port
            serial:ttyUSB0               | not a device path
            serial:/dev/ttyUSB0?baud=12  | not a rate
            serial:/dev/ttyUSB0?parity=N | unknown serial parameter
            udp://10.0.0.7:4001          | unknown scheme
            """)
    void refuses(String text, String because) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransportUri.parse(text, 9600));
        assertTrue(e.getMessage().contains(because), e.getMessage());
    }
}
