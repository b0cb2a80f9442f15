package io.parkgate.central.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end through central's embedded Moquette broker. */
class EmbeddedBrokerIT {

    @TempDir
    Path dir;

    /** Verifies that a registry change reaches a running agent within a second, after its first snapshot. */
    @Test
    void registryChangeReachesAgent() throws Exception {
        try (CentralFixture f = new CentralFixture(dir.resolve("central"))) {
            Scenarios.registryReachesAgent(f, f.central.brokerUrl(), dir.resolve("agent"));
        }
    }

    /** Verifies that a held vehicle is resolved through the API and the agent receives a verified release. */
    @Test
    void heldVehicleReleased() throws Exception {
        try (CentralFixture f = new CentralFixture(dir.resolve("central"))) {
            Scenarios.heldVehicleReleased(f, f.central.brokerUrl(), dir.resolve("agent"));
        }
    }
}
