package io.parkgate.central.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.wire.Topics;
import java.util.List;
import java.util.Set;
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

    /** Verifies that at a central of two sites whose lanes share ids, a lane is its own site's lane only. */
    @Test
    void lanesOfTwoSitesWithTheSameIds() {
        LaneAcl two = new LaneAcl(List.of(new Topics("north"), new Topics("south")), "central",
                lane -> lane.equals("in-1") ? Set.of("north", "south") : lane.equals("gate-9") ? Set.of("south")
                        : Set.of());
        assertTrue(two.canWrite("in-1@north", "parkgate/north/lane/in-1/event"));
        assertFalse(two.canWrite("in-1@north", "parkgate/south/lane/in-1/event"), "north's lane wrote at south");
        assertFalse(two.canRead("in-1@north", "parkgate/south/registry/delta"), "north's lane read south's registry");
        assertFalse(two.canRead("in-1@north", "parkgate/south/lane/in-1/cmd"), "north's lane read south's commands");
        assertTrue(two.canRead("in-1@north", "parkgate/north/registry/delta"));
        assertTrue(two.canRead("in-1@south", "parkgate/south/lane/in-1/cmd"));
        assertTrue(two.lane("in-1").isEmpty(), "the bare id names a lane of either site");
        assertFalse(two.canWrite("in-1", "parkgate/north/lane/in-1/event"));
        assertTrue(two.canWrite("gate-9", "parkgate/south/lane/gate-9/event"), "a lane id only one site has");
        assertTrue(two.lane("in-1@east").isEmpty(), "a site not served");
        assertTrue(two.canWrite("central", "parkgate/south/lane/in-1/cmd"));
        assertFalse(two.canWrite("central", "parkgate/east/lane/in-1/cmd"));
    }
}
