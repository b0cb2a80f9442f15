package io.parkgate.central.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CentralKeyTest {

    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] OTHER = HexFormat.of().parseHex("ff112233445566778899aabbccddeeff");

    /** Verifies that one name under one key always gives the same id, in a UUID's form (version 8). */
    @Test
    void oneNameGivesOneId() {
        String id = new CentralKey(KEY).idOf("long-stay:e-1");
        assertEquals(id, new CentralKey(KEY.clone()).idOf("long-stay:e-1"));
        UUID uuid = UUID.fromString(id);
        assertEquals(8, uuid.version());
        assertEquals(2, uuid.variant());
        assertNotEquals(id, new CentralKey(KEY).idOf("long-stay:e-2"));
    }

    /** Verifies that the id depends on the key, so that who knows the name alone cannot compute it. */
    @Test
    void theIdDependsOnTheKey() {
        String name = "long-stay:e-1";
        String id = new CentralKey(KEY).idOf(name);
        assertNotEquals(id, new CentralKey(OTHER).idOf(name));
        assertNotEquals(id, UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    }

    /** Verifies that a key too short to be secret is refused. */
    @Test
    void aShortKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CentralKey(new byte[8]));
        assertEquals("central's key has 8 bytes; at least 16 are needed", e.getMessage());
    }
}
