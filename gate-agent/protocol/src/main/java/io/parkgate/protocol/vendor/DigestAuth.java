package io.parkgate.protocol.vendor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server side of HTTP digest authentication (RFC 7616 with MD5 and {@code qop=auth}, as Dahua cameras
 * speak it): issues nonces, checks a request's {@code Authorization} header. Nonces live
 * {@link #NONCE_LIFE} and are kept in a bounded table, so a flood of challenges cannot grow memory.
 */
public final class DigestAuth {

    public static final Duration NONCE_LIFE = Duration.ofMinutes(10);
    private static final int MAX_NONCES = 1024;

    private final String realm;
    private final String username;
    private final String password;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> nonces = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_NONCES;
        }
    };

    public DigestAuth(String realm, String username, String password, Clock clock) {
        this.realm = realm;
        this.username = username;
        this.password = password;
        this.clock = clock;
    }

    /** A fresh {@code WWW-Authenticate} value. */
    public String challenge() {
        return challenge(false);
    }

    /** A fresh {@code WWW-Authenticate} value; {@code stale} tells the client its credentials were right. */
    public synchronized String challenge(boolean stale) {
        byte[] n = new byte[16];
        random.nextBytes(n);
        String nonce = HexFormat.of().formatHex(n);
        nonces.put(nonce, clock.instant().plus(NONCE_LIFE));
        return "Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + nonce + "\""
                + (stale ? ", stale=true" : "");
    }

    /** What a request's credentials come to. */
    public enum Check {
        /** The configured user, proven. */
        OK,
        /** No digest credentials: the normal first request, answered with a challenge. */
        MISSING,
        /** Right form, but on a nonce this server no longer knows (expired, or before a restart): challenge again. */
        STALE,
        /** Wrong user, password or URI: counted and logged. */
        WRONG
    }

    /** Whether {@code authorization} proves the configured user for {@code method} and {@code uri}. */
    public boolean verify(String authorization, String method, String uri) {
        return check(authorization, method, uri) == Check.OK;
    }

    public Check check(String authorization, String method, String uri) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Check.MISSING;
        }
        Map<String, String> p = params(authorization.substring(7));
        String nonce = p.get("nonce");
        synchronized (this) {
            Instant until = nonce == null ? null : nonces.get(nonce);
            if (until == null || clock.instant().isAfter(until)) {
                return Check.STALE;
            }
        }
        if (!username.equals(p.get("username")) || !realm.equals(p.get("realm")) || p.get("response") == null) {
            return Check.WRONG;
        }
        String digestUri = p.getOrDefault("uri", "");
        if (!digestUri.equals(uri)) {
            return Check.WRONG;
        }
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + digestUri);
        String qop = p.get("qop");
        String expected = qop == null ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + p.getOrDefault("nc", "") + ":" + p.getOrDefault("cnonce", "") + ":"
                        + qop + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("response").toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))
                ? Check.OK : Check.WRONG;
    }

    /** The client's side, for the simulator and tests: an Authorization header answering {@code challenge}. */
    public static String answer(String challenge, String username, String password, String method, String uri,
                                String cnonce) {
        Map<String, String> c = params(challenge.substring(challenge.indexOf(' ') + 1));
        String ha1 = md5(username + ":" + c.get("realm") + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String nc = "00000001";
        String response = md5(ha1 + ":" + c.get("nonce") + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + username + "\", realm=\"" + c.get("realm") + "\", nonce=\"" + c.get("nonce")
                + "\", uri=\"" + uri + "\", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\""
                + response + "\", algorithm=MD5";
    }

    static Map<String, String> params(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(java.util.Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < s.length() && s.charAt(i) == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    break;
                }
                value = s.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = s.indexOf(',', i);
                end = end < 0 ? s.length() : end;
                value = s.substring(i, end).trim();
                i = end;
            }
            out.put(key, value);
        }
        return out;
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
