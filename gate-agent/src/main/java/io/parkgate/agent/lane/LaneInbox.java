package io.parkgate.agent.lane;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.protocol.io.LaneInputs;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What the lane's devices observe, queued for the lane. The drivers are built first with the inbox as their
 * sink, the {@link LaneRuntime} after them (it needs the barrier driver) and takes from the inbox once started:
 * construction in dependency order, with no driver ever holding a lane that is not built yet. Whatever arrives
 * before the lane starts waits here, in order.
 */
public final class LaneInbox implements LaneEventSink {

    private final BlockingQueue<Consumer<LaneEventSink>> queue = new LinkedBlockingQueue<>();
    private final LongConsumer identified;

    /** @param identified told, on the driver's thread, when the last byte of a card frame or plate report was read */
    public LaneInbox(LongConsumer identified) {
        this.identified = identified;
    }

    public LaneInbox() {
        this(nanos -> { });
    }

    @Override
    public void inputs(LaneInputs inputs, Instant at) {
        queue.add(lane -> lane.inputs(inputs, at));
    }

    @Override
    public void card(String cardNumber, Instant at) {
        card(cardNumber, at, System.nanoTime());
    }

    @Override
    public void card(String cardNumber, Instant at, long receivedNanos) {
        identified.accept(receivedNanos);
        queue.add(lane -> lane.card(cardNumber, at));
    }

    @Override
    public void plate(PlateRead read, Instant at) {
        plate(read, at, System.nanoTime());
    }

    @Override
    public void plate(PlateRead read, Instant at, long receivedNanos) {
        identified.accept(receivedNanos);
        queue.add(lane -> lane.plate(read, at));
    }

    @Override
    public void deviceState(LaneDevice device, DeviceState state, String detail) {
        queue.add(lane -> lane.deviceState(device, state, detail));
    }

    /** The oldest event, waiting for one. */
    Consumer<LaneEventSink> take() throws InterruptedException {
        return queue.take();
    }
}
