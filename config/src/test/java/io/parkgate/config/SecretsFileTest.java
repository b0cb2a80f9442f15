package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets file as an operator edits it by hand: on real files with the mode the loader insists on. */
class SecretsFileTest {

    @TempDir
    Path dir;

    private Path secrets(String text) throws Exception {
        Path f = dir.resolve("central.secrets");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    /**
     * Verifies that a value is read exactly as written: backslashes stay (a properties reader would drop them, and
     * one at the end would swallow the next line), and a BOM and Windows line ends from an editor do no harm.
     */
    @Test
    void aValueIsTakenAsWritten() throws Exception {
        Path f = secrets("\uFEFF# central's secrets\r\ncentral.database.password=p\\ss:w=rd\\\r\n"
                + "manager.password = boss-password-1 \r\n\r\n");
        SecretsFile s = SecretsFile.load(f, k -> null);
        assertEquals("p\\ss:w=rd\\", s.required("central.database.password", null));
        assertEquals("boss-password-1", s.required("manager.password", null));
        assertEquals(List.of("central.database.password", "manager.password"), List.copyOf(s.keys()));
    }

    /** Verifies that a line that is not key=value is refused with its line number, and its text is not echoed. */
    @Test
    void aLineThatIsNotKeyValueIsNamedWithoutItsValue() throws Exception {
        Path f = secrets("manager.password=boss-password-1\nmqtt.password hunter2\n");
        SecretsException e = assertThrows(SecretsException.class, () -> SecretsFile.load(f, k -> null));
        assertTrue(e.getMessage().contains(f + ", line 2: not a key=value line"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), "a secret in an error message: " + e.getMessage());
    }

    /** Verifies that a key written twice is refused naming both lines, not settled silently by the last one. */
    @Test
    void aKeyWrittenTwiceIsRefused() throws Exception {
        Path f = secrets("mqtt.password=old-password\ncommand.secret=0123456789abcdef0123\n"
                + "mqtt.password=new-password\n");
        SecretsException e = assertThrows(SecretsException.class, () -> SecretsFile.load(f, k -> null));
        assertTrue(e.getMessage().contains("line 3: 'mqtt.password' a second time (first on line 1)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("password="), e.getMessage());
    }
}
