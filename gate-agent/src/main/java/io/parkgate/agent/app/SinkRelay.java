package io.parkgate.agent.app;

import io.parkgate.agent.device.DeviceState;
import io.parkgate.agent.lane.LaneDevice;
import io.parkgate.agent.lane.LaneEventSink;
import io.parkgate.agent.lane.LaneInputs;
import io.parkgate.agent.lane.PlateRead;
import java.time.Instant;

/**
 * Breaks the construction cycle between the lane runtime (which needs the barrier driver) and the
 * drivers (which need somewhere to deliver events): drivers are built against this relay, which is
 * pointed at the runtime before any driver starts.
 */
final class SinkRelay implements LaneEventSink {

    private final Runnable identified;
    private volatile LaneEventSink target;

    /** @param identified told of every card and plate on its way to the lane (starts the OPEN latency clock) */
    SinkRelay(Runnable identified) {
        this.identified = identified;
    }

    void connect(LaneEventSink runtime) {
        this.target = runtime;
    }

    @Override
    public void inputs(LaneInputs inputs, Instant at) {
        target.inputs(inputs, at);
    }

    @Override
    public void card(String cardNumber, Instant at) {
        identified.run();
        target.card(cardNumber, at);
    }

    @Override
    public void plate(PlateRead read, Instant at) {
        identified.run();
        target.plate(read, at);
    }

    @Override
    public void deviceState(LaneDevice device, DeviceState state, String detail) {
        target.deviceState(device, state, detail);
    }
}
