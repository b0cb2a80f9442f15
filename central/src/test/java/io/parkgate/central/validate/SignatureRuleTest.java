package io.parkgate.central.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.error.CentralException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignatureRuleTest {

    private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};

    private static String dataUrl(byte[] bytes) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** Verifies that the console pad's drawn signature (a PNG data URL of a few KB) is accepted as it is. */
    @Test
    void drawnSignatureIsAccepted() {
        byte[] png = new byte[6000];
        System.arraycopy(PNG_HEAD, 0, png, 0, PNG_HEAD.length);
        String url = dataUrl(png);
        assertEquals(url, FieldRules.signature("signatureRef", url));
        assertEquals("sig/1.png", FieldRules.signature("signatureRef", "sig/1.png"));
        assertNull(FieldRules.signature("signatureRef", null));
    }

    /** Verifies that what is not a PNG, or too big to be a signature, is refused with the reason. */
    @Test
    void otherDataIsRefused() {
        String[][] cases = {
            {dataUrl("<svg onload=alert(1)>".getBytes(StandardCharsets.US_ASCII)), "not a PNG"},
            {"data:text/html;base64,PHNjcmlwdD4=", "PNG as a data URL"},
            {"data:image/png;base64,@@@", "PNG as a data URL"},
            {dataUrl(new byte[FieldRules.MAX_SIGNATURE_CHARS]), "longer than"},
            {"x".repeat(201), "longer than 200"},
        };
        for (String[] c : cases) {
            CentralException e = assertThrows(CentralException.class,
                    () -> FieldRules.signature("signatureRef", c[0]));
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains("signatureRef"), e.getMessage());
        }
    }
}
