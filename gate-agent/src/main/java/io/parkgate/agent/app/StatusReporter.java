package io.parkgate.agent.app;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.agent.lane.LaneStateMachine;
import io.parkgate.agent.lane.VehicleVisit;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.wire.BarrierState;
import io.parkgate.wire.LaneStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns what the lane observes into the status central shows (PROTOCOLS-independent): the barrier from the
 * limit switches, each device's connection state, whether a vehicle waits on the arming loop, and the vehicle
 * held after the decision (fee or supervisor). Sends only
 * when something changed. Called on the lane's thread; {@code publish} must hand off.
 */
final class StatusReporter implements LaneListener {

    private final String laneId;
    private final Consumer<LaneStatus> publish;
    private final Map<LaneDevice, LaneStatus.DeviceStatus> devices = new EnumMap<>(LaneDevice.class);
    private BarrierState barrier = BarrierState.UNKNOWN;
    private int queue;
    private LaneStatus.Waiting waiting;
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
        waiting = waiting(snapshot);
        send();
    }

    /** The decided but unreleased vehicle, for the attendant's console (a fee hold is no lane event). */
    private static LaneStatus.Waiting waiting(LaneSnapshot s) {
        Decision d = s.decision();
        VehicleVisit v = s.visit();
        if (s.phase() != LaneStateMachine.Phase.WAITING || d == null || v == null) {
            return null;
        }
        PlateRead read = v.plate();
        return new LaneStatus.Waiting(v.eventId(), v.arrivedAt(), d.plate(), d.plateAsRead(),
                read == null ? null : read.confidence(), d.card(), d.verdict().name(), d.code().name(), d.reason(),
                d.fee() == null ? null : d.fee().fen(), read == null ? null : read.snapshotRef());
    }

    @Override
    public void deviceState(LaneDevice device, DeviceState state, String detail) {
        devices.put(device, new LaneStatus.DeviceStatus(device.name(), state.name(), detail));
        send();
    }

    private void send() {
        LaneStatus now = new LaneStatus(laneId, true, null, barrier, new ArrayList<>(devices.values()), queue,
                waiting);
        if (last == null || last.barrier() != now.barrier() || last.queue() != now.queue()
                || !Objects.equals(last.devices(), now.devices()) || !Objects.equals(last.waiting(), now.waiting())) {
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

            @Override
            public void openTiming(Duration decision, Duration journal) {
                first.openTiming(decision, journal);
                second.openTiming(decision, journal);
            }

            @Override
            public void clockStepped(Duration step) {
                first.clockStepped(step);
                second.clockStepped(step);
            }
        };
    }
}
