package io.parkgate.agent.lane;

import io.parkgate.agent.decision.Decision;
import io.parkgate.protocol.io.LaneInputs;

/** What a lane looks like now: for the console and status reports. */
public record LaneSnapshot(String laneId, LaneStateMachine.Phase phase, LaneInputs inputs, VehicleVisit visit,
                           Decision decision) {
}
