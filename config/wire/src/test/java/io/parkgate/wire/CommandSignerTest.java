package io.parkgate.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandSignerTest {

    private static final Instant T = Instant.parse("2026-11-22T06:00:00Z");
    private final Command unsigned = new Command("c1", "north-out", CommandKind.RELEASE, "x1", "粤B12345", "li",
            "车主核实", T, T.plusSeconds(60), "nonce-1", null);

    /** Verifies that a signed command verifies, also after a JSON round trip. */
    @Test
    void signedVerifies() {
        CommandSigner s = new CommandSigner("0123456789abcdef-secret");
        Command signed = s.sign(unsigned);
        assertTrue(s.verify(signed));
        assertTrue(s.verify(MessageCodec.decodeCommand(MessageCodec.encode(signed))));
    }

    /** Verifies that another lane's secret, a changed field or a missing signature fail verification. */
    @Test
    void tamperedFails() {
        CommandSigner s = new CommandSigner("0123456789abcdef-secret");
        Command signed = s.sign(unsigned);
        assertFalse(new CommandSigner("another-lane-secret-xx").verify(signed));
        Command otherLane = new Command("c1", "south-out", CommandKind.RELEASE, "x1", "粤B12345", "li", "车主核实", T,
                T.plusSeconds(60), "nonce-1", signed.signature());
        assertFalse(s.verify(otherLane));
        Command later = new Command("c1", "north-out", CommandKind.RELEASE, "x1", "粤B12345", "li", "车主核实", T,
                T.plusSeconds(3600), "nonce-1", signed.signature());
        assertFalse(s.verify(later));
        assertFalse(s.verify(unsigned));
    }

    /** Verifies that a short secret is refused. */
    @Test
    void shortSecretRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CommandSigner("short"));
    }
}
