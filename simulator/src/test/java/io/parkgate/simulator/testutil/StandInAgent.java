package io.parkgate.simulator.testutil;

import io.parkgate.protocol.io.LaneIoRegisters;
import io.parkgate.simulator.Simulator;
import io.parkgate.simulator.device.BarrierArm;
import io.parkgate.simulator.device.IoControllerSim;
import io.parkgate.simulator.report.SimEvent;
import java.time.Duration;

/**
 * An in-process stand-in for the gate agent, for tests of traffic: opens for every vehicle that
 * stops on the arming loop (one OPEN pulse per vehicle, as the agent gives) and closes once both loops are clear. It
 * writes the controller's process
 * image directly (the wire is tested elsewhere).
 */
public final class StandInAgent {

    private StandInAgent() {
    }

    public static void attach(Simulator sim) {
        attach(sim, Duration.ofMillis(2500));
    }

    /** @param reaction how long after a vehicle reaches the arming loop it opens (simulated) */
    public static void attach(Simulator sim, Duration reaction) {
        sim.events().subscribe(e -> {
            if (e.type() == SimEvent.Type.ARMING_ON) {
                IoControllerSim io = sim.lane(e.lane()).io();
                // slower than a tailgater, which is gone before anyone could authorise it
                sim.scheduler().schedule(reaction, () -> {
                    if (io.inputs().armingLoop()) {
                        io.writeCoil(LaneIoRegisters.COIL_OPEN, true);
                    }
                });
            } else if (e.type() == SimEvent.Type.SAFETY_OFF) {
                IoControllerSim io = sim.lane(e.lane()).io();
                sim.scheduler().schedule(Duration.ofMillis(300), () -> {
                    if (!io.inputs().vehicleUnderOrBefore() && io.armState() != BarrierArm.State.CLOSED) {
                        io.writeCoil(LaneIoRegisters.COIL_CLOSE, true);
                    }
                });
            }
        });
    }
}
