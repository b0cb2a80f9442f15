package io.parkgate.simulator;

import io.parkgate.agent.port.LaneDevice;
import io.parkgate.config.TransportUri;
import io.parkgate.simulator.device.CardReaderSim;
import io.parkgate.simulator.device.DisplayModuleSim;
import io.parkgate.simulator.device.ImagingCameraSim;
import io.parkgate.simulator.device.IoControllerSim;
import io.parkgate.simulator.device.SmartCameraSim;
import io.parkgate.simulator.device.VendorCameraSim;
import io.parkgate.simulator.lane.SimulatedLane;
import io.parkgate.simulator.wire.ByteLink;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lane's simulated devices with the links they are served on, and the lane that drives them.
 *
 * @param reader null when the lane has no card reader
 * @param camera  null when the lane's camera is not a smart camera
 * @param imaging null when the lane's camera is not a simulated imaging camera
 * @param vendor  null when the lane's camera is not a vendor camera pushing over HTTP
 * @param display null when the lane has no display
 */
public record LaneHardware(SimulatedLane lane, IoControllerSim io, CardReaderSim reader, SmartCameraSim camera,
                           ImagingCameraSim imaging, VendorCameraSim vendor, DisplayModuleSim display,
                           Map<LaneDevice, ByteLink> links) implements AutoCloseable {

    public LaneHardware {
        links = links.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(links));
    }

    /** A lane without vendor camera and display. */
    public LaneHardware(SimulatedLane lane, IoControllerSim io, CardReaderSim reader, SmartCameraSim camera,
                        ImagingCameraSim imaging, Map<LaneDevice, ByteLink> links) {
        this(lane, io, reader, camera, imaging, null, null, links);
    }

    /** Where the agent reaches {@code device} of this lane, if the simulator serves it. */
    public Optional<TransportUri> agentTransport(LaneDevice device) {
        return Optional.ofNullable(links.get(device)).map(ByteLink::agentTransport);
    }

    @Override
    public void close() {
        List<ByteLink> all = new ArrayList<>(links.values());
        all.forEach(ByteLink::close);
        if (imaging != null) {
            imaging.close();
        }
        if (vendor != null) {
            vendor.close();
        }
    }
}
