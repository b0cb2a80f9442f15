package io.parkgate.wire;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, short-lived links to a lane's snapshots. A snapshot shows a resident's car and plate, so the agent
 * serves one only for a link central made for a signed-in console user: HMAC-SHA256 keyed by the lane's
 * command secret (which only central and that lane hold) over a fixed label, the link's path and its expiry.
 * The label keeps a link's signature from ever being valid as a command's.
 */
public final class SnapshotLink {

    /** How long a link central hands to the console stays valid. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    /** The furthest expiry an agent accepts: the lifetime plus the clock skew between central and a lane PC. */
    public static final Duration LONGEST_AHEAD = LIFETIME.plus(Duration.ofMinutes(5));

    /** What an agent makes of a request's link. */
    public enum Check {
        VALID("valid"),
        UNSIGNED("the link carries no signature; open the photo from the console"),
        EXPIRED("the link has expired; reload the console page for a fresh one"),
        TOO_FAR_AHEAD("the link's expiry lies too far ahead; check the clocks of central and this lane PC"),
        BAD_SIGNATURE("the link's signature does not match this lane");

        private final String reason;

        Check(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private static final String ALG = "HmacSHA256";
    private static final String LABEL = "parkgate-snapshot-link";
    private final SecretKeySpec key;

    public SnapshotLink(String laneSecret) {
        if (laneSecret == null || laneSecret.length() < 16) {
            throw new IllegalArgumentException("lane secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(laneSecret.getBytes(StandardCharsets.UTF_8), ALG);
    }

    /** The path under which an agent serves {@code laneId}'s snapshot {@code name}. */
    public static String path(String laneId, String name) {
        return "/lanes/" + laneId + "/snapshots/" + name;
    }

    /** True when {@code ref} is an http(s) link to one of {@code laneId}'s snapshots on its agent. */
    public static boolean isSnapshotOf(String laneId, String ref) {
        if (ref == null || laneId == null || !(ref.startsWith("http://") || ref.startsWith("https://"))) {
            return false;
        }
        try {
            String p = URI.create(ref).getRawPath();
            return p != null && p.startsWith(path(laneId, "")) && p.length() > path(laneId, "").length();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code ref} (a link to the lane's snapshot, without a query) signed to expire {@link #LIFETIME} after now. */
    public String sign(String ref, Instant now) {
        String bare = ref.contains("?") ? ref.substring(0, ref.indexOf('?')) : ref;
        long expires = now.plus(LIFETIME).getEpochSecond();
        return bare + "?expires=" + expires + "&sig=" + hmac(URI.create(bare).getRawPath(), expires);
    }

    /**
     * Checks a request for a snapshot.
     *
     * @param path    the request's raw path
     * @param expires the {@code expires} parameter (epoch seconds), or null
     * @param sig     the {@code sig} parameter, or null
     */
    public Check check(String path, String expires, String sig, Instant now) {
        if (expires == null || sig == null || expires.isEmpty() || sig.isEmpty()) {
            return Check.UNSIGNED;
        }
        long at;
        try {
            at = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return Check.BAD_SIGNATURE;
        }
        byte[] expected = hmac(path, at).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
            return Check.BAD_SIGNATURE;
        }
        if (at <= now.getEpochSecond()) {
            return Check.EXPIRED;
        }
        if (at > now.plus(LONGEST_AHEAD).getEpochSecond()) {
            return Check.TOO_FAR_AHEAD;
        }
        return Check.VALID;
    }

    private String hmac(String path, long expires) {
        try {
            Mac mac = Mac.getInstance(ALG);
            mac.init(key);
            String text = LABEL + "\n" + path + "\n" + expires;
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
