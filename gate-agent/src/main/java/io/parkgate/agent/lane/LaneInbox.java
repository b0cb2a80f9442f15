package io.parkgate.agent.lane;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.protocol.io.LaneInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What the lane's devices observe, on its way to the lane. The drivers are built first with the inbox as their
 * sink, the {@link LaneRuntime} after them (it needs the barrier driver) and attaches itself once started:
 * construction in dependency order, with no driver ever holding a lane that is not built yet. Whatever arrives
 * before the lane starts waits here, in order; after that each event goes straight from the driver's thread to
 * the lane's, with no thread of its own in between (a hand-off costs a wake-up on the OPEN path).
 */
public final class LaneInbox implements LaneEventSink {

    private final LongConsumer identified;
    private final List<Consumer<LaneEventSink>> early = new ArrayList<>(); // guarded by this
    private volatile LaneEventSink lane; // set once, under this, after what waited in early was handed over
    private volatile boolean closed;

    /** @param identified told, on the driver's thread, when the last byte of a card frame or plate report was read */
    public LaneInbox(LongConsumer identified) {
        this.identified = identified;
    }

    public LaneInbox() {
        this(nanos -> { });
    }

    @Override
    public void inputs(LaneInputs inputs, Instant at) {
        deliver(lane -> lane.inputs(inputs, at));
    }

    @Override
    public void card(String cardNumber, Instant at) {
        card(cardNumber, at, System.nanoTime());
    }

    @Override
    public void card(String cardNumber, Instant at, long receivedNanos) {
        identified.accept(receivedNanos);
        deliver(lane -> lane.card(cardNumber, at));
    }

    @Override
    public void plate(PlateRead read, Instant at) {
        plate(read, at, System.nanoTime());
    }

    @Override
    public void plate(PlateRead read, Instant at, long receivedNanos) {
        identified.accept(receivedNanos);
        deliver(lane -> lane.plate(read, at));
    }

    @Override
    public void arriving() {
        LaneEventSink target = lane;
        if (target != null) { // a lane not started yet has no barrier to prepare
            target.arriving();
        }
    }

    @Override
    public void deviceState(LaneDevice device, DeviceState state, String detail) {
        deliver(lane -> lane.deviceState(device, state, detail));
    }

    private void deliver(Consumer<LaneEventSink> event) {
        LaneEventSink target = lane;
        if (target == null) {
            synchronized (this) {
                target = lane;
                if (target == null) {
                    if (!closed) {
                        early.add(event);
                    }
                    return;
                }
            }
        }
        if (!closed) {
            event.accept(target);
        }
    }

    /**
     * Hands what waited to {@code target}, in arrival order, then delivers every later event to it directly. A
     * driver delivering meanwhile waits for the hand-over, so nothing overtakes what came before it.
     */
    synchronized void attach(LaneEventSink target) {
        if (lane != null) {
            throw new IllegalStateException("the inbox is attached already");
        }
        for (Consumer<LaneEventSink> event : early) {
            event.accept(target);
        }
        early.clear();
        lane = target;
    }

    /** The lane is stopping: what the drivers still report concerns a lane that no longer decides. */
    void close() {
        closed = true;
        synchronized (this) {
            early.clear();
        }
    }
}
