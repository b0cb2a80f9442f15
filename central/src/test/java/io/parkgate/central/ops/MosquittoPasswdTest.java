package io.parkgate.central.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MosquittoPasswdTest {

    /** Written by Mosquitto 2.0.11's {@code mosquitto_passwd -b FILE alice secret}. */
    private static final String FROM_MOSQUITTO = "alice:$7$101$8aqn7i1PVoGSdtzl$qDn8uDqLZLVseeHUdRJ82lSouHWKbS1C6wl6h"
            + "GZq6NkMp5Zv566ZYprfSK7mIufo/t3uMbGOGYL6x2zJXP5GLA==";

    @Test
    void verifiesWhatMosquittoPasswdWrote() {
        assertTrue(MosquittoPasswd.matches(FROM_MOSQUITTO, "secret"));
        assertFalse(MosquittoPasswd.matches(FROM_MOSQUITTO, "Secret"));
    }

    @Test
    void writesTheSameFormat() {
        String line = MosquittoPasswd.line("north-in", "pw");
        assertTrue(line.matches("north-in:\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}=="), line);
        assertTrue(MosquittoPasswd.matches(line, "pw"));
    }
}
