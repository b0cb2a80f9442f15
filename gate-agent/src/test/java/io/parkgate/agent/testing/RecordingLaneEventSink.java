package io.parkgate.agent.testing;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.protocol.io.LaneInputs;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link LaneEventSink} that keeps everything it is told, for assertions; thread-safe. */
public final class RecordingLaneEventSink implements LaneEventSink {

    /** One device-state report. */
    public record StateChange(LaneDevice device, DeviceState state, String detail) {
    }

    public final List<LaneInputs> inputs = new CopyOnWriteArrayList<>();
    public final List<String> cards = new CopyOnWriteArrayList<>();
    public final List<Instant> cardTimes = new CopyOnWriteArrayList<>();
    public final List<PlateRead> plates = new CopyOnWriteArrayList<>();
    /** When (System.nanoTime) the last byte of each card frame or plate report was read, as the driver said. */
    public final List<Long> readNanos = new CopyOnWriteArrayList<>();
    public final List<StateChange> states = new CopyOnWriteArrayList<>();
    /** Every event in order, by kind ("arriving", "card", "plate"), to check what came before what. */
    public final List<String> order = new CopyOnWriteArrayList<>();

    @Override
    public void arriving() {
        order.add("arriving");
    }

    @Override
    public void inputs(LaneInputs in, Instant at) {
        inputs.add(in);
    }

    @Override
    public void card(String cardNumber, Instant at) {
        order.add("card");
        cards.add(cardNumber);
        cardTimes.add(at);
    }

    @Override
    public void card(String cardNumber, Instant at, long receivedNanos) {
        readNanos.add(receivedNanos);
        card(cardNumber, at);
    }

    @Override
    public void plate(PlateRead read, Instant at) {
        order.add("plate");
        plates.add(read);
    }

    @Override
    public void plate(PlateRead read, Instant at, long receivedNanos) {
        readNanos.add(receivedNanos);
        plate(read, at);
    }

    @Override
    public void deviceState(LaneDevice device, DeviceState state, String detail) {
        states.add(new StateChange(device, state, detail));
    }

    /** The states reported so far, in order. */
    public List<DeviceState> stateSequence() {
        return states.stream().map(StateChange::state).toList();
    }

    /** The last state reported, or null. */
    public DeviceState lastState() {
        return states.isEmpty() ? null : states.get(states.size() - 1).state();
    }
}
