package io.parkgate.central.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.wire.Topics;
import org.junit.jupiter.api.Test;

class LaneAclTest {

    private final LaneAcl acl = new LaneAcl(new Topics("gardens"), "central");

    /** Verifies that a lane publishes only on its own agent channels and reads only its own central channels. */
    @Test
    void laneConfinedToItsOwnTopics() {
        assertTrue(acl.canWrite("north-in", "parkgate/gardens/lane/north-in/event"));
        assertTrue(acl.canWrite("north-in", "parkgate/gardens/lane/north-in/status"));
        assertFalse(acl.canWrite("north-in", "parkgate/gardens/lane/north-out/event"));
        assertFalse(acl.canWrite("north-in", "parkgate/gardens/lane/north-in/cmd"), "a lane forged its own command");
        assertFalse(acl.canWrite("north-in", "parkgate/gardens/lane/north-in/ack"));
        assertFalse(acl.canWrite("north-in", "parkgate/gardens/registry/delta"));
        assertTrue(acl.canRead("north-in", "parkgate/gardens/lane/north-in/cmd"));
        assertTrue(acl.canRead("north-in", "parkgate/gardens/registry/delta"));
        assertTrue(acl.canRead("north-in", "parkgate/gardens/prepaid"));
        assertTrue(acl.canRead("north-in", "parkgate/gardens/lane/north-in/prepaid"));
        assertFalse(acl.canWrite("north-in", "parkgate/gardens/prepaid"));
        assertFalse(acl.canRead("north-in", "parkgate/gardens/lane/north-out/cmd"));
        assertFalse(acl.canRead("north-in", "parkgate/gardens/lane/+/cmd"));
        assertFalse(acl.canRead("north-in", "parkgate/#"));
    }

    /** Verifies that every lane may read central's free-space count, and none may write it. */
    @Test
    void lanesReadTheFreeSpaceCount() {
        assertTrue(acl.canRead("north-in", "parkgate/gardens/spaces"));
        assertTrue(acl.canRead("north-out", "parkgate/gardens/spaces"));
        assertFalse(acl.canWrite("north-in", "parkgate/gardens/spaces"), "a lane forged the count");
        assertTrue(acl.canWrite("central", "parkgate/gardens/spaces"));
        assertTrue(acl.mosquittoAcl().contains("pattern read parkgate/gardens/spaces\n"), acl.mosquittoAcl());
    }

    /** Verifies that central may use the whole site and nothing outside it. */
    @Test
    void centralOwnsTheSite() {
        assertTrue(acl.canRead("central", "parkgate/gardens/lane/+/event"));
        assertTrue(acl.canWrite("central", "parkgate/gardens/lane/north-in/cmd"));
        assertFalse(acl.canWrite("central", "parkgate/other/lane/north-in/cmd"));
    }

    /** Verifies that the Mosquitto ACL text grants per-lane patterns by user name. */
    @Test
    void mosquittoAclUsesUserPatterns() {
        String text = acl.mosquittoAcl();
        assertTrue(text.contains("pattern write parkgate/gardens/lane/%u/event"), text);
        assertTrue(text.contains("pattern read parkgate/gardens/lane/%u/cmd"), text);
        assertTrue(text.contains("user central\ntopic readwrite parkgate/gardens/#"), text);
    }
}
