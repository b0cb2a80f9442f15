package io.parkgate.agent.device.card;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.FrameFaults;
import io.parkgate.agent.device.transport.LinkPump;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.card.Em4100;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An EM4100 reader (docs/protocols.md §2): decodes its stream and delivers each card presentation to
 * {@link LaneEventSink#card}. A reader repeats its frame while the card stays in the field, so the
 * same card again within the repeat window of its last frame is the same presentation.
 * Dropped frames are counted by {@link RejectReason} and logged once at WARN; a run of
 * {@value FrameFaults#FAULT_AFTER_REJECTS} with no good frame puts the device in FAULT until a good one comes.
 */
public final class CardReaderDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CardReaderDriver.class);

    public static final Duration DEFAULT_REPEAT_WINDOW = Duration.ofSeconds(2);

    private final LaneEventSink sink;
    private final Clock clock;
    private final Duration repeatWindow;
    private final DeviceMetrics metrics;
    private final Em4100.Decoder decoder;
    private final LinkPump pump;
    private final FrameFaults faults;
    /** When the chunk being decoded was read (System.nanoTime); pump thread only. */
    private long readNanos;
    private String lastCard; // pump thread only
    private Instant lastSeen = Instant.MIN;

    public CardReaderDriver(DeviceConnection connection, Duration repeatWindow, LaneEventSink sink, Clock clock,
                            DeviceMetrics metrics) {
        this.repeatWindow = Objects.requireNonNull(repeatWindow, "repeatWindow");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.faults = new FrameFaults(LaneDevice.CARD_READER, "card frame", connection, metrics, LOG);
        this.decoder = new Em4100.Decoder(new Frames());
        this.pump = new LinkPump("card-reader", connection, new LinkPump.ByteSink() {
            @Override
            public void bytes(byte[] data, int off, int len) {
                readNanos = System.nanoTime(); // a frame completed in this chunk ended in it
                sink.arriving(); // before decoding: the lane's bus is kept free from now
                decoder.accept(data, off, len);
            }

            @Override
            public void idle() {
                decoder.flushStray();
            }

            @Override
            public void connected() {
                // A frame half-received on the old link ends at the next STX.
                faults.reconnected();
            }
        });
    }

    public void start() {
        pump.start();
    }

    /** Frames dropped for {@code reason} since start. */
    public long rejectedCount(RejectReason reason) {
        return faults.count(reason);
    }

    @Override
    public void close() {
        pump.close();
    }

    private final class Frames implements FrameListener<String> {

        @Override
        public void onFrame(String cardNumber) {
            Instant at = clock.instant();
            faults.good();
            // A frame stamped before the last one came after the PC's clock was set back: a new presentation may
            // be, and the lane ignores a repeat of what it has just handled anyway.
            boolean repeat = cardNumber.equals(lastCard) && !at.isBefore(lastSeen)
                    && !at.isAfter(lastSeen.plus(repeatWindow));
            lastCard = cardNumber;
            lastSeen = at;
            if (repeat) {
                LOG.debug("card {} still in the field", cardNumber);
                return;
            }
            // Deliver first: the lane's OPEN budget starts at the frame's last byte, logging can wait.
            sink.card(cardNumber, at, readNanos);
            metrics.delivered(LaneDevice.CARD_READER);
            LOG.info("card {} presented", cardNumber);
        }

        @Override
        public void onRejected(RejectReason reason, String detail) {
            faults.rejected(reason, detail);
        }
    }
}
