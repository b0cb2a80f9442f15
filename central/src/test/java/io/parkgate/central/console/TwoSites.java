package io.parkgate.central.console;

import io.parkgate.central.Central;
import io.parkgate.central.it.TestAgent;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.mqtt.LaneAcl;
import io.parkgate.config.Direction;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** One central for two compounds, north and south, each with an exit lane of the same id: the console tests' group. */
final class TwoSites {

    static final String NORTH = "north";
    static final String SOUTH = "south";
    static final String LANE = "out-1";

    private TwoSites() {
    }

    /** A site's one lane, with its MQTT password and command secret. */
    static List<LaneDefinition> lanes(String site) {
        return List.of(new LaneDefinition(LANE, site + "-gate", Direction.OUT, site + "-password",
                site + "-command-secret-0123456789"));
    }

    /** A real agent uplink of {@code site}'s lane on {@code central}'s broker, its files under {@code dir}. */
    static TestAgent agent(Central central, String site, Path dir) {
        return new TestAgent(List.of(central.brokerUrl()), site, LANE, LaneAcl.laneUser(site, LANE),
                site + "-password", site + "-command-secret-0123456789", dir.resolve("agent-" + site),
                Clock.systemUTC(), 0);
    }
}
