package io.parkgate.central.lane;

import io.parkgate.config.Direction;
import io.parkgate.wire.LaneStatus;

/**
 * A provisioned lane as the console shows it: where it is and what it last reported.
 *
 * @param name   its name from the site file (北门入口), or null when it has none
 * @param status its last status; offline until it reports
 */
public record LaneView(String laneId, String post, Direction direction, String name, LaneStatus status) {
}
