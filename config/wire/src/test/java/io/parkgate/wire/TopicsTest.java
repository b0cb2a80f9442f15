package io.parkgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicsTest {

    /** Verifies that lane topics are built and parsed back, and foreign or malformed topics are not parsed. */
    @Test
    void buildAndParse() {
        Topics t = new Topics("gardens");
        assertEquals("parkgate/gardens/lane/north-in/event", t.lane("north-in", Topics.Channel.EVENT));
        assertEquals(new Topics.LaneTopic("north-in", Topics.Channel.EVENT),
                t.parse("parkgate/gardens/lane/north-in/event").orElseThrow());
        assertTrue(t.parse("parkgate/other/lane/north-in/event").isEmpty());
        assertTrue(t.parse("parkgate/gardens/lane/north-in/event/x").isEmpty());
        assertTrue(t.parse("parkgate/gardens/lane/north-in/nope").isEmpty());
        assertEquals("parkgate/gardens/lane/+/status", t.allLanes(Topics.Channel.STATUS));
    }

    /** Verifies that ids with wildcards or separators are refused. */
    @Test
    void wildcardIdsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Topics("a/b"));
        assertThrows(IllegalArgumentException.class, () -> new Topics("gardens").lane("#", Topics.Channel.EVENT));
        assertThrows(IllegalArgumentException.class, () -> new Topics("gardens").lane("+", Topics.Channel.EVENT));
    }
}
