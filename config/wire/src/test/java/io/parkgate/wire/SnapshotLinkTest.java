package io.parkgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotLinkTest {

    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final String REF = "http://lane-pc:47090/lanes/north-in/snapshots/2026-11-22/a1.jpg";
    private final SnapshotLink link = new SnapshotLink("north-in-command-secret");

    private SnapshotLink.Check check(String signed, Instant at) {
        URI u = URI.create(signed);
        String expires = null;
        String sig = null;
        for (String kv : u.getRawQuery() == null ? new String[0] : u.getRawQuery().split("&")) {
            String[] p = kv.split("=", 2);
            if (p[0].equals("expires")) {
                expires = p[1];
            } else if (p[0].equals("sig")) {
                sig = p[1];
            }
        }
        return link.check(u.getRawPath(), expires, sig, at);
    }

    /** Verifies that a link central signs is valid at the agent until it expires, and not after. */
    @Test
    void signedLinkIsValidForItsLifetime() {
        String signed = link.sign(REF, NOW);
        assertTrue(signed.startsWith(REF + "?expires="), signed);
        assertEquals(SnapshotLink.Check.VALID, check(signed, NOW));
        assertEquals(SnapshotLink.Check.VALID, check(signed, NOW.plus(SnapshotLink.LIFETIME).minusSeconds(1)));
        assertEquals(SnapshotLink.Check.EXPIRED, check(signed, NOW.plus(SnapshotLink.LIFETIME)));
    }

    /** Verifies that an unsigned, altered, re-keyed or far-future link is refused with its reason. */
    @Test
    void forgedLinksAreRefused() {
        String signed = link.sign(REF, NOW);
        assertEquals(SnapshotLink.Check.UNSIGNED, check(REF, NOW));
        assertEquals(SnapshotLink.Check.BAD_SIGNATURE, check(signed.replace("a1.jpg", "a2.jpg"), NOW));
        assertEquals(SnapshotLink.Check.BAD_SIGNATURE, check(signed.replace("north-in", "north-out"), NOW));
        String later = signed.replaceFirst("expires=\\d+", "expires=" + NOW.plus(Duration.ofDays(1)).getEpochSecond());
        assertEquals(SnapshotLink.Check.BAD_SIGNATURE, check(later, NOW), "the expiry is signed too");
        assertEquals(SnapshotLink.Check.BAD_SIGNATURE, check(signed.replaceFirst("expires=\\d+", "expires=x"), NOW));
        assertEquals(SnapshotLink.Check.BAD_SIGNATURE,
                new SnapshotLink("another-lanes-secret").check("/lanes/north-in/snapshots/2026-11-22/a1.jpg",
                        signed.replaceAll(".*expires=(\\d+).*", "$1"), signed.replaceAll(".*sig=", ""), NOW));
        // signed by a central whose clock runs a day ahead: refused rather than valid for a day
        assertEquals(SnapshotLink.Check.TOO_FAR_AHEAD, check(link.sign(REF, NOW.plus(Duration.ofDays(1))), NOW));
    }

    /** Verifies that only http links to the lane's own snapshots count as its snapshots. */
    @Test
    void recognisesTheLanesSnapshotLinks() {
        assertTrue(SnapshotLink.isSnapshotOf("north-in", REF));
        assertFalse(SnapshotLink.isSnapshotOf("north-out", REF));
        assertFalse(SnapshotLink.isSnapshotOf("north-in", "file:///var/lib/parkgate/north-in/snapshots/a.jpg"));
        assertFalse(SnapshotLink.isSnapshotOf("north-in", "http://lane-pc/lanes/north-in/snapshots/"));
        assertFalse(SnapshotLink.isSnapshotOf("north-in", "http://lane pc/lanes/north-in/snapshots/a.jpg"));
        assertFalse(SnapshotLink.isSnapshotOf("north-in", null));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotLink("short"));
    }
}
