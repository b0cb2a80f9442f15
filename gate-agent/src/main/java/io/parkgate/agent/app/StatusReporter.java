package io.parkgate.agent.app;

import io.parkgate.agent.device.DeviceState;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.LaneDevice;
import io.parkgate.agent.lane.LaneInputs;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.wire.BarrierState;
import io.parkgate.wire.LaneStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns what the lane observes into the status central shows (PROTOCOLS-independent): the barrier from the
 * limit switches, each device's connection state, and whether a vehicle waits on the arming loop. Sends only
 * when something changed. Called on the lane's thread; {@code publish} must hand off.
 */
final class StatusReporter implements LaneListener {

    private final String laneId;
    private final Consumer<LaneStatus> publish;
    private final Map<LaneDevice, LaneStatus.DeviceStatus> devices = new EnumMap<>(LaneDevice.class);
    private BarrierState barrier = BarrierState.UNKNOWN;
    private int queue;
    private LaneStatus last;

    StatusReporter(String laneId, Consumer<LaneStatus> publish) {
        this.laneId = laneId;
        this.publish = publish;
    }

    @Override
    public void actions(LaneSnapshot snapshot, List<LaneAction> actions) {
        LaneInputs in = snapshot.inputs();
        barrier = in.openLimit() ? BarrierState.OPEN : in.closedLimit() ? BarrierState.CLOSED : BarrierState.MOVING;
        queue = in.armingLoop() ? 1 : 0;
        send();
    }

    @Override
    public void deviceState(LaneDevice device, DeviceState state, String detail) {
        devices.put(device, new LaneStatus.DeviceStatus(device.name(), state.name(), detail));
        send();
    }

    private void send() {
        LaneStatus now = new LaneStatus(laneId, true, null, barrier, new ArrayList<>(devices.values()), queue);
        if (last == null || last.barrier() != now.barrier() || last.queue() != now.queue()
                || !Objects.equals(last.devices(), now.devices())) {
            last = now;
            publish.accept(now);
        }
    }

    /** Both listeners, in order. */
    static LaneListener both(LaneListener first, LaneListener second) {
        return new LaneListener() {
            @Override
            public void actions(LaneSnapshot snapshot, List<LaneAction> actions) {
                first.actions(snapshot, actions);
                second.actions(snapshot, actions);
            }

            @Override
            public void deviceState(LaneDevice device, DeviceState state, String detail) {
                first.deviceState(device, state, detail);
                second.deviceState(device, state, detail);
            }
        };
    }
}
