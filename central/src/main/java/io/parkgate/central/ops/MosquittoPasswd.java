package io.parkgate.central.ops;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Lines of a Mosquitto password file as {@code mosquitto_passwd} (Mosquitto 2.0) writes them:
 * {@code user:$7$<iterations>$<base64 salt>$<base64 PBKDF2-HMAC-SHA512>}, 12-byte salt, 64-byte hash,
 * 101 iterations by default. Central writes them itself so an operator never hand-edits the file.
 */
public final class MosquittoPasswd {

    static final int ITERATIONS = 101;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MosquittoPasswd() {
    }

    public static String line(String user, String password) {
        if (user.contains(":") || user.isBlank()) {
            throw new IllegalArgumentException("MQTT user '" + user + "' cannot be in a Mosquitto password file");
        }
        byte[] salt = new byte[12];
        RANDOM.nextBytes(salt);
        return user + ":$7$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash(password, salt, ITERATIONS));
    }

    /** Whether {@code line} (as mosquitto_passwd writes it) accepts {@code password}. */
    public static boolean matches(String line, String password) {
        String[] p = line.substring(line.indexOf(':') + 1).split("\\$");
        if (p.length != 5 || !p[1].equals("7")) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(p[4]);
        return java.security.MessageDigest.isEqual(expected,
                hash(password, Base64.getDecoder().decode(p[3]), Integer.parseInt(p[2])));
    }

    private static byte[] hash(String password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 512)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 unavailable", e);
        }
    }
}
