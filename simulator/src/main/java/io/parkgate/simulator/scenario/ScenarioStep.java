package io.parkgate.simulator.scenario;

import io.parkgate.agent.port.LaneDevice;
import io.parkgate.simulator.device.WireFault;
import io.parkgate.simulator.lane.Expectation;
import io.parkgate.simulator.lane.SimulatedVehicle;
import java.time.Duration;

/**
 * One step: at offset {@code at} from the scenario's start, in {@code lane}, either a vehicle arrives
 * (with what the barrier is expected to do), or a device puts a fault on its wire.
 *
 * @param vehicle    the arriving vehicle, or null for a fault step
 * @param expect     the expected barrier behaviour for the vehicle, or null
 * @param faultOn    for a fault step, the card reader or camera; else null
 * @param fault      for a fault step, which fault
 * @param line       where the step is in the file, for messages ({@code steps[3]})
 */
public record ScenarioStep(Duration at, String lane, SimulatedVehicle vehicle, Expectation expect,
                           LaneDevice faultOn, WireFault fault, String line) {
}
