package io.parkgate.agent.device.camera;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.FrameFaults;
import io.parkgate.agent.device.transport.LinkPump;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.camera.PlateLine;
import io.parkgate.protocol.camera.PlateReport;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A smart camera (docs/protocols.md §3): decodes its {@code $PLATE} lines and delivers each report as a
 * {@link PlateRead} to {@link LaneEventSink#plate}; {@code _NONE_} becomes a plateless read (plate
 * null). Confidence is passed through: whether a read is good enough is the lane's call. Gaps in the
 * sequence number (wrapping at 65536) mean lost reports: logged at WARN and counted. A run of
 * {@value FrameFaults#FAULT_AFTER_REJECTS} dropped lines with no good one puts the device in FAULT.
 */
public final class SmartCameraDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmartCameraDriver.class);

    private static final int SEQ_MODULUS = 65_536;

    private final LaneEventSink sink;
    private final Clock clock;
    private final DeviceMetrics metrics;
    private final AtomicLong lostReports = new AtomicLong();
    private final PlateLine.Decoder decoder;
    private final LinkPump pump;
    private final FrameFaults faults;
    /** When the chunk being decoded was read (System.nanoTime); pump thread only. */
    private long readNanos;
    private int lastSeq = -1; // pump thread only; -1: no report yet on this link

    public SmartCameraDriver(DeviceConnection connection, LaneEventSink sink, Clock clock, DeviceMetrics metrics) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.faults = new FrameFaults(LaneDevice.CAMERA, "camera line", connection, metrics, LOG);
        this.decoder = new PlateLine.Decoder(new Lines());
        this.pump = new LinkPump("camera", connection, new LinkPump.ByteSink() {
            @Override
            public void bytes(byte[] data, int off, int len) {
                readNanos = System.nanoTime(); // a frame completed in this chunk ended in it
                sink.arriving(); // before decoding: the lane's bus is kept free from now
                decoder.accept(data, off, len);
            }

            @Override
            public void connected() {
                // The camera may have restarted while we were away: its numbering starts afresh.
                lastSeq = -1;
                faults.reconnected();
            }
        });
    }

    public void start() {
        pump.start();
    }

    /** Lines dropped for {@code reason} since start. */
    public long rejectedCount(RejectReason reason) {
        return faults.count(reason);
    }

    /** Reports the sequence numbers say were lost since start. */
    public long lostReports() {
        return lostReports.get();
    }

    @Override
    public void close() {
        pump.close();
    }

    /** How many reports were skipped between {@code previous} and {@code seq}; 0 when consecutive. */
    static int gap(int previous, int seq) {
        return Math.floorMod(seq - previous - 1, SEQ_MODULUS);
    }

    private final class Lines implements FrameListener<PlateReport> {

        @Override
        public void onFrame(PlateReport report) {
            // Deliver first: the lane's OPEN budget starts at the line's last byte.
            PlateRead read = new PlateRead(report.plateless() ? null : report.plate(), report.colour(),
                    report.confidence(), null);
            sink.plate(read, clock.instant(), readNanos);
            metrics.delivered(LaneDevice.CAMERA);
            LOG.info("plate {} {} confidence {} (seq {})", report.plateless() ? "(none)" : report.plate(),
                    report.colour(), report.confidence(), report.seq());
            checkSequence(report.seq());
            faults.good();
        }

        private void checkSequence(int seq) {
            if (lastSeq >= 0) {
                int lost = gap(lastSeq, seq);
                if (lost == SEQ_MODULUS - 1) {
                    LOG.warn("camera repeated report {}", seq);
                } else if (lost > 0) {
                    LOG.warn("camera reports lost: {} between {} and {}", lost, lastSeq, seq);
                    lostReports.addAndGet(lost);
                    metrics.plateReportsLost(lost);
                }
            }
            lastSeq = seq;
        }

        @Override
        public void onRejected(RejectReason reason, String detail) {
            faults.rejected(reason, detail);
        }
    }
}
