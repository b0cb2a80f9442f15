package io.parkgate.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsedPrepaymentsTest {

    private static final Instant T = Instant.parse("2026-11-22T07:00:00Z");

    @Test
    void anIdIsClaimedOnceUntilReleased() {
        UsedPrepayments used = new UsedPrepayments();
        assertTrue(used.claim("R1", T));
        assertFalse(used.claim("R1", T), "a second copy arriving together cannot open too");
        used.release("R1");
        assertTrue(used.claim("R1", T.plusSeconds(60)), "it let nobody out, so a later exit may use it");
    }

    @Test
    void staysBounded() {
        UsedPrepayments used = new UsedPrepayments();
        for (int i = 0; i < UsedPrepayments.MAX + 10; i++) {
            used.claim("R" + i, T);
        }
        assertEquals(UsedPrepayments.MAX, used.size());
        used.claim("late", T.plus(UsedPrepayments.KEPT).plusSeconds(1));
        assertEquals(1, used.size(), "a day on, central no longer resends the older ones");
    }
}
