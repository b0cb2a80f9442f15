package io.parkgate.agent.app;

import io.parkgate.agent.uplink.CommandSink;
import io.parkgate.agent.uplink.PrepaymentSink;
import io.parkgate.wire.Command;
import io.parkgate.wire.Prepayment;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What central asks of the lane (authenticated commands, payments made away from the lane), queued in
 * arrival order. The uplink is built first with this as its sink; {@link LaneOrders}, built once the lane
 * runtime exists, carries the orders out. Nothing is lost while the lane is still being built.
 */
final class CentralOrders implements CommandSink, PrepaymentSink {

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    @Override
    public void accept(Command command) {
        queue.add(command);
    }

    @Override
    public void prepaid(Prepayment prepayment) {
        queue.add(prepayment);
    }

    /** The oldest order (a {@link Command} or a {@link Prepayment}), waiting for one. */
    Object take() throws InterruptedException {
        return queue.take();
    }
}
