package io.parkgate.agent.device.transport;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.protocol.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The dropped frames of one framed device link (card reader, smart camera): each counted by reason, metered
 * and logged once, and a run of {@value #FAULT_AFTER_REJECTS} with no good frame between puts the connection in
 * FAULT, typically a wrong baud rate or a device set to another output format. A good frame ends the run.
 * Called on the link's pump thread only, except {@link #count}.
 */
public final class FrameFaults {

    /** This many dropped frames in a row, and no good one, mean the device is not speaking our protocol. */
    public static final int FAULT_AFTER_REJECTS = 5;

    private final LaneDevice device;
    private final String frame;
    private final DeviceConnection connection;
    private final DeviceMetrics metrics;
    private final Logger log;
    private final Map<RejectReason, AtomicLong> rejected = new EnumMap<>(RejectReason.class);
    private int inARow;

    /**
     * @param frame what the device sends, for the log and the fault reason ("card frame", "camera line")
     * @param log the driver's logger, so the lane's story names the device that dropped the frame
     */
    public FrameFaults(LaneDevice device, String frame, DeviceConnection connection, DeviceMetrics metrics,
                       Logger log) {
        this.device = Objects.requireNonNull(device, "device");
        this.frame = Objects.requireNonNull(frame, "frame");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.log = Objects.requireNonNull(log, "log");
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, new AtomicLong());
        }
    }

    /** A frame was dropped: counted, said once at WARN, and the fifth in a row faults the connection. */
    public void rejected(RejectReason reason, String detail) {
        rejected.get(reason).incrementAndGet();
        metrics.frameRejected(device, reason);
        log.warn("{} dropped ({}): {}", frame, reason, detail); // counted: each bad frame said once
        if (++inARow == FAULT_AFTER_REJECTS) {
            connection.faulted(FAULT_AFTER_REJECTS + " " + frame + "s in a row dropped, last " + reason + ": "
                    + detail);
        }
    }

    /** A good frame: ends a run of drops, and a fault it had caused. */
    public void good() {
        if (inARow >= FAULT_AFTER_REJECTS) {
            connection.healthy("good " + frame + "s again");
        }
        inARow = 0;
    }

    /** The link was (re)opened: drops on the old link do not count toward a fault on the new one. */
    public void reconnected() {
        inARow = 0;
    }

    /** Frames dropped for {@code reason} since start; any thread. */
    public long count(RejectReason reason) {
        return rejected.get(reason).get();
    }
}
