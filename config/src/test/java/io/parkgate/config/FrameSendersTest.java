package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameSendersTest {

    /** Verifies which senders an entry lets in: single addresses, blocks on and off byte edges, IPv6, both families. */
    @ParameterizedTest(name = "{0} lets {1} in: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.3.21        | 10.0.3.21       | true
            10.0.3.21        | 10.0.3.22       | false
            10.0.3.0/24      | 10.0.3.254      | true
            10.0.3.0/24      | 10.0.4.1        | false
            10.0.3.128/25    | 10.0.3.129      | true
            10.0.3.128/25    | 10.0.3.127      | false
            10.0.0.0/13      | 10.7.255.255    | true
            10.0.0.0/13      | 10.8.0.0        | false
            0.0.0.0/0        | 192.168.1.1     | true
            fd00::/64        | fd00::1:2       | true
            fd00::/64        | fd00:0:0:1::1   | false
            fd00::/64        | 10.0.3.21       | false
            10.0.3.0/24      | ::1             | false
            ::1              | ::1             | true
            """)
    void matchesByPrefix(String entry, String sender, boolean allowed) {
        assertEquals(allowed, FrameSenders.of(List.of(entry)).allows(new InetSocketAddress(sender, 8080)));
    }

    /** Verifies that anything but an address literal is refused with the reason, and never looked up as a name. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cam-east.local   | not an IPv4 or IPv6 address
            localhost        | not an IPv4 or IPv6 address
            10.0.3           | not an IPv4 or IPv6 address
            10.0.3.256       | not an IPv4 or IPv6 address
            010.0.3.21       | not an IPv4 or IPv6 address
            fd00::g          | not an IPv4 or IPv6 address
            10.0.3.0/33      | prefix length must be 0..32
            fd00::/129       | prefix length must be 0..128
            10.0.3.0/x       | prefix length must be a number 0..32
            """)
    void refusesWhatIsNotALiteral(String entry, String problem) {
        assertEquals(problem, FrameSenders.problem(entry));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameSenders.of(List.of(entry)));
        assertTrue(e.getMessage().endsWith(problem), e.getMessage());
    }

    /** Verifies that a sender with no address (an unresolved socket address) is never let in. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"0.0.0.0/0", "::/0"})
    void anUnresolvedSenderIsRefused(String entry) {
        assertNull(FrameSenders.problem(entry));
        assertFalse(FrameSenders.of(List.of(entry)).allows(InetSocketAddress.createUnresolved("camera", 80)));
        assertFalse(FrameSenders.of(List.of(entry)).allows(null));
    }
}
