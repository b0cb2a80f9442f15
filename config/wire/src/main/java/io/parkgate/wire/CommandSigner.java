package io.parkgate.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a canonical text of a command, keyed by the lane's secret. Canonical text: the fields
 * in declaration order, each as {@code name=value} (empty for null), joined by {@code \n}, so both sides
 * sign the same bytes whatever the JSON layout.
 */
public final class CommandSigner {

    private static final String ALG = "HmacSHA256";
    private final SecretKeySpec key;

    public CommandSigner(String laneSecret) {
        if (laneSecret == null || laneSecret.length() < 16) {
            throw new IllegalArgumentException("lane secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(laneSecret.getBytes(StandardCharsets.UTF_8), ALG);
    }

    public Command sign(Command unsigned) {
        return unsigned.withSignature(hmac(canonical(unsigned)));
    }

    /** Constant-time check of the command's signature. */
    public boolean verify(Command c) {
        if (c.signature() == null) {
            return false;
        }
        byte[] expected = hmac(canonical(c)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, c.signature().getBytes(StandardCharsets.US_ASCII));
    }

    public static String canonical(Command c) {
        return String.join("\n",
                "commandId=" + nz(c.commandId()),
                "laneId=" + nz(c.laneId()),
                "kind=" + (c.kind() == null ? "" : c.kind().name()),
                "exceptionId=" + nz(c.exceptionId()),
                "plate=" + nz(c.plate()),
                "issuedBy=" + nz(c.issuedBy()),
                "reason=" + nz(c.reason()),
                "issuedAt=" + (c.issuedAt() == null ? "" : c.issuedAt().toString()),
                "expiresAt=" + (c.expiresAt() == null ? "" : c.expiresAt().toString()),
                "nonce=" + nz(c.nonce()));
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance(ALG);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
