package io.parkgate.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
}
