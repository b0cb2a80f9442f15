package io.parkgate.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class UplinkConfigTest {

    /** Verifies that a printed config shows the lane but neither the password nor the command secret. */
    @Test
    void toStringHidesSecrets() {
        String s = UplinkConfig.of("tcp://127.0.0.1:1883", "gardens", "north-in", "north-in", "pw-123456789012",
                "secret-0123456789abcdef", Path.of("var/north-in")).toString();
        assertTrue(s.contains("north-in"), s);
        assertFalse(s.contains("pw-123456789012"), s);
        assertFalse(s.contains("secret-0123456789abcdef"), s);
    }

    /** Verifies that a short command secret and a lane id with a topic wildcard are refused. */
    @Test
    void badValuesRefused() {
        assertThrows(IllegalArgumentException.class, () -> UplinkConfig.of("tcp://h:1", "gardens", "north-in", "u",
                "p", "short", Path.of("x")));
        assertThrows(IllegalArgumentException.class, () -> UplinkConfig.of("tcp://h:1", "gardens", "north/#", "u",
                "p", "secret-0123456789abcdef", Path.of("x")));
    }

    /** Verifies that the brokers of a cluster are kept in order, printed, and that an empty list is refused. */
    @Test
    void brokerListKeptInOrder() {
        UplinkConfig c = UplinkConfig.of(List.of("tcp://b1:1883", "tcp://b2:1883"), "gardens", "north-in", "north-in",
                "pw-123456789012", "secret-0123456789abcdef", Path.of("var/north-in"));
        assertEquals(List.of("tcp://b1:1883", "tcp://b2:1883"), c.brokerUrls());
        assertTrue(c.toString().contains("tcp://b1:1883, tcp://b2:1883"), c.toString());
        assertThrows(IllegalArgumentException.class, () -> UplinkConfig.of(List.of(), "gardens", "north-in", "u",
                "p", "secret-0123456789abcdef", Path.of("x")));
    }
}
